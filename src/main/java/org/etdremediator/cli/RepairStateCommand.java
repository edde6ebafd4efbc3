package org.etdremediator.cli;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.etdremediator.config.ConfigLoader;
import org.etdremediator.ledger.Recovery;
import org.etdremediator.ledger.StateException;
import org.etdremediator.ledger.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code repair-state}: opens the state with salvage recovery, which sets a copy of each damaged
 * file aside and rewrites the state from what is readable.
 */
@Command(
    name = "repair-state",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description =
        "Repair a damaged state directory: set a copy of each bad file aside, keep what is"
            + " readable, print both; exit 0, or 1 when it could not. Stop the agent first.")
final class RepairStateCommand implements Callable<Integer> {

  /**
   * Repair keeps every remediation it can read: expiring is for the agent, which applies
   * state.retention at its next start.
   */
  private static final Duration KEEP_ALL = Duration.ofDays(100 * 365);

  @Mixin ConfigOption config;

  @Override
  public Integer call() {
    Vertx vertx = Vertx.vertx();
    try {
      Path dir = AgentProcess.await(ConfigLoader.stateDir(vertx, config.file), 60);
      if (!Files.isDirectory(dir)) {
        throw new StateException("No state directory at " + dir + "; there is nothing to repair.");
      }
      StateStore store =
          AgentProcess.await(
              StateStore.open(vertx, dir, KEEP_ALL, Clock.systemUTC(), Recovery.SALVAGE), 600);
      List<String> warnings = store.warnings();
      System.out.println("state directory: " + dir);
      if (warnings.isEmpty()) {
        System.out.println("Nothing to repair: every state file is sound.");
      }
      warnings.forEach(w -> System.out.println("repaired: " + w));
      System.out.printf(
          "kept: %d remediated ids, %d pending and %d failed items; checkpoint %s%n",
          store.remediatedCount(),
          store.pending().size(),
          store.failed().size(),
          store.checkpoint().searchedUntil() == null ? "none" : store.checkpoint().searchedUntil());
      if (!warnings.isEmpty()) {
        // What could not be read is forgotten: the agent would remediate those messages again.
        System.out.println(
            "Remediations that could not be read from the damaged files are forgotten: messages"
                + " among them that ETD still returns (within schedule.retroLookback) will be"
                + " remediated again. The files set aside above are kept for inspection.");
      }
      AgentProcess.await(store.close(), 120);
      return ExitCodes.OK;
    } catch (Exception e) {
      return Failures.report(e, config.file);
    } finally {
      vertx.close();
    }
  }
}
