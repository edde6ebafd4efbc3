package org.etdremediator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and directories the config names are checked the way the agent will use them. */
class ConfigFilesTest {
  private static final String STATE_HINT =
      " (write a directory the agent owns, e.g. /var/lib/etd-remediator)";
  private static final String CA_HINT =
      " (write the path of a PEM file with the SMA's certificate or its CA)";

  @TempDir Path dir;

  private ConfigProblem onlyProblem(String text) {
    List<ConfigProblem> problems =
        assertThrows(InvalidConfigException.class, () -> TestConfigs.parse(text, dir)).problems();
    assertEquals(1, problems.size(), problems.toString());
    return problems.get(0);
  }

  private String withStateDir(Path stateDir) {
    return TestConfigs.minimalWith("state:\n  dir: " + stateDir + "\n");
  }

  private String withCaFile(Path caFile) {
    return TestConfigs.minimal().replace("sma:\n", "sma:\n  caFile: " + caFile + "\n");
  }

  @Test
  @DisplayName("a state.dir that is a regular file is refused")
  void stateDirIsFile() throws IOException {
    Path file = Files.writeString(dir.resolve("state"), "");

    assertEquals(
        new ConfigProblem("state.dir", file + " is a file, not a directory" + STATE_HINT),
        onlyProblem(withStateDir(file)));
  }

  @Test
  @DisplayName("a state.dir that cannot be created because a file is in its path is refused")
  void stateDirUnderFile() throws IOException {
    Path file = Files.writeString(dir.resolve("hostname"), "agent-host\n");
    Path stateDir = file.resolve("state/etd");

    assertEquals(
        new ConfigProblem(
            "state.dir",
            stateDir + " cannot be created: " + file + " is a file, not a directory" + STATE_HINT),
        onlyProblem(withStateDir(stateDir)));
  }

  @Test
  @DisplayName("a state.dir that does not exist yet under a directory is accepted")
  void stateDirToBeCreated() {
    Path stateDir = dir.resolve("not/yet/there");

    assertEquals(stateDir, TestConfigs.parse(withStateDir(stateDir), dir).state().dir());
  }

  @Test
  @DisplayName("an sma.caFile that holds no certificate is refused")
  void caFileNotPem() throws IOException {
    Path file = Files.writeString(dir.resolve("hostname"), "agent-host\n");

    assertEquals(
        new ConfigProblem("sma.caFile", file + " holds no PEM certificate" + CA_HINT),
        onlyProblem(withCaFile(file)));
  }

  @Test
  @DisplayName("an empty sma.caFile is refused")
  void caFileEmpty() throws IOException {
    Path file = Files.writeString(dir.resolve("sma-ca.pem"), "");

    assertEquals(
        new ConfigProblem("sma.caFile", file + " holds no PEM certificate" + CA_HINT),
        onlyProblem(withCaFile(file)));
  }

  @Test
  @DisplayName("an sma.caFile that is a directory says so")
  void caFileIsDirectory() {
    assertEquals(
        new ConfigProblem("sma.caFile", dir + " is a directory, not a file" + CA_HINT),
        onlyProblem(withCaFile(dir)));
  }

  @Test
  @DisplayName("a ...File credential that names a directory says so")
  void credentialFileIsDirectory() {
    String text =
        TestConfigs.minimal()
            .replace("password: " + TestConfigs.SMA_PASSWORD, "passwordFile: " + dir);

    assertEquals(
        new ConfigProblem(
            "sma.passwordFile",
            dir + " is a directory, not a file (write the path of the credential's file)"),
        onlyProblem(text));
  }
}
