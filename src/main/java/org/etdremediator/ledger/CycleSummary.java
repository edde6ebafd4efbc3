package org.etdremediator.ledger;

import java.time.Instant;

/**
 * What one poll cycle did, kept with the checkpoint so that {@code status} can show it.
 *
 * @param error why the cycle did not finish, null when it did
 */
public record CycleSummary(
    Instant startedAt,
    Instant finishedAt,
    int found,
    int remediated,
    int skipped,
    int pending,
    int failed,
    boolean ok,
    String error) {}
