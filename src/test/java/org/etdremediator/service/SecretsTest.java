package org.etdremediator.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.etdremediator.config.EffectiveConfig;
import org.etdremediator.demo.YamlText;
import org.etdremediator.sim.Endpoint;
import org.etdremediator.sim.EtdSimulator;
import org.etdremediator.sim.Fault;
import org.etdremediator.sim.RecordedRequest;
import org.etdremediator.sim.SmaSimulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Secrets never leave the agent except on the wire")
class SecretsTest extends OnSimulatedSite {
  private static final String API_KEY = "etd-api-K3Y-4f0c9a71";
  private static final String CLIENT_ID = "etd-client-2b7e";
  private static final String CLIENT_SECRET = "etd-cl13nt-S3cret-88d1";
  private static final String SMA_PASSWORD = "sma-P4ss-w0rd-6c2f";

  @Override
  protected EtdSimulator.Options etdOptions() {
    return super.etdOptions().withApiKey(API_KEY).withClient(CLIENT_ID, CLIENT_SECRET);
  }

  @Override
  protected SmaSimulator.Options smaOptions() {
    return super.smaOptions().withCredentials("smaapi", SMA_PASSWORD);
  }

  @Test
  @DisplayName(
      "after a cycle with retries, a token renewal and a refused reload, no secret or token is in"
          + " the log, the audit log, the state directory or the rendered config")
  void nothingLeaks(VertxTestContext ctx) throws Exception {
    Path credentials = Files.createDirectory(dir.resolve("credentials"));
    Files.writeString(credentials.resolve("etd-client-secret"), CLIENT_SECRET);
    harness
        .environment(Map.of("ETD_API_KEY", API_KEY))
        .credentialsDirectory(credentials)
        .configure(
            c -> {
              JsonObject etd = c.getJsonObject("etd");
              etd.put("apiKey", "${ETD_API_KEY}");
              etd.remove("clientSecret");
              etd.put("clientSecretFile", "etd-client-secret");
              c.getJsonObject("sma").put("password", SMA_PASSWORD);
              c.getJsonObject("schedule").put("interval", "300ms");
            });
    JsonObject first = Messages.conviction();
    JsonObject second = Messages.recent();
    publish(first);
    site.sma().faults().next(Endpoint.SMA_REMEDIATION, Fault.status(503), 1);
    LogCapture log = LogCapture.everything();
    List<String> rendered = new ArrayList<>();
    harness
        .startService()
        .compose(
            agent ->
                Service.cycleWhen(agent, () -> remediated(first))
                    .compose(
                        v -> {
                          site.etd().expireTokens();
                          site.sma().expireTokens();
                          publish(second);
                          return Service.cycleWhen(agent, () -> remediated(second));
                        })
                    .compose(
                        v -> {
                          Future<?> refused = Service.nextRefusal(agent);
                          JsonObject broken = harness.config().copy();
                          broken.getJsonObject("sma").put("concurrency", "many");
                          harness.rewriteConfigText(YamlText.of(broken));
                          return refused;
                        })
                    .onSuccess(
                        v -> {
                          rendered.add(EffectiveConfig.render(agent.watcher().current()));
                          rendered.add(String.valueOf(agent.watcher().current()));
                        })
                    .eventually(agent::stop))
        .eventually(log::closed)
        .onComplete(
            checked(
                ctx,
                v -> {
                  Set<String> secrets = secretsOnTheWire();
                  assertTrue(secrets.size() >= 7, "tokens seen: " + secrets);
                  assertFalse(log.lines().isEmpty());
                  assertFalse(Service.audit(harness.stateDir()).isEmpty());
                  assertNoneIn("the log", log.lines(), secrets);
                  assertNoneIn("the audit log", Service.audit(harness.stateDir()), secrets);
                  assertNoneIn(
                      "the state directory", Service.everyFile(harness.stateDir()), secrets);
                  assertNoneIn("the rendered config", rendered, secrets);
                }));
  }

  /** The configured secrets, their encodings, and every token the simulators handed out. */
  private Set<String> secretsOnTheWire() {
    Set<String> secrets = new LinkedHashSet<>();
    for (String s : List.of(API_KEY, CLIENT_SECRET, SMA_PASSWORD)) {
      secrets.add(s);
      secrets.add(base64(s));
    }
    secrets.add(base64(CLIENT_ID + ":" + CLIENT_SECRET));
    for (RecordedRequest r : site.etd().allRequests()) {
      String auth = r.headers().get("Authorization");
      if (auth != null && auth.startsWith("Bearer ")) {
        secrets.add(auth.substring("Bearer ".length()));
      }
    }
    for (RecordedRequest r : site.sma().allRequests()) {
      String token = r.headers().get("jwtToken");
      if (token != null) {
        secrets.add(token);
      }
    }
    return secrets;
  }

  private static void assertNoneIn(String where, List<String> texts, Set<String> secrets) {
    for (String text : texts) {
      for (String secret : secrets) {
        assertFalse(text.contains(secret), where + " holds a secret: " + text);
      }
    }
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
