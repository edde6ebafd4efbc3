package org.etdremediator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The command line")
class CommandLineTest {
  @TempDir Path dir;

  private static CommandRun.Result run(String... args) {
    return CommandRun.run(args);
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("etd-remediator.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /** A complete, valid config with known secret values. */
  private static final String VALID =
      """
      etd:
        apiKey: k3y-value-123
        clientId: client
        clientSecret: s3cret-value-789
      sma:
        baseUrl: https://sma.example.com:4431
        username: smaapi
        password: pa55-value-456
        forwardTo: [evidence@example.com]
      """;

  private static final String BROKEN =
      """
      etd:
        apiKey: k3y-value-123
        clientId: client
        verdicts: [phishing, evil]
        pageSiz: 50
      sma:
        baseUrl: "sma:4431"
        username: smaapi
        password: pa55-value-456
        concurrency: lots
      schedule:
        interval: 5 minutes
      """;

  @Test
  @DisplayName("check-config on a broken file lists every problem with its key and exits 2")
  void checkConfigListsEveryProblem() throws Exception {
    CommandRun.Result r = run("check-config", "--config", write(BROKEN).toString());
    assertEquals(2, r.code());
    for (String key :
        new String[] {
          "etd.clientSecret",
          "etd.verdicts",
          "etd.pageSiz",
          "sma.baseUrl",
          "sma.concurrency",
          "schedule.interval"
        }) {
      assertTrue(r.err().contains(key), "names " + key + " in:\n" + r.err());
    }
    assertTrue(r.err().contains("pageSize"), "suggests the right spelling:\n" + r.err());
    assertFalse(r.err().contains("Exception"), "no stack trace:\n" + r.err());
    assertFalse(
        r.err().contains("k3y-value-123") || r.err().contains("pa55-value-456"), "no secret");
  }

  @Test
  @DisplayName("a secret typed under the wrong key is not quoted back in the problem list")
  void secretUnderWrongKeyIsMasked() throws Exception {
    String yaml =
        """
        etd:
          apiKey: k3y-value-123
          clientId: client
          clientSecret: s3cret-value-789
          pageSize: k3y-value-123
        sma:
          baseUrl: https://sma.example.com:4431
          username: smaapi
          password: pa55-value-456
          concurrency: pa55-value-456
          forwardTo: [evidence@example.com]
        """;
    CommandRun.Result r = run("check-config", "--config", write(yaml).toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("sma.concurrency") && r.err().contains("etd.pageSize"), r.err());
    assertFalse(r.err().contains("pa55-value-456") || r.err().contains("k3y-value-123"), r.err());
  }

  @Test
  @DisplayName("exclusions that could never match are refused, not silently kept")
  void exclusionsThatNeverMatch() throws Exception {
    String yaml =
        VALID
            + """
            filters:
              excludeMailboxes: ['*@example.com', 'Alice Smith <alice@example.com>', soc@example.com]
              excludeSenderDomains: ['http://x', '*.evil.test', phish-sim.example]
            """;
    CommandRun.Result r = run("check-config", "--config", write(yaml).toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("'*@example.com'"), r.err());
    assertTrue(r.err().contains("'alice smith <alice@example.com>'"), r.err());
    assertTrue(r.err().contains("'http://x'") && r.err().contains("'*.evil.test'"), r.err());
    assertFalse(r.err().contains("'soc@example.com'") || r.err().contains("'phish-sim.example'"));
  }

  @Test
  @DisplayName("once with a broken config exits 2 without starting")
  void onceRefusesBrokenConfig() throws Exception {
    CommandRun.Result r = run("once", "--config", write(BROKEN).toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("sma.baseUrl"), r.err());
  }

  @Test
  @DisplayName("a missing config file is reported with its path and exits 2")
  void missingFile() {
    Path missing = dir.resolve("nope.yaml");
    CommandRun.Result r = run("check-config", "--config", missing.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(missing.toString()), r.err());
  }

  @Test
  @DisplayName("check-config on a valid file prints the effective config with secrets masked")
  void checkConfigMasksSecrets() throws Exception {
    String yaml = VALID + "state:\n  dir: " + dir.resolve("state") + "\n";
    Path file = write(yaml);
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    CommandRun.Result r = run("check-config", "--config", file.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("****"), r.out());
    for (String secret : new String[] {"k3y-value-123", "s3cret-value-789", "pa55-value-456"}) {
      assertFalse(r.out().contains(secret) || r.err().contains(secret), "shows " + secret);
    }
  }

  @Test
  @DisplayName("--version and --help work on every command")
  void versionAndHelp() {
    for (String cmd :
        new String[] {"run", "once", "check-config", "status", "repair-state", "demo"}) {
      CommandRun.Result v = run(cmd, "--version");
      assertEquals(0, v.code(), cmd);
      assertTrue(v.out().startsWith("etd-remediator "), v.out());
      CommandRun.Result h = run(cmd, "--help");
      assertEquals(0, h.code(), cmd);
      assertTrue(h.out().contains("Usage:"), h.out());
    }
  }
}
