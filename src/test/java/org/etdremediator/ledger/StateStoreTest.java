package org.etdremediator.ledger;

import static org.etdremediator.ledger.StateFixtures.CLOCK;
import static org.etdremediator.ledger.StateFixtures.NOW;
import static org.etdremediator.ledger.StateFixtures.RETENTION;
import static org.etdremediator.ledger.StateFixtures.await;
import static org.etdremediator.ledger.StateFixtures.awaitFailure;
import static org.etdremediator.ledger.StateFixtures.conviction;
import static org.etdremediator.ledger.StateFixtures.crashImage;
import static org.etdremediator.ledger.StateFixtures.id;
import static org.etdremediator.ledger.StateFixtures.open;
import static org.etdremediator.ledger.StateFixtures.remediation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class StateStoreTest {

  @TempDir Path dir;

  @Test
  @DisplayName("remediations, pending and failed items and the checkpoint survive a restart")
  void everythingSurvivesReopen(Vertx vertx) {
    StateStore store = open(vertx, dir);
    Instant at = NOW.minusSeconds(60);
    PendingItem pending = new PendingItem(conviction(id(2)), at, 1, at, "SMA answered 503");
    FailedItem failed = new FailedItem(conviction(id(3)), at, 5, "gave up after 24h");
    CycleSummary cycle = new CycleSummary(at, NOW, 3, 1, 0, 1, 1, true, null);
    Checkpoint checkpoint =
        Checkpoint.empty()
            .withSearchedUntil(NOW.minusSeconds(60))
            .withLastRetroScanAt(NOW.minusSeconds(3600))
            .withQuota(LocalDate.of(2025, 6, 1), 42)
            .withLastCycle(cycle);
    Remediation other = new Remediation("not-a-uuid", at, "scam", "delete", 200, 2);
    await(store.recordRemediated(remediation(id(1), at)));
    await(store.recordRemediated(other));
    await(store.recordPending(pending));
    await(store.recordFailed(failed));
    await(store.saveCheckpoint(checkpoint));
    await(store.close());

    StateStore reopened = open(vertx, dir);

    assertEquals(List.of(), reopened.warnings());
    assertTrue(reopened.isRemediated(id(1)));
    assertEquals(Optional.of(remediation(id(1), at)), reopened.remediation(id(1)));
    assertEquals(Optional.of(other), reopened.remediation("not-a-uuid"));
    assertEquals(2, reopened.remediatedCount());
    assertEquals(List.of(pending), List.copyOf(reopened.pending()));
    assertEquals(List.of(failed), List.copyOf(reopened.failed()));
    assertEquals(checkpoint, reopened.checkpoint());
    await(reopened.close());
  }

  @Test
  @DisplayName("what was recorded is there after a crash, without close")
  void survivesCrashWithoutClose(Vertx vertx, @TempDir Path image) throws Exception {
    StateStore store = open(vertx, dir);
    PendingItem pending = new PendingItem(conviction(id(2)), NOW, 0, null, null);
    await(store.recordRemediated(remediation(id(1), NOW)));
    await(store.recordPending(pending));
    await(store.saveCheckpoint(Checkpoint.empty().withSearchedUntil(NOW)));

    StateStore after = open(vertx, crashImage(dir, image.resolve("state")));

    assertTrue(after.isRemediated(id(1)));
    assertEquals(Optional.of(pending), after.pending(id(2)));
    assertEquals(NOW, after.checkpoint().searchedUntil());
    await(after.close());
    await(store.close());
  }

  @Test
  @DisplayName("an empty directory opens with an empty checkpoint and no remediations")
  void emptyDirectory(Vertx vertx) {
    StateStore store = open(vertx, dir.resolve("new/state"));

    assertEquals(0, store.remediatedCount());
    assertEquals(Checkpoint.empty(), store.checkpoint());
    assertTrue(store.pending().isEmpty());
    await(store.close());
  }

  @Test
  @DisplayName("remediations older than the retention are forgotten at the next open")
  void retentionDropsOldIds(Vertx vertx) {
    StateStore store = open(vertx, dir);
    await(store.recordRemediated(remediation(id(1), NOW.minus(Duration.ofDays(15)))));
    await(store.recordRemediated(remediation(id(2), NOW.minus(Duration.ofDays(13)))));
    await(store.close());

    StateStore reopened = open(vertx, dir);

    assertFalse(reopened.isRemediated(id(1)));
    assertTrue(reopened.isRemediated(id(2)));
    await(reopened.close());
  }

  @Test
  @DisplayName("a shorter retention set at run time takes effect at the next expiry")
  void retentionHotReload(Vertx vertx) {
    StateStore store = open(vertx, dir);
    await(store.recordRemediated(remediation(id(1), NOW.minus(Duration.ofDays(3)))));
    await(store.recordRemediated(remediation("other-id", NOW.minus(Duration.ofDays(3)))));
    await(store.recordRemediated(remediation(id(2), NOW.minus(Duration.ofDays(1)))));

    store.setRetention(Duration.ofDays(2));

    assertEquals(2, store.expire());
    assertFalse(store.isRemediated(id(1)));
    assertFalse(store.isRemediated("other-id"));
    assertTrue(store.isRemediated(id(2)));
    await(store.close());
  }

  @Test
  @DisplayName("a pending item is replaced by a newer one and cleared by the remediation")
  void pendingReplacedThenCleared(Vertx vertx) {
    StateStore store = open(vertx, dir);
    PendingItem first = new PendingItem(conviction(id(1)), NOW, 0, null, null);
    PendingItem second = new PendingItem(conviction(id(1)), NOW, 1, NOW, "timeout");

    await(store.recordPending(first));
    await(store.recordPending(second));
    assertEquals(List.of(second), List.copyOf(store.pending()));

    await(store.recordRemediated(remediation(id(1), NOW)));
    assertTrue(store.pending().isEmpty());
    assertEquals(Optional.empty(), store.pending(id(1)));
    await(store.close());

    StateStore reopened = open(vertx, dir);
    assertTrue(reopened.pending().isEmpty());
    assertTrue(reopened.isRemediated(id(1)));
    await(reopened.close());
  }

  @Test
  @DisplayName("recording a failure removes the pending item")
  void failedRemovesPending(Vertx vertx) {
    StateStore store = open(vertx, dir);
    await(store.recordPending(new PendingItem(conviction(id(1)), NOW, 4, NOW, "503")));

    await(store.recordFailed(new FailedItem(conviction(id(1)), NOW, 5, "gave up")));

    assertTrue(store.pending().isEmpty());
    assertEquals(List.of(id(1)), store.failed().stream().map(FailedItem::etdId).toList());
    await(store.close());
  }

  @Test
  @DisplayName("the last of several checkpoint saves is the one on disk")
  void lastCheckpointWins(Vertx vertx) {
    StateStore store = open(vertx, dir);
    for (int i = 1; i <= 20; i++) {
      store.saveCheckpoint(Checkpoint.empty().withQuota(LocalDate.of(2025, 6, 1), i));
    }
    await(store.close());

    StateStore reopened = open(vertx, dir);

    assertEquals(20, reopened.checkpoint().quotaUsed());
    await(reopened.close());
  }

  @Test
  @DisplayName("changes after close are refused")
  void closedRefusesChanges(Vertx vertx) {
    StateStore store = open(vertx, dir);
    await(store.close());

    Throwable failure = awaitFailure(store.recordRemediated(remediation(id(1), NOW)));

    assertInstanceOf(StateException.class, failure);
    assertTrue(failure.getMessage().contains("closed"), failure.getMessage());
  }

  @Test
  @DisplayName("a second agent cannot open a state directory in use, and is told which")
  void secondOpenFails(Vertx vertx) {
    StateStore store = open(vertx, dir);

    Throwable failure = awaitFailure(StateStore.open(vertx, dir, RETENTION, CLOCK));

    assertInstanceOf(StateException.class, failure);
    assertTrue(failure.getMessage().contains(dir.toString()), failure.getMessage());
    assertTrue(failure.getMessage().contains("in use"), failure.getMessage());
    await(store.close());
    await(open(vertx, dir).close());
  }
}
