package org.etdremediator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The log at INFO: a line a cycle and a line a remediation, nothing else per message")
class LogLinesTest extends OnSimulatedSite {

  @Test
  @DisplayName(
      "two cycles over remediated, skipped and pending messages log two summaries, one line per"
          + " remediation, and no other line naming a message")
  void infoLines(VertxTestContext ctx) {
    List<JsonObject> toRemediate = new ArrayList<>();
    List<JsonObject> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      JsonObject remediate = Messages.conviction();
      JsonObject outgoing = Messages.conviction().put("direction", "outgoing");
      JsonObject untracked = Messages.conviction();
      publish(remediate, outgoing);
      site.publish(List.of(untracked), false);
      toRemediate.add(remediate);
      all.addAll(List.of(remediate, outgoing, untracked));
    }
    LogCapture log = LogCapture.info();
    harness
        .startOnce()
        .compose(agent -> agent.runCycle().compose(s -> agent.runCycle()).eventually(agent::stop))
        .eventually(log::closed)
        .onComplete(
            checked(
                ctx,
                last -> {
                  List<String> info = log.at(Level.INFO);
                  assertEquals(2, info.stream().filter(l -> l.startsWith("cycle done")).count());
                  List<String> remediations =
                      info.stream().filter(l -> l.startsWith("remediated ")).toList();
                  assertEquals(toRemediate.size(), remediations.size(), info.toString());
                  for (JsonObject m : toRemediate) {
                    assertEquals(
                        1,
                        remediations.stream().filter(l -> l.contains(m.getString("id"))).count());
                  }
                  for (String line : info) {
                    if (line.startsWith("remediated ")) {
                      continue;
                    }
                    for (JsonObject m : all) {
                      assertTrue(
                          !line.contains(m.getString("id"))
                              && !line.contains(m.getString("internetMessageId")),
                          "a line about one message: " + line);
                    }
                  }
                }));
  }
}
