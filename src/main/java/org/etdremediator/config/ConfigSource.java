package org.etdremediator.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the config is read against besides the file itself: the environment for {@code ${NAME}}
 * values, where relative {@code ...File} credentials live, and the host name that defaults {@code
 * sma.initiatedSource}.
 *
 * @param credentialsDirectory systemd's {@code $CREDENTIALS_DIRECTORY}, or null when unset
 * @param configDirectory the directory of the config file; relative paths are resolved against it
 */
public record ConfigSource(
    Map<String, String> environment,
    Path credentialsDirectory,
    Path configDirectory,
    String hostName) {

  public ConfigSource {
    environment = Map.copyOf(environment);
  }

  /**
   * The running process's environment and host, for the config file at {@code configFile}. Reads
   * the host name from the system, so call it off the event loop.
   */
  public static ConfigSource system(Path configFile) {
    Map<String, String> env = System.getenv();
    String credentials = env.get("CREDENTIALS_DIRECTORY");
    Path dir = configFile.toAbsolutePath().getParent();
    return new ConfigSource(
        env,
        credentials == null || credentials.isBlank() ? null : Path.of(credentials),
        dir,
        localHostName());
  }

  /** Where a relative credential file name points. */
  Path resolveCredential(String name) {
    Path path = Path.of(name);
    if (path.isAbsolute()) {
      return path;
    }
    return (credentialsDirectory != null ? credentialsDirectory : configDirectory).resolve(path);
  }

  Path resolveFile(String name) {
    Path path = Path.of(name);
    return path.isAbsolute() ? path : configDirectory.resolve(path);
  }

  // The kernel's name is read first: it needs no name service, which may be down at boot.
  private static String localHostName() {
    try {
      String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no /proc: fall through to the JDK
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
