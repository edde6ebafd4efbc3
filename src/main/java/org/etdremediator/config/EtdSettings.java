package org.etdremediator.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The {@code etd:} section. {@code baseUrl} is already resolved from {@code region} when no
 * explicit URL was given, and has no trailing slash.
 */
public record EtdSettings(
    String region,
    URI baseUrl,
    Secret apiKey,
    String clientId,
    Secret clientSecret,
    List<String> verdicts,
    int pageSize,
    double requestsPerSecond,
    int dailyRequestQuota,
    Duration timeout) {}
