package org.etdremediator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.etdremediator.cli.Main;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.Fault;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("status shows what the agent did")
class StatusTest extends OnSimulatedSite {

  @Test
  @DisplayName("status prints the ledger, pending and failed items, checkpoint and last cycle")
  void printsState(VertxTestContext ctx) {
    JsonObject remediated = Messages.conviction();
    JsonObject failing = Messages.recent();
    JsonObject untracked = Messages.recent();
    publish(remediated);
    harness.configure(c -> c.getJsonObject("sma").put("giveUpAfter", "1ms"));
    harness
        .startOnce()
        .compose(
            agent ->
                agent
                    .runCycle()
                    .compose(
                        first -> {
                          publish(failing);
                          site.publish(List.of(untracked), false);
                          // Refused twice: kept pending at first sight, given up on at the next.
                          site.sma().faults().next(Endpoint.SMA_REMEDIATION, Fault.status(400), 2);
                          return agent.runCycle();
                        })
                    .compose(second -> agent.runCycle())
                    .eventually(agent::stop))
        .onComplete(
            checked(
                ctx,
                last -> {
                  String out = status();
                  assertTrue(out.contains("remediated ids remembered: 1\n"), out);
                  assertTrue(out.contains("\npending: 1\n  " + untracked.getString("id")), out);
                  assertTrue(out.contains("not yet in SMA message tracking"), out);
                  assertTrue(out.contains("\nfailed: 1\n  " + failing.getString("id")), out);
                  assertTrue(out.contains("gave up after"), out);
                  assertTrue(out.contains("checkpoint: 20"), out);
                  assertTrue(
                      out.contains(
                          // The SMA refused one message for good, so the cycle counts as failed.
                          "last cycle: FAILED, started "
                              + last.startedAt()
                              + ", finished "
                              + last.finishedAt()
                              + ": found "
                              + last.found()),
                      out);
                }));
  }

  private String status() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute("status", "--config", harness.configFile().toString());
      assertEquals(0, code, "exit code");
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
