package org.etdremediator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.etdremediator.sim.SelfSignedCert;
import org.etdremediator.sim.SmaSimulator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TLS to an SMA with a self-signed certificate")
class TlsTest extends OnSimulatedSite {
  private SelfSignedCert cert;

  @Override
  SmaSimulator.Options smaOptions() {
    try {
      cert = SelfSignedCert.create(Files.createDirectories(dir.resolve("tls")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return super.smaOptions().withTls(cert.keyCertOptions());
  }

  private JsonObject sma() {
    return harness.config().getJsonObject("sma");
  }

  @Test
  @DisplayName("is refused when sma.caFile does not name the certificate: nothing is sent")
  void refusedWithoutCaFile(VertxTestContext ctx) {
    JsonObject message = Messages.conviction();
    publish(message);
    harness
        .startOnce()
        .compose(agent -> agent.runCycle().eventually(agent::stop))
        .onComplete(
            ctx.succeeding(
                summary ->
                    ctx.verify(
                        () -> {
                          assertTrue(site.sma().baseUrl().startsWith("https://"));
                          assertEquals(1, summary.pending(), "kept pending, not lost");
                          assertEquals(0, site.sma().allRequests().size(), "no request got in");
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("is accepted when sma.caFile names the certificate")
  void acceptedWithCaFile(VertxTestContext ctx) {
    JsonObject message = Messages.conviction();
    publish(message);
    Path relative = dir.relativize(cert.certificate());
    sma().put("caFile", relative.toString());
    harness
        .startOnce()
        .compose(agent -> agent.runCycle().eventually(agent::stop))
        .onComplete(
            ctx.succeeding(
                summary ->
                    ctx.verify(
                        () -> {
                          assertEquals(1, summary.remediated());
                          assertEquals(1, remediationsOf(message).size());
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("with sma.insecureSkipVerify, is accepted with a warning at every start")
  void insecureWarnsAtEveryStart(VertxTestContext ctx) {
    JsonObject message = Messages.conviction();
    publish(message);
    sma().put("insecureSkipVerify", true);
    LogCapture log = LogCapture.info();
    harness
        .startService()
        .compose(
            agent -> Service.cycleWhen(agent, () -> remediated(message)).eventually(agent::stop))
        .compose(v -> harness.startOnce())
        .compose(agent -> agent.stop())
        .eventually(() -> HotReloadTest.closing(log))
        .onComplete(
            ctx.succeeding(
                v ->
                    ctx.verify(
                        () -> {
                          long warnings =
                              log.at(Level.WARN).stream()
                                  .filter(l -> l.contains("sma.insecureSkipVerify is true"))
                                  .count();
                          assertEquals(2, warnings, "one warning for each of two starts");
                          assertEquals(1, remediationsOf(message).size());
                          ctx.completeNow();
                        })));
  }
}
