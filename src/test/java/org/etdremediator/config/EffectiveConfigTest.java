package org.etdremediator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveConfigTest {
  @TempDir Path dir;

  @Test
  @DisplayName("the rendered config masks every secret and shows the rest")
  void masksSecrets() {
    String out = EffectiveConfig.render(TestConfigs.parse(TestConfigs.minimal(), dir));

    for (String secret :
        List.of(TestConfigs.API_KEY, TestConfigs.CLIENT_SECRET, TestConfigs.SMA_PASSWORD)) {
      assertFalse(out.contains(secret), out);
    }
    assertTrue(out.contains("  apiKey: \"****\"\n"), out);
    assertTrue(out.contains("  clientSecret: \"****\"\n"), out);
    assertTrue(out.contains("  password: \"****\"\n"), out);
    assertTrue(out.contains("  clientId: client-1\n"), out);
    assertTrue(out.contains("  username: api-user\n"), out);
  }

  @Test
  @DisplayName("the rendered config is YAML that reads back to the same settings")
  void readsBack() {
    AgentConfig config = TestConfigs.parse(TestConfigs.minimal(), dir);
    String rendered =
        EffectiveConfig.render(config)
            .replace("apiKey: \"****\"", "apiKey: " + TestConfigs.API_KEY)
            .replace("clientSecret: \"****\"", "clientSecret: " + TestConfigs.CLIENT_SECRET)
            .replace("password: \"****\"", "password: " + TestConfigs.SMA_PASSWORD)
            .replace("caFile: \"\"", "");

    AgentConfig again = TestConfigs.parse(rendered, dir);

    assertEquals(Set.of(), EffectiveConfig.changedKeys(config, again));
  }

  @Test
  @DisplayName("durations render in the units the file uses")
  void durations() {
    String text = TestConfigs.minimalWith("schedule:\n  interval: 90s\n");

    String out = EffectiveConfig.render(TestConfigs.parse(text, dir));

    assertTrue(out.contains("  interval: 1m30s\n"), out);
    assertTrue(out.contains("  retroLookback: 7d\n"), out);
  }

  @Test
  @DisplayName("changed keys name exactly the settings that differ")
  void changedKeys() {
    AgentConfig before = TestConfigs.parse(TestConfigs.minimal(), dir);
    String text =
        TestConfigs.minimalWith("http:\n  port: 9000\n")
            .replace(TestConfigs.SMA_PASSWORD, "rotated-password");

    AgentConfig after = TestConfigs.parse(text, dir);

    assertEquals(Set.of("sma.password", "http.port"), EffectiveConfig.changedKeys(before, after));
  }
}
