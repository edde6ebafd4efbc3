package org.etdremediator.cli;

import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import org.etdremediator.config.ConfigLoader;
import org.etdremediator.config.EffectiveConfig;
import org.etdremediator.config.LoadedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code check-config}: validates and prints the effective config with secrets masked. */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description =
        "Validate the config and print it with secrets masked; exit 0, or 2 with every problem listed.")
final class CheckConfigCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Override
  public Integer call() {
    Vertx vertx = Vertx.vertx();
    try {
      LoadedConfig loaded = AgentProcess.await(ConfigLoader.load(vertx, config.file), 60);
      System.out.print(EffectiveConfig.render(loaded.config()));
      loaded.warnings().forEach(w -> System.err.println("warning: " + w));
      System.err.println(config.file + ": valid");
      return ExitCodes.OK;
    } catch (Exception e) {
      return Failures.report(e, config.file);
    } finally {
      vertx.close();
    }
  }
}
