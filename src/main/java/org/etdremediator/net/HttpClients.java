package org.etdremediator.net;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.etdremediator.Version;

/** Builds the Web Clients that talk to ETD and the SMA. */
public final class HttpClients {
  /** Sent on every call; the SMA binds its tokens to the User-Agent and Accept headers. */
  public static final String USER_AGENT = "etd-remediator/" + Version.current();

  public static final String ACCEPT = "application/json";

  private HttpClients() {}

  /**
   * A client whose connection pool carries {@code poolSize} requests at once. Certificates are
   * verified against the system store plus {@code caFile} unless {@code insecureSkipVerify}.
   */
  public static WebClient create(
      Vertx vertx, int poolSize, Duration timeout, Path caFile, boolean insecureSkipVerify) {
    WebClientOptions options =
        new WebClientOptions()
            .setUserAgent(USER_AGENT)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
            .setKeepAlive(true)
            .setFollowRedirects(false)
            .setDecompressionSupported(true);
    if (insecureSkipVerify) {
      options.setTrustAll(true).setVerifyHost(false);
    } else {
      options.setVerifyHost(true).setTrustOptions(trust(caFile));
    }
    return WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(poolSize));
  }

  private static TrustOptions trust(Path caFile) {
    try {
      return TrustOptions.wrap(TrustStore.systemPlus(caFile));
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "cannot use the CA file " + caFile + ": " + e.getMessage(), e);
    }
  }
}
