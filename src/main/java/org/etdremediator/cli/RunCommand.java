package org.etdremediator.cli;

import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code run}: the service. Polls until SIGTERM, then finishes in-flight work and exits 0. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Run the agent until stopped (SIGTERM or Ctrl-C), then save state and exit 0.")
final class RunCommand implements Callable<Integer> {
  private static final long STOP_TIMEOUT_SECONDS = 60;

  @Mixin ConfigOption config;

  @Option(names = "--dry-run", description = "Decide everything, send no remediation request.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    // The signals are taken over so that a stop is an orderly one that exits 0; a JVM left to
    // its defaults would exit 143 on SIGTERM.
    CountDownLatch stopRequested = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> stopRequested.countDown());
    Signal.handle(new Signal("INT"), s -> stopRequested.countDown());
    Vertx vertx = Vertx.vertx();
    AgentProcess process;
    try {
      process =
          AgentProcess.await(
              AgentProcess.start(
                  vertx, config.file, AgentProcess.Options.service(config.file, dryRun)),
              120);
    } catch (Exception e) {
      vertx.close();
      return Failures.report(e, config.file);
    }
    stopRequested.await();
    try {
      AgentProcess.await(process.stop(), STOP_TIMEOUT_SECONDS);
      AgentProcess.await(vertx.close(), STOP_TIMEOUT_SECONDS);
      return ExitCodes.OK;
    } catch (Exception e) {
      System.err.println("etd-remediator: stop: " + Failures.unwrap(e).getMessage());
      return ExitCodes.INCOMPLETE;
    }
  }
}
