package org.etdremediator.sim;

import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and key for 127.0.0.1 and localhost, written as PEM files, for tests
 * that talk HTTPS to the simulators. The JDK's keytool makes it, because the certificate needs the
 * IP address as a subject alternative name for host-name verification to pass.
 *
 * @param certificate the certificate in PEM, also the file a client trusts
 * @param privateKey the PKCS#8 private key in PEM
 */
public record SelfSignedCert(Path certificate, Path privateKey) {

  private static final char[] STORE_PASSWORD = "sim-store".toCharArray();

  /** Makes a fresh certificate and key in {@code dir}. Blocks while keytool runs. */
  public static SelfSignedCert create(Path dir) throws IOException, GeneralSecurityException {
    Path store = dir.resolve("sim.p12");
    runKeytool(store);
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, STORE_PASSWORD);
    }
    Key key = keyStore.getKey("sim", STORE_PASSWORD);
    Certificate cert = keyStore.getCertificate("sim");
    SelfSignedCert result = new SelfSignedCert(dir.resolve("cert.pem"), dir.resolve("key.pem"));
    Files.writeString(result.certificate, pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(result.privateKey, pem("PRIVATE KEY", key.getEncoded()));
    Files.delete(store);
    return result;
  }

  /** What a server serves the certificate with. */
  public PemKeyCertOptions keyCertOptions() {
    return new PemKeyCertOptions()
        .setCertPath(certificate.toString())
        .setKeyPath(privateKey.toString());
  }

  /** What a client trusts the certificate with. */
  public PemTrustOptions trustOptions() {
    return new PemTrustOptions().addCertPath(certificate.toString());
  }

  private static void runKeytool(Path store) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    String password = new String(STORE_PASSWORD);
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "sim",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                password,
                "-keypass",
                password)
            .redirectErrorStream(true)
            .start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
