package org.etdremediator.config;

import java.time.Duration;

/** The {@code schedule:} section. */
public record ScheduleSettings(
    Duration interval,
    Duration searchLag,
    Duration overlap,
    Duration initialLookback,
    Duration retroLookback,
    Duration retroInterval) {}
