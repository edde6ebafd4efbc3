package org.etdremediator.ledger;

import static org.etdremediator.ledger.StateFixtures.NOW;
import static org.etdremediator.ledger.StateFixtures.await;
import static org.etdremediator.ledger.StateFixtures.crashImage;
import static org.etdremediator.ledger.StateFixtures.id;
import static org.etdremediator.ledger.StateFixtures.open;
import static org.etdremediator.ledger.StateFixtures.remediation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class GroupCommitTest {

  @TempDir Path dir;
  @TempDir Path images;

  @Test
  @DisplayName("a burst of 1,000 remediations is durable in a few syncs, not a thousand")
  void burstIsBatched(Vertx vertx) throws Exception {
    StateStore store = open(vertx, dir);
    Promise<Void> all = Promise.promise();

    // Issued from the store's own event loop, as the agent does: the loop finishes before any
    // write completes, so the batching is deterministic.
    store
        .context()
        .runOnContext(
            v -> {
              List<Future<Void>> writes = new ArrayList<>();
              for (int i = 0; i < 1000; i++) {
                writes.add(store.recordRemediated(remediation(id(i), NOW)));
              }
              Future.all(writes).<Void>mapEmpty().onComplete(all);
            });
    await(all.future());

    assertTrue(store.journalSyncs() <= 3, "syncs: " + store.journalSyncs());
    StateStore after = open(vertx, crashImage(dir, images.resolve("crash")));
    assertEquals(1000, after.remediatedCount());
    assertTrue(IntStream.range(0, 1000).allMatch(i -> after.isRemediated(id(i))));
    await(after.close());
    await(store.close());
  }

  @Test
  @DisplayName("records from many threads at once are all durable after a crash")
  void concurrentWritersAllDurable(Vertx vertx) throws Exception {
    StateStore store = open(vertx, dir);
    List<List<Future<Void>>> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int base = t * 250;
      List<Future<Void>> mine = new ArrayList<>();
      perThread.add(mine);
      threads.add(
          new Thread(
              () -> {
                for (int i = base; i < base + 250; i++) {
                  mine.add(store.recordRemediated(remediation(id(i), NOW)));
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    await(Future.all(perThread.stream().flatMap(List::stream).toList()));

    StateStore after = open(vertx, crashImage(dir, images.resolve("crash")));
    assertEquals(1000, after.remediatedCount());
    assertTrue(IntStream.range(0, 1000).allMatch(i -> after.isRemediated(id(i))));
    await(after.close());
    await(store.close());
  }
}
