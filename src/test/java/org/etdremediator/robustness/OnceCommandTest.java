package org.etdremediator.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.etdremediator.agent.SiteRecord;
import org.etdremediator.cli.CommandRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The once command when something is wrong")
class OnceCommandTest extends SiteTest {

  private CommandRun.Result once() {
    harness.set("sma", "maxAttempts", 2).writeConfig();
    return CommandRun.run("once", "--config", harness.configFile().toString());
  }

  @Test
  @DisplayName("exits 1 when the SMA cannot be reached, with every conviction kept pending")
  void smaUnreachableExitsOne() throws IOException {
    SiteRecord.publish(site, 71, 8, Duration.ofMinutes(30), true);
    harness.set("sma", "baseUrl", PendingWorkTest.refusingUrl());
    CommandRun.Result r = once();
    assertEquals(1, r.code(), r.err());
    CommandRun.Result status =
        CommandRun.run("status", "--config", harness.configFile().toString());
    assertTrue(
        status.out().contains("pending: " + site.mustRemediate().size()),
        "pending on disk:\n" + status.out());
  }

  @Test
  @DisplayName("exits 0 when every conviction was remediated")
  void allDoneExitsZero() {
    SiteRecord.publish(site, 72, 8, Duration.ofMinutes(30), true);
    assertEquals(0, once().code());
    SiteRecord.assertExactlyOnce(site);
  }

  @Test
  @DisplayName("a truncated state file: exits 1 naming the file, no stack trace, file kept")
  void corruptStateIsReported() throws IOException {
    assertEquals(0, once().code(), "a first run leaves a state directory");
    Path checkpoint = harness.stateDir().resolve("checkpoint.json");
    String whole = Files.readString(checkpoint);
    Files.writeString(checkpoint, whole.substring(0, whole.length() / 2));
    CommandRun.Result r = once();
    assertEquals(1, r.code());
    assertTrue(r.err().contains(checkpoint.toString()), "names the file:\n" + r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    assertEquals(whole.substring(0, whole.length() / 2), Files.readString(checkpoint));
  }
}
