package org.etdremediator.cli;

import java.nio.file.Path;
import org.etdremediator.config.ConfigLoader;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by the commands that read the config file. */
public final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "The config file (default: ${DEFAULT-VALUE}).")
  Path file = ConfigLoader.DEFAULT_PATH;
}
