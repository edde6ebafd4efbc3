package org.etdremediator.config;

import java.util.Set;

/**
 * The {@code filters:} section. Mailboxes and sender domains are held in lower case; callers
 * compare lower-cased values.
 */
public record FilterSettings(
    Set<String> directions,
    Set<String> excludeMailboxes,
    Set<String> excludeSenderDomains,
    boolean skipIfEtdRemediated) {}
