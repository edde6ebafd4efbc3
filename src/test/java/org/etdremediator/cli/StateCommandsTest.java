package org.etdremediator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.etdremediator.ledger.Checkpoint;
import org.etdremediator.ledger.Remediation;
import org.etdremediator.ledger.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The state commands")
class StateCommandsTest {
  @TempDir Path work;
  private Path state;
  private Path config;
  private Vertx vertx;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    state = work.resolve("state");
    config = work.resolve("etd-remediator.yaml");
    Files.writeString(config, "state:\n  dir: " + state + "\n");
  }

  @AfterEach
  void tearDown() throws Exception {
    AgentProcess.await(vertx.close(), 30);
  }

  private static CommandRun.Result run(String... args) {
    return CommandRun.run(args);
  }

  /** 210 remediations in the snapshot, 7 in the journal, and a checkpoint. */
  private void usedState() throws Exception {
    Instant now = Instant.now();
    StateStore store =
        AgentProcess.await(
            StateStore.open(vertx, state, Duration.ofDays(14), Clock.systemUTC()), 30);
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 217; i++) {
      if (i == 210) {
        AgentProcess.await(Future.all(writes), 30);
        AgentProcess.await(store.compact(), 30);
      }
      String id = new UUID(0x1234_5678_9abc_4defL, 0x8000_0000_0000_0000L | i).toString();
      writes.add(store.recordRemediated(new Remediation(id, now, "phishing", "delete", 202, 1)));
    }
    writes.add(store.saveCheckpoint(Checkpoint.empty().withSearchedUntil(now)));
    AgentProcess.await(Future.all(writes), 30);
    AgentProcess.await(store.close(), 30);
  }

  private Path journalWithRecords() throws Exception {
    try (Stream<Path> files = Files.list(state)) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().startsWith("journal-") && Files.size(f) > 0) {
          return f;
        }
      }
    }
    throw new AssertionError("no journal with records in " + state);
  }

  /** Three remediations, then a journal with a damaged line among copies of them. */
  private void corruptJournal() throws Exception {
    Instant now = Instant.now();
    StateStore store =
        AgentProcess.await(
            StateStore.open(vertx, state, Duration.ofDays(14), Clock.systemUTC()), 30);
    for (int i = 0; i < 3; i++) {
      String id = new UUID(1, 0x8000_0000_0000_0000L | i).toString();
      AgentProcess.await(
          store.recordRemediated(new Remediation(id, now, "phishing", "delete", 202, 1)), 30);
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(journalWithRecords()));
    lines.add(1, "this is not json");
    AgentProcess.await(store.close(), 30);
    Files.write(state.resolve("journal-00000009.jsonl"), lines);
  }

  @Test
  @DisplayName("repair-state sets a damaged journal aside, says what it kept and exits 0")
  void repairStateSalvages() throws Exception {
    corruptJournal();

    CommandRun.Result r = run("repair-state", "--config", config.toString());

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("set aside as"), r.out());
    assertTrue(r.out().contains("kept: 3 remediated ids"), r.out());
    assertEquals(0, run("status", "--config", config.toString()).code());
  }

  @Test
  @DisplayName("repair-state of a sound directory changes nothing and exits 0")
  void repairStateOfSoundState() throws Exception {
    usedState();

    CommandRun.Result r = run("repair-state", "--config", config.toString());

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Nothing to repair"), r.out());
    assertTrue(r.out().contains("kept: 217 remediated ids"), r.out());
  }

  @Test
  @DisplayName("repair-state exits 1 when there is no state directory to repair")
  void repairStateWithoutDirectory() {
    CommandRun.Result r = run("repair-state", "--config", config.toString());

    assertEquals(1, r.code());
    assertTrue(r.err().contains(state.toString()), r.err());
  }

  @Test
  @DisplayName("status of a damaged state prints the warnings first and exits 1")
  void statusWarnsFirst() throws Exception {
    corruptJournal();

    CommandRun.Result r = run("status", "--config", config.toString());

    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().startsWith("warning: "), r.out());
    assertTrue(r.out().contains("the numbers below count only what could be read"), r.out());
    assertTrue(
        r.out().indexOf("warning: ") < r.out().indexOf("remediated ids remembered"), r.out());
  }

  @Test
  @DisplayName("status of a truncated checkpoint does not show it as none")
  void statusOfTruncatedCheckpoint() throws Exception {
    usedState();
    Path checkpoint = state.resolve("checkpoint.json");
    byte[] bytes = Files.readAllBytes(checkpoint);
    Files.write(checkpoint, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    CommandRun.Result r = run("status", "--config", config.toString());

    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("checkpoint: unreadable"), r.out());
    assertTrue(r.out().startsWith("warning: "), r.out());
  }

  @Test
  @DisplayName("status of a sound state exits 0 with no warning")
  void statusOfSoundState() throws Exception {
    usedState();

    CommandRun.Result r = run("status", "--config", config.toString());

    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("remediated ids remembered: 217"), r.out());
    assertTrue(!r.out().contains("warning"), r.out());
  }
}
