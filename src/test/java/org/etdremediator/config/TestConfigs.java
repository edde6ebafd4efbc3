package org.etdremediator.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Config texts and contexts shared by the config tests. */
final class TestConfigs {
  static final String API_KEY = "apikey-7f3b9c0e";
  static final String CLIENT_SECRET = "clientsecret-Q1w2E3r4";
  static final String SMA_PASSWORD = "smapass-Z9y8X7w6";
  static final String HOST = "agent-host.example.com";

  private TestConfigs() {}

  /** The smallest valid config: the required keys and a forwardTo for the default action. */
  static String minimal() {
    return """
        etd:
          apiKey: %s
          clientId: client-1
          clientSecret: %s
        sma:
          baseUrl: https://sma.example.com:4431
          username: api-user
          password: %s
          forwardTo: [soc@example.com]
        """
        .formatted(API_KEY, CLIENT_SECRET, SMA_PASSWORD);
  }

  /** {@link #minimal()} plus more lines, which may add top-level sections. */
  static String minimalWith(String extra) {
    return minimal() + extra;
  }

  @SuppressWarnings("unchecked")
  static JsonObject yaml(String text) {
    Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    return new JsonObject((Map<String, Object>) parsed);
  }

  static ConfigSource source(Path configDir) {
    return new ConfigSource(Map.of(), null, configDir, HOST);
  }

  static ConfigSource source(Path configDir, Map<String, String> env, Path credentialsDir) {
    return new ConfigSource(env, credentialsDir, configDir, HOST);
  }

  static AgentConfig parse(String text, Path configDir) {
    return ConfigLoader.parse(yaml(text), source(configDir));
  }

  /** Replaces the file in one step, as editors and config management do. */
  static void writeAtomically(Path file, String text) {
    try {
      Path tmp = Files.createTempFile(file.getParent(), ".next-", ".yaml");
      Files.writeString(tmp, text);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
