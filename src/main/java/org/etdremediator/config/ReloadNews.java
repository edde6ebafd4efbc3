package org.etdremediator.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a reload tells the operator: each changed key with its old and new value, secrets masked. A
 * key that waits for a restart is announced once per value it waits with, not on every later reload
 * while the running value still differs.
 */
final class ReloadNews {
  private final Map<String, Object> announcedPending = new HashMap<>();

  /**
   * The news of going from {@code previous} to {@code next}.
   *
   * @param changed the keys that differ between the two, in file order
   * @return null when the reload holds nothing not already announced
   */
  News of(AgentConfig previous, AgentConfig next, Set<String> changed) {
    Map<String, Object> before = EffectiveConfig.flatten(previous);
    Map<String, Object> after = EffectiveConfig.flatten(next);
    // A key set back to its running value no longer waits; a later change of it is news again.
    announcedPending.keySet().retainAll(changed);

    List<String> entries = new ArrayList<>();
    List<String> restart = new ArrayList<>();
    for (String key : changed) {
      Object value = after.get(key);
      String entry =
          key
              + ": "
              + EffectiveConfig.brief(before.get(key))
              + " -> "
              + EffectiveConfig.brief(value);
      if (!ConfigChange.needsRestart(key)) {
        entries.add(entry);
      } else if (!announcedPending.containsKey(key)
          || !Objects.equals(announcedPending.get(key), value)) {
        announcedPending.put(key, value);
        entries.add(entry + " (after a restart)");
        restart.add(key);
      }
    }
    return entries.isEmpty()
        ? null
        : new News("config reloaded: " + String.join("; ", entries), List.copyOf(restart));
  }

  /**
   * @param summary the one INFO line of the reload
   * @param restartKeys the keys newly waiting for a restart, each to be warned about
   */
  record News(String summary, List<String> restartKeys) {}
}
