package org.etdremediator.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A reload that was accepted.
 *
 * @param previous the config in force before
 * @param current the config in force now; the keys in {@code restartRequiredKeys} still hold their
 *     previous values in it
 * @param changedKeys every dotted key whose value in the file differs from the config that was in
 *     force, in file order; a key waiting for a restart stays among them until then
 * @param restartRequiredKeys those of the changed keys that take effect only after a restart
 */
public record ConfigChange(
    AgentConfig previous,
    AgentConfig current,
    Set<String> changedKeys,
    Set<String> restartRequiredKeys) {

  public ConfigChange {
    changedKeys = Collections.unmodifiableSet(new LinkedHashSet<>(changedKeys));
    restartRequiredKeys = Collections.unmodifiableSet(new LinkedHashSet<>(restartRequiredKeys));
  }

  /**
   * Whether {@code key} (e.g. {@code schedule.interval}) or any key under it (e.g. {@code sma})
   * changed.
   */
  public boolean changed(String key) {
    return changedKeys.stream().anyMatch(k -> k.equals(key) || k.startsWith(key + "."));
  }

  static boolean needsRestart(String key) {
    return key.equals("state.dir") || key.startsWith("http.");
  }
}
