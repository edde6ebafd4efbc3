package org.etdremediator.cli;

import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import org.etdremediator.ledger.CycleSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code once}: one full cycle, then exit 0 (all done), 1 (failed or pending) or 2 (config). */
@Command(
    name = "once",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Run one full cycle and exit: 0 all done, 1 failed or pending, 2 bad config.")
final class OnceCommand implements Callable<Integer> {
  private static final long CYCLE_TIMEOUT_SECONDS = 6 * 3600;

  @Mixin ConfigOption config;

  @Option(names = "--dry-run", description = "Decide everything, send no remediation request.")
  boolean dryRun;

  @Override
  public Integer call() {
    Vertx vertx = Vertx.vertx();
    try {
      AgentProcess process =
          AgentProcess.await(
              AgentProcess.start(
                  vertx, config.file, AgentProcess.Options.once(config.file, dryRun)),
              120);
      CycleSummary summary;
      int pendingLeft;
      try {
        summary = AgentProcess.await(process.runCycle(), CYCLE_TIMEOUT_SECONDS);
        pendingLeft = process.agent().store().pending().size();
      } finally {
        AgentProcess.await(process.stop(), 60);
      }
      return summary.ok() && summary.failed() == 0 && pendingLeft == 0
          ? ExitCodes.OK
          : ExitCodes.INCOMPLETE;
    } catch (Exception e) {
      return Failures.report(e, config.file);
    } finally {
      vertx.close();
    }
  }
}
