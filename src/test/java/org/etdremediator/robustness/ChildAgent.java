package org.etdremediator.robustness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The agent's command line run in a JVM of its own, so that it can be killed for real: {@link
 * #kill()} sends SIGKILL, {@link #terminate(Duration)} SIGTERM. Its output is read line by line as
 * it comes, and a test waits on those lines.
 */
final class ChildAgent {
  /** A line the child printed, and when this JVM read it. */
  record Line(String text, Instant at) {}

  private final Process process;
  private final Thread reader;
  private final List<Line> lines = new ArrayList<>();
  private boolean ended;

  private ChildAgent(Process process) {
    this.process = process;
    reader = new Thread(this::read, "child-agent-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code etd-remediator <command> --config <file>} with this JVM's class path. */
  static ChildAgent start(String command, Path configFile) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "org.etdremediator.cli.Main",
                command,
                "--config",
                configFile.toString())
            .redirectErrorStream(true);
    return new ChildAgent(builder.start());
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (this) {
          lines.add(new Line(line, Instant.now()));
          notifyAll();
        }
      }
    } catch (IOException closed) {
      // The child died; what it printed so far is kept.
    } finally {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }
  }

  /**
   * Waits until the child has printed {@code count} lines matching {@code match}, at most {@code
   * timeout}; returns the last of them, or null when they did not come in time or the child ended.
   */
  synchronized Line await(Predicate<String> match, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Line> matching = lines.stream().filter(l -> match.test(l.text())).toList();
      if (matching.size() >= count) {
        return matching.get(count - 1);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || ended) {
        return null;
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
  }

  synchronized int count(Predicate<String> match) {
    return (int) lines.stream().filter(l -> match.test(l.text())).count();
  }

  synchronized String output() {
    StringBuilder out = new StringBuilder();
    lines.forEach(l -> out.append(l.text()).append('\n'));
    return out.toString();
  }

  /** SIGKILL, then waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the child agent did not die after SIGKILL");
    }
    reader.join(5000);
  }

  /** SIGTERM; returns the exit code, or -1 when the child did not exit within {@code bound}. */
  int terminate(Duration bound) throws InterruptedException {
    // Process.destroy() would also close the pipes, and the child could not log its stop.
    process.toHandle().destroy();
    return exitCode(bound);
  }

  /** Waits for the child to end by itself, at most {@code bound}; its exit code, or -1. */
  int exitCode(Duration bound) throws InterruptedException {
    if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      reader.join(5000);
      return -1;
    }
    // The last lines are still in the pipe when the process is gone.
    reader.join(5000);
    return process.exitValue();
  }
}
