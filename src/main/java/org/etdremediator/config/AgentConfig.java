package org.etdremediator.config;

/** The whole validated configuration. Immutable; a reload produces a new instance. */
public record AgentConfig(
    EtdSettings etd,
    SmaSettings sma,
    ScheduleSettings schedule,
    FilterSettings filters,
    StateSettings state,
    HttpSettings http,
    Mode mode) {

  public boolean dryRun() {
    return mode == Mode.DRY_RUN;
  }

  public AgentConfig withMode(Mode newMode) {
    return new AgentConfig(etd, sma, schedule, filters, state, http, newMode);
  }
}
