package org.etdremediator.cli;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.etdremediator.demo.DemoRun;
import org.etdremediator.demo.SimulatedSite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the agent against built-in simulators of ETD and the SMA, on loopback. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description =
        "Start ETD and SMA simulators on 127.0.0.1, run the agent on them for a few cycles,"
            + " print what it remediated.")
final class DemoCommand implements Callable<Integer> {
  private static final int MAX_CYCLES = 10;

  @Option(
      names = "--cycles",
      description = "How many cycles to run at least (default: ${DEFAULT-VALUE}).")
  int cycles = 3;

  @Option(
      names = "--keep",
      description = "Keep the demo's config and state directory instead of deleting them.")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    DemoRun demo = new DemoRun(vertx, System.out);
    Path work = Files.createTempDirectory("etd-remediator-demo-");
    try {
      AgentProcess.await(demo.prepare(), 30);
      Path config =
          SimulatedSite.writeConfig(
              work.resolve("etd-remediator.yaml"), demo.config(work.resolve("state")));
      System.out.println(
          "demo: ETD simulator at "
              + demo.site().etd().baseUrl()
              + ", SMA simulator at "
              + demo.site().sma().baseUrl());
      System.out.println(
          "demo: config "
              + config
              + ", state in "
              + work.resolve("state")
              + (keep ? "" : " (deleted at the end; --keep keeps them)"));
      AgentProcess process =
          AgentProcess.await(
              AgentProcess.start(vertx, config, AgentProcess.Options.service(config, false)), 60);
      CompletableFuture<Void> finished = new CompletableFuture<>();
      AtomicInteger count = new AtomicInteger();
      process
          .agent()
          .onCycle(
              summary -> {
                int n = count.incrementAndGet();
                demo.afterCycle(n);
                if ((n >= cycles && demo.complete()) || n >= MAX_CYCLES) {
                  finished.complete(null);
                }
              });
      try {
        finished.get(120, TimeUnit.SECONDS);
      } finally {
        AgentProcess.await(process.stop(), 60);
      }
      System.out.println(
          "demo: the agent ran " + count.get() + " cycles; `status` of its state directory:");
      StatusCommand.print(
          System.out,
          AgentProcess.await(
              org.etdremediator.ledger.StateStore.inspect(vertx, work.resolve("state")), 30));
      return demo.report() ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    } catch (Exception e) {
      return Failures.report(e, work.resolve("etd-remediator.yaml"));
    } finally {
      AgentProcess.await(demo.close(), 30);
      vertx.close();
      if (keep) {
        System.out.println("demo: kept " + work);
      } else {
        deleteTree(work);
      }
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
