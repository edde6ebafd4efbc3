package org.etdremediator.cli;

import org.etdremediator.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code etd-remediator} command line. */
@Command(
    name = "etd-remediator",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Remediates Cisco Secure Email Threat Defense convictions through the SMA.",
    subcommands = {
      RunCommand.class,
      OnceCommand.class,
      CheckConfigCommand.class,
      StatusCommand.class,
      RepairStateCommand.class,
      DemoCommand.class
    })
public final class Main implements java.util.concurrent.Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int execute(String... args) {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  /** Without a command there is nothing to do: show the usage, and exit as for a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(System.err);
    return ExitCodes.BAD_CONFIG;
  }

  /** Prints the product version for {@code --version} on every command. */
  public static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"etd-remediator " + Version.current()};
    }
  }
}
