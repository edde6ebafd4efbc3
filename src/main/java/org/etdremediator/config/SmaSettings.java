package org.etdremediator.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code sma:} section. {@code baseUrl} is the API base such as {@code
 * https://sma.example.com:4431} without a trailing slash; the client appends {@code
 * /sma/api/v2.0/...}. {@code caFile} is null when not set. {@code initiatedSource} is already
 * defaulted to the host name.
 */
public record SmaSettings(
    URI baseUrl,
    String username,
    Secret password,
    SmaAuth auth,
    Path caFile,
    boolean insecureSkipVerify,
    RemediationAction action,
    Map<String, RemediationAction> actionByVerdict,
    List<String> forwardTo,
    String batchName,
    String initiatedSource,
    int concurrency,
    int messagesPerRequest,
    boolean trackingLookup,
    Duration trackingTimeout,
    String esaSerialNumber,
    long placeholderMid,
    Duration timeout,
    int maxAttempts,
    Duration giveUpAfter) {

  /** The action for a verdict: {@code actionByVerdict} when it names the verdict, else action. */
  public RemediationAction actionFor(String verdict) {
    return actionByVerdict.getOrDefault(verdict, action);
  }
}
