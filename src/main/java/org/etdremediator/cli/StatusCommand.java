package org.etdremediator.cli;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.etdremediator.config.ConfigLoader;
import org.etdremediator.ledger.Checkpoint;
import org.etdremediator.ledger.CycleSummary;
import org.etdremediator.ledger.FailedItem;
import org.etdremediator.ledger.PendingItem;
import org.etdremediator.ledger.StateReport;
import org.etdremediator.ledger.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code status}: what the state directory holds, read without changing it. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description =
        "Show the remediated count, pending and failed items, checkpoint and last cycle; exit 0, or"
            + " 1 when the state is damaged or incomplete.")
final class StatusCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Override
  public Integer call() {
    Vertx vertx = Vertx.vertx();
    try {
      Path dir = AgentProcess.await(ConfigLoader.stateDir(vertx, config.file), 60);
      StateReport report = AgentProcess.await(StateStore.inspect(vertx, dir), 120);
      print(System.out, report);
      return report.warnings().isEmpty() ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    } catch (Exception e) {
      return Failures.report(e, config.file);
    } finally {
      vertx.close();
    }
  }

  /** Warnings first: when there are any, the numbers after them are not the whole story. */
  static void print(PrintStream out, StateReport report) {
    report.warnings().forEach(w -> out.println("warning: " + w));
    if (!report.warnings().isEmpty()) {
      out.println(
          "The state is damaged or incomplete: the numbers below count only what could be read,"
              + " and the agent will not start on it as it is (see the warnings above).");
    }
    Checkpoint cp = report.checkpoint();
    out.println("state directory: " + report.dir());
    out.println("remediated ids remembered: " + report.remediatedCount());
    out.println(
        "checkpoint: "
            + (report.checkpointDamaged()
                ? "unreadable (see the warnings above)"
                : cp.searchedUntil() == null ? "none" : cp.searchedUntil()));
    out.println(
        "last retro scan: " + (cp.lastRetroScanAt() == null ? "none" : cp.lastRetroScanAt()));
    if (cp.quotaDay() != null) {
      out.println("ETD requests on " + cp.quotaDay() + " (UTC): " + cp.quotaUsed());
    }
    CycleSummary last = report.lastCycle();
    if (last == null) {
      out.println("last cycle: none");
    } else {
      out.printf(
          "last cycle: %s, started %s, finished %s: found %d, remediated %d, skipped %d,"
              + " pending %d, failed %d%s%n",
          last.ok() ? "ok" : "FAILED",
          last.startedAt(),
          last.finishedAt(),
          last.found(),
          last.remediated(),
          last.skipped(),
          last.pending(),
          last.failed(),
          last.error() == null ? "" : " (" + last.error() + ")");
    }
    out.println("pending: " + report.pending().size());
    for (PendingItem p : report.pending()) {
      out.printf(
          "  %s %s since %s, %d attempts: %s%n",
          p.conviction().id(),
          p.conviction().messageId(),
          p.firstSeenAt(),
          p.attempts(),
          p.lastError() == null ? "" : p.lastError());
    }
    out.println("failed: " + report.failed().size());
    for (FailedItem f : report.failed()) {
      out.printf(
          "  %s %s at %s, %d attempts: %s%n",
          f.conviction().id(), f.conviction().messageId(), f.failedAt(), f.attempts(), f.reason());
    }
  }
}
