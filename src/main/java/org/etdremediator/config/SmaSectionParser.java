package org.etdremediator.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns the {@code sma:} section into {@link SmaSettings}. */
final class SmaSectionParser {
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final String URL_EXAMPLE = "https://sma.example.com:4431";

  private SmaSectionParser() {}

  static SmaSettings parse(
      SectionReader sma, CredentialReader credentials, ConfigSource source, List<String> verdicts) {
    URI baseUrl = baseUrl(sma);
    String username = credentials.read(sma, "username", "sma-username");
    String password = credentials.read(sma, "password", "sma-password");
    SmaAuth auth = sma.choice("auth", "jwt", spellings(SmaAuth.values()));
    Path caFile = caFile(sma, source);
    boolean insecure = sma.flag("insecureSkipVerify", false);
    RemediationAction action = sma.choice("action", "fwdDelete", actions());
    Map<String, RemediationAction> byVerdict = actionByVerdict(sma);
    List<String> forwardTo = forwardTo(sma);
    String batchName = sma.text("batchName", "etd-remediator");
    String initiatedSource = sma.text("initiatedSource", "");
    int concurrency = sma.whole("concurrency", 4, 1, 256);
    int messagesPerRequest = sma.whole("messagesPerRequest", 1, 1, Integer.MAX_VALUE);
    boolean trackingLookup = sma.flag("trackingLookup", true);
    Duration trackingTimeout =
        sma.duration("trackingTimeout", Duration.ofMinutes(30), Duration.ZERO);
    String serial = sma.text("esaSerialNumber", "");
    long placeholderMid = sma.whole("placeholderMid", 0L, 0L, Long.MAX_VALUE);
    Duration timeout = sma.duration("timeout", Duration.ofSeconds(30), Duration.ofMillis(1));
    int maxAttempts = sma.whole("maxAttempts", 5, 1, Integer.MAX_VALUE);
    Duration giveUpAfter = sma.duration("giveUpAfter", Duration.ofHours(24), Duration.ofMillis(1));
    sma.rejectUnknown();

    if (batchName.isBlank()) {
      sma.problem(
          "batchName", "empty (write a name the SMA shows for the batch, e.g. etd-remediator)");
    }
    if (action != null
        && needsForwardTo(action, byVerdict, verdicts)
        && forwardTo.isEmpty()
        && !sma.hasProblem("forwardTo")) {
      sma.problem(
          "forwardTo",
          "required because an action forwards (write forwardTo: "
              + "[soc@example.com], or use action: delete)");
    }

    return new SmaSettings(
        baseUrl,
        username,
        password == null ? null : new Secret(password),
        auth,
        caFile,
        insecure,
        action,
        byVerdict,
        forwardTo,
        batchName.trim(),
        initiatedSource.isBlank() ? source.hostName() : initiatedSource.trim(),
        concurrency,
        messagesPerRequest,
        trackingLookup,
        trackingTimeout,
        serial.trim(),
        placeholderMid,
        timeout,
        maxAttempts,
        giveUpAfter);
  }

  private static URI baseUrl(SectionReader sma) {
    String text = sma.text("baseUrl", "");
    if (text.isBlank()) {
      sma.missing("baseUrl", "write the SMA's API address, e.g. " + URL_EXAMPLE);
      return null;
    }
    return sma.url("baseUrl", text, URL_EXAMPLE);
  }

  private static Path caFile(SectionReader sma, ConfigSource source) {
    String name = sma.text("caFile", "");
    if (name.isBlank()) {
      return null;
    }
    Path path = source.resolveFile(name.trim());
    String trouble = caFileTrouble(path);
    if (trouble != null) {
      sma.problem("caFile", trouble);
      return null;
    }
    return path;
  }

  // The agent would fail on the first TLS connection; check-config should say so first.
  private static String caFileTrouble(Path path) {
    String hint = " (write the path of a PEM file with the SMA's certificate or its CA)";
    if (Files.isDirectory(path)) {
      return path + " is a directory, not a file" + hint;
    }
    if (!Files.exists(path)) {
      return "no such file: " + path + " (write the path of a PEM file)";
    }
    if (!Files.isReadable(path)) {
      return "cannot read " + path + " (let the agent's user read it)";
    }
    try (InputStream in = Files.newInputStream(path)) {
      if (!CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        return null;
      }
    } catch (IOException e) {
      return "cannot read " + path + ": " + FileTrouble.reason(e) + hint;
    } catch (CertificateException e) {
      // not a certificate: reported below
    }
    return path + " holds no PEM certificate" + hint;
  }

  private static Map<String, RemediationAction> actionByVerdict(SectionReader sma) {
    Map<String, RemediationAction> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : sma.mapping("actionByVerdict").entrySet()) {
      String key = "actionByVerdict." + e.getKey();
      if (!Verdicts.ALL.contains(e.getKey())) {
        sma.problem(key, SectionReader.unknownValue(e.getKey(), Verdicts.ALL));
        continue;
      }
      RemediationAction action =
          e.getValue() instanceof String s ? RemediationAction.fromSpelling(s) : null;
      if (action == null) {
        String found = e.getValue() instanceof String s ? s : String.valueOf(e.getValue());
        sma.problem(key, SectionReader.unknownValue(found, actions().keySet()));
        continue;
      }
      out.put(e.getKey(), action);
    }
    return Map.copyOf(out);
  }

  private static List<String> forwardTo(SectionReader sma) {
    List<String> out = new ArrayList<>();
    List<String> given = sma.texts("forwardTo", List.of());
    for (String address : given) {
      if (ADDRESS.matcher(address).matches()) {
        out.add(address);
      } else {
        sma.problem("forwardTo", "not a mail address: '" + address + "' (write soc@example.com)");
      }
    }
    return List.copyOf(out);
  }

  // Only the actions that some wanted verdict really gets count: a default of fwdDelete that
  // actionByVerdict overrides for every verdict needs no forwardTo.
  private static boolean needsForwardTo(
      RemediationAction action, Map<String, RemediationAction> byVerdict, List<String> verdicts) {
    return verdicts.stream().anyMatch(v -> byVerdict.getOrDefault(v, action).forwards());
  }

  private static Map<String, RemediationAction> actions() {
    Map<String, RemediationAction> out = new LinkedHashMap<>();
    for (RemediationAction a : RemediationAction.values()) {
      out.put(a.spelling(), a);
    }
    return out;
  }

  static <E extends Enum<E>> Map<String, E> spellings(E[] values) {
    Map<String, E> out = new LinkedHashMap<>();
    for (E e : values) {
      out.put(e.name().toLowerCase(), e);
    }
    return out;
  }
}
