package org.etdremediator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ConfigWatcherTest {
  private static final Duration SCAN = Duration.ofMillis(20);

  @TempDir Path dir;
  private ConfigWatcher watcher;

  private Path file() {
    return dir.resolve("etd-remediator.yaml");
  }

  private ConfigWatcher watch(Vertx vertx, String initial) {
    TestConfigs.writeAtomically(file(), initial);
    watcher = new ConfigWatcher(vertx, file(), TestConfigs.source(dir)).scanPeriod(SCAN);
    return watcher;
  }

  @AfterEach
  void close() {
    if (watcher != null) {
      watcher.close();
    }
  }

  @Test
  @DisplayName("a valid change is applied and announced with the keys that changed")
  void validChange(Vertx vertx, VertxTestContext ctx) {
    ConfigWatcher w = watch(vertx, TestConfigs.minimal());
    w.onChange(
        change ->
            ctx.verify(
                () -> {
                  assertEquals(Set.of("schedule.interval"), change.changedKeys());
                  assertEquals(Set.of(), change.restartRequiredKeys());
                  assertEquals(Duration.ofMinutes(1), change.previous().schedule().interval());
                  assertEquals(Duration.ofSeconds(10), w.current().schedule().interval());
                  assertSame(w.current(), change.current());
                  assertEquals(1, w.reloads());
                  ctx.completeNow();
                }));

    w.start()
        .onComplete(
            ctx.succeeding(
                v ->
                    TestConfigs.writeAtomically(
                        file(), TestConfigs.minimalWith("schedule:\n  interval: 10s\n"))));
  }

  @Test
  @DisplayName("an invalid change is refused, counted, and the last good config stays")
  void invalidChange(Vertx vertx, VertxTestContext ctx) {
    ConfigWatcher w = watch(vertx, TestConfigs.minimal());
    w.onChange(change -> ctx.failNow("an invalid config was applied"));
    w.onRefusal(
        problems ->
            ctx.verify(
                () -> {
                  assertEquals(
                      Set.of("schedule.interval", "sma.concurrency"),
                      Set.copyOf(problems.stream().map(ConfigProblem::key).toList()));
                  assertEquals(Duration.ofMinutes(1), w.current().schedule().interval());
                  assertEquals(1, w.refusals());
                  assertEquals(0, w.reloads());
                  ctx.completeNow();
                }));

    String invalid =
        TestConfigs.minimalWith("schedule:\n  interval: soon\n")
            .replace("sma:\n", "sma:\n  concurrency: 0\n");
    w.start().onComplete(ctx.succeeding(v -> TestConfigs.writeAtomically(file(), invalid)));
  }

  @Test
  @DisplayName("an unreadable file is refused and a later valid file is applied")
  void unreadableThenFixed(Vertx vertx, VertxTestContext ctx) {
    ConfigWatcher w = watch(vertx, TestConfigs.minimal());
    w.onRefusal(
        problems -> {
          ctx.verify(() -> assertEquals(1, problems.size()));
          String fixed = TestConfigs.minimalWith("mode: dry-run\n");
          vertx.executeBlocking(() -> writeLater(fixed));
        });
    w.onChange(
        change ->
            ctx.verify(
                () -> {
                  assertEquals(Set.of("mode"), change.changedKeys());
                  assertEquals(1, w.refusals());
                  assertEquals(1, w.reloads());
                  ctx.completeNow();
                }));

    w.start()
        .onComplete(ctx.succeeding(v -> TestConfigs.writeAtomically(file(), "etd: [unclosed\n")));
  }

  private Void writeLater(String text) {
    TestConfigs.writeAtomically(file(), text);
    return null;
  }

  @Test
  @DisplayName("an http.port change is flagged as needing a restart and the running port is kept")
  void restartRequired(Vertx vertx, VertxTestContext ctx) {
    ConfigWatcher w = watch(vertx, TestConfigs.minimal());
    w.onChange(
        change ->
            ctx.verify(
                () -> {
                  assertEquals(Set.of("http.port", "sma.concurrency"), change.changedKeys());
                  assertEquals(Set.of("http.port"), change.restartRequiredKeys());
                  assertEquals(9464, w.current().http().port());
                  assertEquals(8, w.current().sma().concurrency());
                  ctx.completeNow();
                }));

    String next =
        TestConfigs.minimalWith("http:\n  port: 9999\n")
            .replace("sma:\n", "sma:\n  concurrency: 8\n");
    w.start().onComplete(ctx.succeeding(v -> TestConfigs.writeAtomically(file(), next)));
  }

  @Test
  @DisplayName("start fails with every problem when the file is invalid from the outset")
  void invalidAtStart(Vertx vertx, VertxTestContext ctx) {
    ConfigWatcher w = watch(vertx, "etd: {}\n");

    w.start()
        .onComplete(
            ctx.failing(
                e ->
                    ctx.verify(
                        () -> {
                          assertEquals(7, ((InvalidConfigException) e).problems().size());
                          ctx.completeNow();
                        })));
  }
}
