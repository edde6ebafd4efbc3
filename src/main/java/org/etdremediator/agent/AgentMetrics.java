package org.etdremediator.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.etdremediator.net.CallListener;

/** The agent's meters, named {@code etd_remediator_*} in the Prometheus output. */
public final class AgentMetrics {
  private final MeterRegistry registry;
  private final AtomicLong lastSuccess = new AtomicLong();
  private final Timer verdictToRemediation;
  // Micrometer holds gauge sources weakly, so the agent keeps them here.
  private Supplier<Number> ledgerSize;
  private Supplier<Number> pendingSize;

  public AgentMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.verdictToRemediation =
        Timer.builder("etd_remediator_verdict_to_remediation")
            .description("Time from the ETD verdict to the SMA accepting the remediation")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
    registry.gauge("etd_remediator_last_successful_cycle_seconds", lastSuccess, AtomicLong::get);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Registers the gauges that read the ledger and pending sizes on demand. */
  public void gaugeState(Supplier<Number> ledger, Supplier<Number> pending) {
    this.ledgerSize = ledger;
    this.pendingSize = pending;
    registry.gauge("etd_remediator_ledger_size", ledgerSize, s -> s.get().doubleValue());
    registry.gauge("etd_remediator_pending_size", pendingSize, s -> s.get().doubleValue());
  }

  public void cycle(boolean ok) {
    counter("etd_remediator_cycles", "outcome", ok ? "ok" : "failed").increment();
    if (ok) {
      lastSuccess.set(Instant.now().getEpochSecond());
    }
  }

  public void found(String verdict) {
    counter("etd_remediator_messages_found", "verdict", verdict).increment();
  }

  public void outcome(String outcome) {
    counter("etd_remediator_remediations", "outcome", outcome).increment();
  }

  /** Counts ETD calls by the status of their answer; {@code transport} when none came. */
  public CallListener etdCalls() {
    return status -> counter("etd_remediator_etd_calls", "status", label(status)).increment();
  }

  /** Counts SMA calls by the status of their answer; {@code transport} when none came. */
  public CallListener smaCalls() {
    return status -> counter("etd_remediator_sma_calls", "status", label(status)).increment();
  }

  private static String label(int status) {
    return status == 0 ? "transport" : Integer.toString(status);
  }

  public void verdictToRemediation(Duration elapsed) {
    // A verdict stamped by a clock ahead of ours would give a negative figure; it is left out.
    if (!elapsed.isNegative()) {
      verdictToRemediation.record(elapsed);
    }
  }

  public void configReload(boolean applied) {
    counter("etd_remediator_config_reloads", "outcome", applied ? "applied" : "refused")
        .increment();
  }

  private Counter counter(String name, String tag, String value) {
    return Counter.builder(name).tag(tag, value).register(registry);
  }
}
