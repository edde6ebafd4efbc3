package org.etdremediator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.etdremediator.sim.SelfSignedCert;
import org.etdremediator.sim.SmaSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TLS to an SMA with a self-signed certificate")
class TlsTest extends OnSimulatedSite {
  // keytool takes seconds to start, so the tests share one certificate.
  @TempDir static Path certDir;
  private static SelfSignedCert cert;

  @BeforeAll
  static void makeCertificate() throws IOException, GeneralSecurityException {
    cert = SelfSignedCert.create(certDir);
  }

  @Override
  protected SmaSimulator.Options smaOptions() {
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
    oneCycle()
        .onComplete(
            checked(
                ctx,
                summary -> {
                  assertTrue(site.sma().baseUrl().startsWith("https://"));
                  assertEquals(1, summary.pending(), "kept pending, not lost");
                  assertEquals(0, site.sma().allRequests().size(), "no request got in");
                }));
  }

  @Test
  @DisplayName("is accepted when sma.caFile names the certificate")
  void acceptedWithCaFile(VertxTestContext ctx) {
    JsonObject message = Messages.conviction();
    publish(message);
    sma().put("caFile", cert.certificate().toString());
    oneCycle()
        .onComplete(
            checked(
                ctx,
                summary -> {
                  assertEquals(1, summary.remediated());
                  assertEquals(1, remediationsOf(message).size());
                }));
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
        .eventually(log::closed)
        .onComplete(
            checked(
                ctx,
                v -> {
                  long warnings =
                      log.at(Level.WARN).stream()
                          .filter(l -> l.contains("sma.insecureSkipVerify is true"))
                          .count();
                  assertEquals(2, warnings, "one warning for each of two starts");
                  assertEquals(1, remediationsOf(message).size());
                }));
  }
}
