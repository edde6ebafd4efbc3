package org.etdremediator.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.etdremediator.cli.AgentProcess;
import org.etdremediator.ledger.CycleSummary;

/**
 * The agent under measurement, in a JVM of its own so that its CPU time and heap are not mixed with
 * the simulators'. Starts the agent on a config file as {@code once} does, reports on stdout in
 * lines that begin with {@link #PREFIX}, and exits.
 *
 * <p>Arguments: the config file; {@code wait} (run the cycle when a line arrives on stdin) or
 * {@code now} (run it at once, for the start-up measurement); {@code warm} or {@code cold}. Warm
 * first runs an agent over a few thousand convictions against simulators of its own, so that the
 * measured agent runs compiled code as a service does after its first minutes, not the interpreter
 * and the JIT compiler of a fresh JVM.
 */
public final class AgentChildMain {
  static final String PREFIX = "BENCH ";
  private static final long TIMEOUT_SECONDS = 1800;

  private AgentChildMain() {}

  public static void main(String[] args) throws Exception {
    Path config = Path.of(args[0]);
    boolean waitForGo = args.length > 1 && args[1].equals("wait");
    boolean warm = args.length > 2 && args[2].equals("warm");
    // The agent logs to stdout; the report lines go to the same stream, so they share a lock.
    PrintStream out = System.out;
    Vertx vertx = Vertx.vertx();
    if (warm) {
      long warmStart = System.nanoTime();
      WarmUp.run(vertx);
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      report(out, "warm ms=" + (System.nanoTime() - warmStart) / 1_000_000);
    }
    AgentProcess.Options options = AgentProcess.Options.once(config, false);
    AgentProcess agent = await(AgentProcess.start(vertx, config, options));
    report(out, "ready sinceJvmStartMs=" + sinceJvmStart());
    if (waitForGo) {
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
    long cpuBefore = processCpuNanos();
    long threadsBefore = javaThreadsCpuNanos();
    long compileBefore = compileMillis();
    long cycleStart = System.nanoTime();
    CycleSummary summary = await(agent.runCycle());
    long cycleNanos = System.nanoTime() - cycleStart;
    long cpuCycle = processCpuNanos() - cpuBefore;
    long threadsCycle = javaThreadsCpuNanos() - threadsBefore;
    long compileCycle = compileMillis() - compileBefore;
    report(
        out,
        "done sinceJvmStartMs="
            + sinceJvmStart()
            + " cycleMs="
            + cycleNanos / 1_000_000
            + " ok="
            + summary.ok()
            + " remediated="
            + summary.remediated()
            + " pending="
            + summary.pending()
            + " failed="
            + summary.failed());
    long heldAfterGc = heldAfterGc();
    await(agent.stop());
    await(vertx.close());
    report(
        out,
        "result cpuCycleMs="
            + cpuCycle / 1_000_000
            + " threadsCycleMs="
            + threadsCycle / 1_000_000
            + " compileCycleMs="
            + compileCycle
            + " cpuTotalMs="
            + processCpuNanos() / 1_000_000
            + " peakHeapBytes="
            + peakHeap()
            + " heldAfterGcBytes="
            + heldAfterGc);
    out.flush();
    System.exit(0);
  }

  private static void report(PrintStream out, String line) {
    out.println(PREFIX + line);
    out.flush();
  }

  private static long sinceJvmStart() {
    return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * CPU time of the live Java threads: the agent's own code, Vert.x and Netty, without the JIT
   * compiler and the garbage collector, which are not Java threads.
   */
  private static long javaThreadsCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : threads.getAllThreadIds()) {
      sum += Math.max(0, threads.getThreadCpuTime(id));
    }
    return sum;
  }

  /** Time the JIT compilers spent so far (wall time of the compiler threads). */
  private static long compileMillis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  /** The heap still in use after a full collection, with the agent and its state loaded. */
  private static long heldAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The sum of every heap pool's peak: an upper bound, as the pools peak at different times. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
