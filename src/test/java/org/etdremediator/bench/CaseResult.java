package org.etdremediator.bench;

/**
 * What one run of the agent over one case measured.
 *
 * @param warm whether the agent's JVM warmed up before the measured cycle
 * @param latencyMs the SMA's answer time for a remediation call
 * @param concurrency {@code sma.concurrency}
 * @param convictions how many convictions were published, all of which qualify
 * @param seconds from publishing the convictions to the end of the agent's cycle
 * @param p50Ms median time from publication to the SMA's acceptance
 * @param p95Ms 95th percentile of that time
 * @param p99Ms 99th percentile of that time
 * @param etdRequests every request ETD received, refused ones included
 * @param etdRefused how many of them ETD refused (a rate limit or quota answer)
 * @param etdMessagesPerSecond messages read from ETD per second, publication to last page
 * @param cpuCycleSeconds the agent JVM's CPU time during the cycle
 * @param threadsCycleSeconds of that, the CPU time of the agent's Java threads (no JIT, no GC)
 * @param compileCycleSeconds the JIT compilers' time during the cycle
 * @param cpuTotalSeconds the agent JVM's CPU time from its start to its exit
 * @param peakHeapBytes the agent JVM's peak heap, summed over the heap pools
 * @param peakInFlight the most SMA calls in flight at once, as the SMA saw it
 * @param simulatorCpuSeconds the benchmark JVM's CPU time (the simulators) during the case
 * @param exactlyOnce whether every conviction was accepted by the SMA exactly once
 */
record CaseResult(
    boolean warm,
    long latencyMs,
    int concurrency,
    int convictions,
    double seconds,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    int etdRequests,
    int etdRefused,
    double etdMessagesPerSecond,
    double cpuCycleSeconds,
    double threadsCycleSeconds,
    double compileCycleSeconds,
    double cpuTotalSeconds,
    long peakHeapBytes,
    int peakInFlight,
    double simulatorCpuSeconds,
    boolean exactlyOnce) {

  double perSecond() {
    return convictions / seconds;
  }

  /** What the concurrency allows at this latency: every slot busy with remediations. */
  double allowed() {
    return concurrency * 1000.0 / latencyMs;
  }

  double cpuPerThousand() {
    return cpuCycleSeconds * 1000.0 / convictions;
  }

  double threadsPerThousand() {
    return threadsCycleSeconds * 1000.0 / convictions;
  }

  double peakHeapMb() {
    return peakHeapBytes / (1024.0 * 1024.0);
  }
}
