package org.etdremediator.config;

import java.nio.file.Path;
import java.time.Duration;

/** The {@code state:} section. */
public record StateSettings(Path dir, Duration retention) {}
