package org.etdremediator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ConfigLoaderTest {
  private static final Path EXAMPLE = Path.of("conf/etd-remediator.yaml");
  private static final String NOT_TEXT =
      "is not a YAML text file (give the path of the config, e.g."
          + " /etc/etd-remediator/etd-remediator.yaml)";

  @TempDir Path dir;

  private Path write(String text, String permissions) throws IOException {
    Path file = dir.resolve("etd-remediator.yaml");
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  private static void loads(
      Vertx vertx,
      VertxTestContext ctx,
      Path file,
      ConfigSource source,
      Consumer<LoadedConfig> check) {
    ConfigLoader.load(vertx, file, source)
        .onComplete(
            ctx.succeeding(
                loaded ->
                    ctx.verify(
                        () -> {
                          check.accept(loaded);
                          ctx.completeNow();
                        })));
  }

  private static void refused(
      Vertx vertx,
      VertxTestContext ctx,
      Path file,
      ConfigSource source,
      Consumer<List<ConfigProblem>> check) {
    ConfigLoader.load(vertx, file, source)
        .onComplete(
            ctx.failing(
                e ->
                    ctx.verify(
                        () -> {
                          check.accept(
                              assertInstanceOf(InvalidConfigException.class, e).problems());
                          ctx.completeNow();
                        })));
  }

  private static ConfigProblem fileProblem(Path file, String message) {
    return new ConfigProblem(file.toAbsolutePath().toString(), message);
  }

  /** The load fails with one problem: {@code message}, about the file as a whole. */
  private void refusedAs(Vertx vertx, VertxTestContext ctx, Path file, String message) {
    refused(
        vertx,
        ctx,
        file,
        TestConfigs.source(dir),
        p -> assertEquals(List.of(fileProblem(file, message)), p));
  }

  @Test
  @DisplayName("the example config file loads with its environment and credential files")
  void exampleLoads(Vertx vertx, VertxTestContext ctx) throws IOException {
    Files.writeString(dir.resolve("etd-api-key"), TestConfigs.API_KEY + "\n");
    Files.writeString(dir.resolve("etd-client-id"), "client-1\n");
    Files.writeString(dir.resolve("etd-client-secret"), TestConfigs.CLIENT_SECRET + "\n");
    Files.writeString(dir.resolve("sma-password"), TestConfigs.SMA_PASSWORD + "\n");
    Map<String, String> env = Map.of();
    ConfigSource source =
        new ConfigSource(env, dir, EXAMPLE.toAbsolutePath().getParent(), TestConfigs.HOST);

    loads(
        vertx,
        ctx,
        EXAMPLE,
        source,
        loaded -> {
          AgentConfig c = loaded.config();
          assertEquals(TestConfigs.API_KEY, c.etd().apiKey().reveal());
          assertEquals("client-1", c.etd().clientId());
          assertEquals(TestConfigs.CLIENT_SECRET, c.etd().clientSecret().reveal());
          assertEquals("etd-remediator", c.sma().username());
          assertEquals(TestConfigs.SMA_PASSWORD, c.sma().password().reveal());
          assertEquals(URI.create("https://sma.example.com:4431"), c.sma().baseUrl());
          assertEquals(List.of("soc@example.com"), c.sma().forwardTo());
          assertEquals(List.of(), loaded.warnings());
        });
  }

  @Test
  @DisplayName("a file that does not exist is one problem naming the file")
  void missingFile(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("nowhere.yaml");
    String expected = "no such file (write the config there, or pass --config FILE)";

    refusedAs(vertx, ctx, file, expected);
  }

  @Test
  @DisplayName("a YAML syntax error names the line and does not quote the secret on it")
  void syntaxError(Vertx vertx, VertxTestContext ctx) throws IOException {
    String text = "etd:\n  apiKey: k\nsma:\n  password: \"" + TestConfigs.SMA_PASSWORD + "\n";
    Path file = write(text, "rw-------");
    String expected =
        "not valid YAML at line 5, column 1: found unexpected end of stream"
            + " (fix the syntax there)";

    refusedAs(vertx, ctx, file, expected);
  }

  @Test
  @DisplayName("a file of only comments is judged like an empty one: the required keys are named")
  void onlyComments(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = write("# nothing here yet\n", "rw-------");

    refused(
        vertx, ctx, file, TestConfigs.source(dir), p -> assertEquals("etd.apiKey", p.get(0).key()));
  }

  @Test
  @DisplayName("inline secrets in a file others can read are warned about")
  void inlineSecretsReadable(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = write(TestConfigs.minimal(), "rw-r--r--");

    loads(
        vertx,
        ctx,
        file,
        TestConfigs.source(dir),
        loaded -> {
          assertEquals(1, loaded.warnings().size());
          String w = loaded.warnings().get(0);
          assertTrue(w.contains("etd.apiKey, etd.clientSecret, sma.password inline"), w);
          assertTrue(w.contains("chmod 600"), w);
          assertFalse(w.contains(TestConfigs.SMA_PASSWORD), w);
        });
  }

  @Test
  @DisplayName("inline secrets in a file only its owner can read are not warned about")
  void inlineSecretsPrivate(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = write(TestConfigs.minimal(), "rw-------");

    loads(
        vertx,
        ctx,
        file,
        TestConfigs.source(dir),
        loaded -> assertEquals(List.of(), loaded.warnings()));
  }

  @Test
  @DisplayName("turning off the SMA certificate check is warned about")
  void insecureWarning(Vertx vertx, VertxTestContext ctx) throws IOException {
    String text = TestConfigs.minimal().replace("sma:\n", "sma:\n  insecureSkipVerify: true\n");
    Path file = write(text, "rw-------");

    loads(
        vertx,
        ctx,
        file,
        TestConfigs.source(dir),
        loaded -> {
          assertEquals(1, loaded.warnings().size());
          assertTrue(loaded.warnings().get(0).startsWith("sma.insecureSkipVerify is true"));
        });
  }

  @Test
  @DisplayName("a directory given as the config file says it is a directory")
  void configIsDirectory(Vertx vertx, VertxTestContext ctx) {
    String expected = "is a directory, not a file (pass --config FILE naming the YAML file)";

    refusedAs(vertx, ctx, dir, expected);
  }

  @Test
  @DisplayName("a file whose bytes are not UTF-8 says it is not a YAML text file")
  void notUtf8(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = dir.resolve("etd-remediator.yaml");
    Files.write(file, new byte[] {'m', 'o', 'd', 'e', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});

    refusedAs(vertx, ctx, file, NOT_TEXT);
  }

  @Test
  @DisplayName("a binary file given as the config says it is not a YAML text file")
  void binaryConfig(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = dir.resolve("etd-remediator.yaml");
    Files.write(file, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});

    refusedAs(vertx, ctx, file, NOT_TEXT);
  }

  @Test
  @DisplayName("a top-level key given twice is refused with both lines")
  void duplicateTopLevelKey(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path file = write("mode: dry-run\n" + TestConfigs.minimal() + "mode: enforce\n", "rw-------");

    refused(
        vertx,
        ctx,
        file,
        TestConfigs.source(dir),
        p ->
            assertEquals(
                List.of(
                    new ConfigProblem(
                        "mode",
                        "given twice, on lines 1 and 11 (keep one; YAML would use only the"
                            + " last)")),
                p));
  }

  @Test
  @DisplayName("a section given twice, and keys repeated inside one, are each refused by path")
  void duplicateSectionsAndKeys(Vertx vertx, VertxTestContext ctx) throws IOException {
    String text =
        TestConfigs.minimal().replace("sma:\n", "sma:\n  concurrency: 2\n  concurrency: 3\n")
            + "etd:\n  pageSize: 50\n";
    Path file = write(text, "rw-------");

    refused(
        vertx,
        ctx,
        file,
        TestConfigs.source(dir),
        p -> {
          assertEquals(
              List.of("etd", "sma.concurrency"), p.stream().map(ConfigProblem::key).toList());
          assertTrue(p.get(1).message().startsWith("given twice, on lines 6 and 7"), p.toString());
          assertTrue(p.get(0).message().startsWith("given twice, on lines 1 and 12"), p.toString());
        });
  }
}
