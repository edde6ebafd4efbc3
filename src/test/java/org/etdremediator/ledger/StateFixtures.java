package org.etdremediator.ledger;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.etdremediator.etd.Conviction;

/** Shared test data and helpers for the state tests. */
final class StateFixtures {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Duration RETENTION = Duration.ofDays(14);

  private StateFixtures() {}

  /** Waits for the future on the test thread (never an event loop) and returns its result. */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the future to fail and returns why. */
  static Throwable awaitFailure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected the future to fail");
  }

  static StateStore open(Vertx vertx, Path dir) {
    return await(StateStore.open(vertx, dir, RETENTION, CLOCK));
  }

  static Conviction conviction(String id) {
    return new Conviction(
        id,
        NOW.minusSeconds(600),
        "incoming",
        "attacker@evil.example",
        List.of("alice@corp.example", "bob@corp.example"),
        "<" + id + "@mail.example>",
        "Invoice overdue",
        "phishing",
        NOW.minusSeconds(300),
        false,
        false);
  }

  static Remediation remediation(String id, Instant at) {
    return new Remediation(id, at, "phishing", "fwdDelete", 202, 1);
  }

  static String id(int n) {
    return new UUID(0x1234_5678_9abc_4defL, 0x8000_0000_0000_0000L | n).toString();
  }

  /**
   * Copies what is on disk to a fresh directory, lock aside: what a {@code kill -9} at this instant
   * would leave for the next start.
   */
  static Path crashImage(Path dir, Path target) throws IOException {
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals(StateLock.NAME)) {
          Files.copy(f, target.resolve(f.getFileName()));
        }
      }
    }
    return target;
  }

  static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
