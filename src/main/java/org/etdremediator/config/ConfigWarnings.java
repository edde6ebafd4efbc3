package org.etdremediator.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What is legal in a config but unsafe enough that the operator should be told at start. */
final class ConfigWarnings {
  private static final String[][] SECRETS = {
    {"etd", "apiKey"}, {"etd", "clientSecret"}, {"sma", "password"}
  };
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

  private ConfigWarnings() {}

  /** Reads the file's permissions, so call it off the event loop. */
  static List<String> of(JsonObject raw, AgentConfig config, Path file) {
    List<String> warnings = new ArrayList<>();

    List<String> inline = inlineSecrets(raw);
    if (!inline.isEmpty() && readableByOthers(file)) {
      warnings.add(
          file
              + " holds "
              + String.join(", ", inline)
              + " inline and can be read by group or others (chmod 600 it, or write ${ENV_NAME}"
              + " or a ...File key instead)");
    }
    if (config.sma().insecureSkipVerify()) {
      warnings.add(
          "sma.insecureSkipVerify is true: the SMA's certificate is not checked, so anyone on the"
              + " network path can read the SMA password (set sma.caFile instead)");
    }
    return warnings;
  }

  private static List<String> inlineSecrets(JsonObject raw) {
    List<String> out = new ArrayList<>();
    for (String[] s : SECRETS) {
      JsonObject section = raw.getValue(s[0]) instanceof JsonObject j ? j : new JsonObject();
      if (CredentialReader.isInline(section.getValue(s[1]))) {
        out.add(s[0] + "." + s[1]);
      }
    }
    return out;
  }

  private static boolean readableByOthers(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      return perms.stream().anyMatch(OTHERS::contains);
    } catch (UnsupportedOperationException | IOException e) {
      // Without POSIX permissions there is nothing to judge by; stay quiet rather than guess.
      return false;
    }
  }
}
