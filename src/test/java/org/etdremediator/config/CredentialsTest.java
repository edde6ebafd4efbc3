package org.etdremediator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
  @TempDir Path configDir;
  @TempDir Path credentialsDir;

  private static final String BY_REFERENCE =
      """
      etd:
        apiKey: ${ETD_API_KEY}
        clientId: client-1
        clientSecretFile: etd-client-secret
      sma:
        baseUrl: https://sma.example.com:4431
        usernameFile: sma-user
        password: ${SMA_PASSWORD}
        forwardTo: [soc@example.com]
      """;

  private static final Map<String, String> ENV =
      Map.of("ETD_API_KEY", TestConfigs.API_KEY, "SMA_PASSWORD", TestConfigs.SMA_PASSWORD);

  private List<ConfigProblem> problems(String text, ConfigSource source) {
    return assertThrows(
            InvalidConfigException.class, () -> ConfigLoader.parse(TestConfigs.yaml(text), source))
        .problems();
  }

  @Test
  @DisplayName("${NAME} values come from the environment")
  void environment() throws IOException {
    Files.writeString(configDir.resolve("etd-client-secret"), "cs");
    Files.writeString(configDir.resolve("sma-user"), "api-user");

    AgentConfig c =
        ConfigLoader.parse(
            TestConfigs.yaml(BY_REFERENCE), TestConfigs.source(configDir, ENV, null));

    assertEquals(TestConfigs.API_KEY, c.etd().apiKey().reveal());
    assertEquals(TestConfigs.SMA_PASSWORD, c.sma().password().reveal());
  }

  @Test
  @DisplayName("a missing environment variable is named with its key")
  void missingVariable() throws IOException {
    Files.writeString(configDir.resolve("etd-client-secret"), "cs");
    Files.writeString(configDir.resolve("sma-user"), "api-user");

    List<ConfigProblem> p =
        problems(BY_REFERENCE, TestConfigs.source(configDir, Map.of("ETD_API_KEY", "k"), null));

    assertEquals(1, p.size());
    assertEquals("sma.password", p.get(0).key());
    assertEquals(
        "environment variable SMA_PASSWORD is not set (set it, e.g. in the unit's Environment="
            + " or EnvironmentFile=)",
        p.get(0).message());
  }

  @Test
  @DisplayName("relative File credentials are read from $CREDENTIALS_DIRECTORY when it is set")
  void credentialsDirectory() throws IOException {
    Files.writeString(
        credentialsDir.resolve("etd-client-secret"), TestConfigs.CLIENT_SECRET + "\n");
    Files.writeString(credentialsDir.resolve("sma-user"), "api-user\n");
    Files.writeString(configDir.resolve("etd-client-secret"), "the wrong one");

    AgentConfig c =
        ConfigLoader.parse(
            TestConfigs.yaml(BY_REFERENCE), TestConfigs.source(configDir, ENV, credentialsDir));

    assertEquals(TestConfigs.CLIENT_SECRET, c.etd().clientSecret().reveal());
    assertEquals("api-user", c.sma().username());
  }

  @Test
  @DisplayName("relative File credentials are read next to the config file otherwise")
  void configDirectory() throws IOException {
    Files.writeString(configDir.resolve("etd-client-secret"), TestConfigs.CLIENT_SECRET + "\r\n");
    Files.writeString(configDir.resolve("sma-user"), "api-user");

    AgentConfig c =
        ConfigLoader.parse(
            TestConfigs.yaml(BY_REFERENCE), TestConfigs.source(configDir, ENV, null));

    assertEquals(TestConfigs.CLIENT_SECRET, c.etd().clientSecret().reveal());
  }

  @Test
  @DisplayName("an absolute File path is used as given")
  void absolutePath() throws IOException {
    Path secret = credentialsDir.resolve("elsewhere");
    Files.writeString(secret, TestConfigs.CLIENT_SECRET);
    Files.writeString(configDir.resolve("sma-user"), "api-user");
    String text =
        BY_REFERENCE.replace("clientSecretFile: etd-client-secret", "clientSecretFile: " + secret);

    AgentConfig c =
        ConfigLoader.parse(TestConfigs.yaml(text), TestConfigs.source(configDir, ENV, null));

    assertEquals(TestConfigs.CLIENT_SECRET, c.etd().clientSecret().reveal());
  }

  @Test
  @DisplayName("a missing or empty credential file is reported with its path")
  void missingAndEmptyFiles() throws IOException {
    Files.writeString(credentialsDir.resolve("sma-user"), "\n");

    List<ConfigProblem> p =
        problems(BY_REFERENCE, TestConfigs.source(configDir, ENV, credentialsDir));

    assertEquals(2, p.size());
    assertEquals("etd.clientSecretFile", p.get(0).key());
    assertEquals(
        "no such file: "
            + credentialsDir.resolve("etd-client-secret")
            + " (relative names are looked up in $CREDENTIALS_DIRECTORY; check LoadCredential=)",
        p.get(0).message());
    assertEquals("sma.usernameFile", p.get(1).key());
    assertEquals(
        "file " + credentialsDir.resolve("sma-user") + " is empty (write the credential into it)",
        p.get(1).message());
  }

  @Test
  @DisplayName("a credential given both inline and as a file is refused")
  void bothForms() {
    String text =
        TestConfigs.minimal()
            .replace("  clientId: client-1\n", "  clientId: c\n  clientIdFile: id\n");

    List<ConfigProblem> p = problems(text, TestConfigs.source(configDir));

    assertEquals(
        List.of(
            new ConfigProblem(
                "etd.clientId", "given twice (keep either clientId or clientIdFile)")),
        p);
  }

  @Test
  @DisplayName("a secret written as a number is refused without repeating it")
  void secretOfWrongType() {
    String text =
        TestConfigs.minimal()
            .replace("password: " + TestConfigs.SMA_PASSWORD, "password: 918273645");

    List<ConfigProblem> p = problems(text, TestConfigs.source(configDir));

    assertEquals(
        List.of(new ConfigProblem("sma.password", "expected text (put the value in quotes)")), p);
  }

  @Test
  @DisplayName("no problem message, however many, contains a secret value")
  void secretsNeverInMessages() {
    String text =
        """
        etd:
          apiKey: %s
          apiKeyFile: also-given
          clientId: client-1
          clientSecret: %s
          secret: %s
          region: %s
        sma:
          baseUrl: https://admin:%s@sma.example.com
          username: api-user
          password: %s
          pasword: %s
        """
            .formatted(
                TestConfigs.API_KEY,
                TestConfigs.CLIENT_SECRET,
                TestConfigs.CLIENT_SECRET,
                "eu",
                TestConfigs.SMA_PASSWORD,
                TestConfigs.SMA_PASSWORD,
                TestConfigs.SMA_PASSWORD);

    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> ConfigLoader.parse(TestConfigs.yaml(text), TestConfigs.source(configDir)));

    assertEquals(6, e.problems().size(), e.getMessage());
    for (String secret :
        List.of(TestConfigs.API_KEY, TestConfigs.CLIENT_SECRET, TestConfigs.SMA_PASSWORD)) {
      assertFalse(e.getMessage().contains(secret), e.getMessage());
      assertFalse(e.problems().toString().contains(secret));
    }
  }

  private static final String NOT_ONE_REFERENCE =
      "holds ${ but is not one ${NAME} (write ${NAME} alone, or the value itself; a value that"
          + " really holds ${ goes in passwordFile)";

  private List<ConfigProblem> passwordProblems(String password) {
    String text =
        TestConfigs.minimal()
            .replace("password: " + TestConfigs.SMA_PASSWORD, "password: " + password);
    return problems(text, TestConfigs.source(configDir, ENV, null));
  }

  @Test
  @DisplayName("a reference followed by more text is refused without repeating the value")
  void referenceWithSuffix() {
    List<ConfigProblem> p = passwordProblems("\"${SMA_PASSWORD}hunter2\"");

    assertEquals(List.of(new ConfigProblem("sma.password", NOT_ONE_REFERENCE)), p);
  }

  @Test
  @DisplayName("an unterminated reference is refused rather than taken as the password")
  void unterminatedReference() {
    List<ConfigProblem> p = passwordProblems("${SMA_PASSWORD");

    assertEquals(List.of(new ConfigProblem("sma.password", NOT_ONE_REFERENCE)), p);
  }

  @Test
  @DisplayName("a reference with spaces around it is still substituted")
  void referenceWithSpaces() {
    String text =
        TestConfigs.minimal()
            .replace("password: " + TestConfigs.SMA_PASSWORD, "password: \"  ${SMA_PASSWORD} \"");

    AgentConfig c =
        ConfigLoader.parse(TestConfigs.yaml(text), TestConfigs.source(configDir, ENV, null));

    assertEquals(TestConfigs.SMA_PASSWORD, c.sma().password().reveal());
  }
}
