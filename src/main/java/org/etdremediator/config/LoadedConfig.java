package org.etdremediator.config;

import java.util.List;

/**
 * A valid config and what about it the operator should hear: inline secrets in a file others can
 * read, certificate checks turned off.
 */
public record LoadedConfig(AgentConfig config, List<String> warnings) {

  public LoadedConfig {
    warnings = List.copyOf(warnings);
  }
}
