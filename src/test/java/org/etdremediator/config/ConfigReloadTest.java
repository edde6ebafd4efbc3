package org.etdremediator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Reloads driven scan by scan: the timer is set far out of reach, and each test calls {@link
 * ConfigWatcher#scanNow()} itself, so what one scan sees is exactly what the test wrote before it.
 */
@ExtendWith(VertxExtension.class)
class ConfigReloadTest {
  private static final String RESTART_PORT =
      "config key http.port changed; restart the service to apply it";

  @TempDir Path dir;
  private ConfigWatcher watcher;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(ConfigWatcher.class);

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void close() {
    logger.detachAppender(log);
    if (watcher != null) {
      watcher.close();
    }
  }

  private Path file() {
    return dir.resolve("etd-remediator.yaml");
  }

  private Future<ConfigWatcher> started(Vertx vertx, String initial) {
    TestConfigs.writeAtomically(file(), initial);
    watcher =
        new ConfigWatcher(vertx, file(), TestConfigs.source(dir)).scanPeriod(Duration.ofHours(1));
    return watcher.start().map(v -> watcher);
  }

  /** Writes {@code text}, then scans twice: the file has settled and its change is judged. */
  private Future<Void> settle(String text) {
    TestConfigs.writeAtomically(file(), text);
    return watcher.scanNow().compose(v -> watcher.scanNow());
  }

  private List<String> lines(Level level) {
    synchronized (log) {
      return log.list.stream()
          .filter(e -> e.getLevel() == level)
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }
  }

  private static void checked(
      VertxTestContext ctx, Future<?> steps, VertxTestContext.ExecutionBlock check) {
    steps.onComplete(ctx.succeeding(v -> ctx.verify(check).completeNow()));
  }

  @Test
  @DisplayName("a changed file read by one scan only is not applied yet")
  void oneScanIsNotEnough(Vertx vertx, VertxTestContext ctx) {
    Future<?> steps =
        started(vertx, TestConfigs.minimal())
            .compose(
                w -> {
                  TestConfigs.writeAtomically(file(), TestConfigs.minimalWith("mode: dry-run\n"));
                  return w.scanNow();
                });

    checked(
        ctx,
        steps,
        () -> {
          assertEquals(Mode.ENFORCE, watcher.current().mode());
          assertEquals(0, watcher.reloads());
        });
  }

  @Test
  @DisplayName("a change is applied once two scans in a row read the same content")
  void twoScansApply(Vertx vertx, VertxTestContext ctx) {
    Future<?> steps =
        started(vertx, TestConfigs.minimal())
            .compose(w -> settle(TestConfigs.minimalWith("mode: dry-run\n")));

    checked(
        ctx,
        steps,
        () -> {
          assertEquals(Mode.DRY_RUN, watcher.current().mode());
          assertEquals(1, watcher.reloads());
        });
  }

  @Test
  @DisplayName("content caught half written is never applied, only what the file settles on")
  void halfWrittenSkipped(Vertx vertx, VertxTestContext ctx) {
    // Valid on its own: the first lines of the final file, before the schedule section was added.
    String half = TestConfigs.minimalWith("mode: dry-run\n");
    String whole = TestConfigs.minimalWith("mode: dry-run\nschedule:\n  interval: 10s\n");
    Future<?> steps =
        started(vertx, TestConfigs.minimal())
            .compose(
                w -> {
                  w.onChange(
                      change -> ctx.verify(() -> assertTrue(change.changed("schedule.interval"))));
                  TestConfigs.writeAtomically(file(), half);
                  return w.scanNow();
                })
            .compose(v -> settle(whole));

    checked(
        ctx,
        steps,
        () -> {
          assertEquals(1, watcher.reloads());
          assertEquals(Duration.ofSeconds(10), watcher.current().schedule().interval());
        });
  }

  @Test
  @DisplayName("the reload log line names each changed key with its old and new value")
  void logsOldAndNewValues(Vertx vertx, VertxTestContext ctx) {
    Future<?> steps =
        started(vertx, TestConfigs.minimal())
            .compose(
                w ->
                    settle(TestConfigs.minimalWith("mode: dry-run\nschedule:\n  interval: 10s\n")));

    checked(
        ctx,
        steps,
        () ->
            assertEquals(
                List.of("config reloaded: schedule.interval: 1m -> 10s; mode: enforce -> dry-run"),
                lines(Level.INFO)));
  }

  @Test
  @DisplayName("the reload log line masks a changed secret")
  void logMasksSecrets(Vertx vertx, VertxTestContext ctx) {
    String rotated = TestConfigs.minimal().replace(TestConfigs.SMA_PASSWORD, "rotated-Pw-0042");
    Future<?> steps = started(vertx, TestConfigs.minimal()).compose(w -> settle(rotated));

    checked(
        ctx,
        steps,
        () -> {
          List<String> info = lines(Level.INFO);
          assertEquals(List.of("config reloaded: sma.password: **** -> ****"), info);
          assertFalse(info.toString().contains("rotated-Pw-0042"));
          assertFalse(info.toString().contains(TestConfigs.SMA_PASSWORD));
        });
  }

  @Test
  @DisplayName("the reload log line shortens a long list to its first entries and a count")
  void logShortensLists(Vertx vertx, VertxTestContext ctx) {
    String mailboxes =
        "[a@x.example, b@x.example, c@x.example, d@x.example, e@x.example,"
            + " f@x.example, g@x.example]";
    String next = TestConfigs.minimalWith("filters:\n  excludeMailboxes: " + mailboxes + "\n");
    Future<?> steps = started(vertx, TestConfigs.minimal()).compose(w -> settle(next));

    checked(
        ctx,
        steps,
        () ->
            assertEquals(
                List.of(
                    "config reloaded: filters.excludeMailboxes: [] -> [a@x.example,"
                        + " b@x.example, c@x.example, d@x.example, e@x.example, ... 2 more]"),
                lines(Level.INFO)));
  }

  @Test
  @DisplayName("a restart-only change is warned about once, not again on later reloads")
  void restartWarnedOnce(Vertx vertx, VertxTestContext ctx) {
    String port = TestConfigs.minimalWith("http:\n  port: 9999\n");
    Future<?> steps =
        started(vertx, TestConfigs.minimal())
            .compose(w -> settle(port))
            .compose(v -> settle(port + "mode: dry-run\n"))
            .compose(v -> settle(port + "mode: enforce\nschedule:\n  interval: 10s\n"));

    checked(
        ctx,
        steps,
        () -> {
          assertEquals(3, watcher.reloads());
          assertEquals(List.of(RESTART_PORT), lines(Level.WARN));
          assertEquals(9464, watcher.current().http().port());
        });
  }

  @Test
  @DisplayName("a restart-only key given a new pending value is warned about again")
  void restartWarnedPerValue(Vertx vertx, VertxTestContext ctx) {
    Future<?> steps =
        started(vertx, TestConfigs.minimal())
            .compose(w -> settle(TestConfigs.minimalWith("http:\n  port: 9999\n")))
            .compose(v -> settle(TestConfigs.minimalWith("http:\n  port: 9998\n")));

    checked(
        ctx,
        steps,
        () -> {
          assertEquals(List.of(RESTART_PORT, RESTART_PORT), lines(Level.WARN));
          assertTrue(
              lines(Level.INFO)
                  .contains("config reloaded: http.port: 9464 -> 9998 (after a restart)"),
              lines(Level.INFO).toString());
        });
  }
}
