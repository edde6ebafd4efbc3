package org.etdremediator.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("SMA simulator: HTTPS")
class SmaTlsTest {

  @Test
  @DisplayName("serves HTTPS that a client trusting the self-signed certificate verifies")
  void trustedCertificate(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
    SelfSignedCert cert = SelfSignedCert.create(dir);
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setSsl(true)
                .setVerifyHost(true)
                .setTrustOptions(cert.trustOptions()));
    SmaSimulator.start(vertx, SmaSimulator.Options.defaults().withTls(cert.keyCertOptions()))
        .compose(
            sim -> {
              assertTrue(sim.baseUrl().startsWith("https://127.0.0.1:"));
              return new SmaCalls(client, sim).token();
            })
        .onComplete(ctx.succeeding(token -> ctx.completeNow()));
  }

  @Test
  @DisplayName("a client that does not trust the certificate fails the handshake")
  void untrustedCertificate(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
    SelfSignedCert cert = SelfSignedCert.create(dir);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setSsl(true));
    SmaSimulator.start(vertx, SmaSimulator.Options.defaults().withTls(cert.keyCertOptions()))
        .compose(sim -> new SmaCalls(client, sim).token())
        .onComplete(ctx.failing(error -> ctx.completeNow()));
  }
}
