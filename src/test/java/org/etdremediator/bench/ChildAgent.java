package org.etdremediator.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An agent running in a child JVM ({@link AgentChildMain}): started with the system's own {@code
 * java} and the test class path, its log written to a file, its report lines handed over as they
 * come.
 */
final class ChildAgent implements AutoCloseable {
  /** The heap the systemd unit gives the agent. */
  static final List<String> HEAP = List.of("-Xms64m", "-Xmx512m");

  private final Process process;
  private final BlockingQueue<String> reports = new LinkedBlockingQueue<>();
  private final Thread reader;

  private ChildAgent(Process process, Path logFile) {
    this.process = process;
    this.reader = new Thread(() -> copy(logFile), "child-agent-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts the agent on {@code configFile}; with {@code waitForGo} its cycle waits for {@link
   * #go()}, with {@code warm} it warms up first.
   */
  static ChildAgent start(
      Path configFile, boolean waitForGo, boolean warm, Path logFile, List<String> jvmFlags)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(HEAP);
    command.addAll(jvmFlags);
    String extra = System.getProperty("bench.agentFlags", "").strip();
    if (!extra.isEmpty()) {
      // For profiling, e.g. -Dbench.agentFlags=-XX:StartFlightRecording=filename=agent.jfr
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.add("-Dlogback.configurationFile=" + productionLogConfig());
    command.add("-cp");
    command.add(classPath());
    command.add(AgentChildMain.class.getName());
    command.add(configFile.toString());
    command.add(waitForGo ? "wait" : "now");
    command.add(warm ? "warm" : "cold");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("ETD_REMEDIATOR_LOG_LEVEL");
    return new ChildAgent(builder.start(), logFile);
  }

  /** The next report line of the given kind, as key=value pairs; fails if none comes in time. */
  Map<String, String> await(String kind, long timeoutSeconds) throws Exception {
    String line = reports.poll(timeoutSeconds, TimeUnit.SECONDS);
    if (line == null) {
      throw new IllegalStateException(
          "the agent sent no '"
              + kind
              + "' within "
              + timeoutSeconds
              + " s (alive: "
              + process.isAlive()
              + ")");
    }
    String[] words = line.split(" ");
    if (!words[0].equals(kind)) {
      throw new IllegalStateException("expected '" + kind + "' from the agent, got: " + line);
    }
    Map<String, String> values = new HashMap<>();
    for (int i = 1; i < words.length; i++) {
      int eq = words[i].indexOf('=');
      values.put(words[i].substring(0, eq), words[i].substring(eq + 1));
    }
    return values;
  }

  /** Lets a waiting cycle start. */
  void go() throws IOException {
    OutputStream in = process.getOutputStream();
    in.write('\n');
    in.flush();
  }

  int waitForExit(long timeoutSeconds) throws InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the agent did not exit within " + timeoutSeconds + " s");
    }
    return process.exitValue();
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private void copy(Path logFile) {
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile))) {
      String line;
      while ((line = out.readLine()) != null) {
        log.println(line);
        if (line.startsWith(AgentChildMain.PREFIX)) {
          reports.add(line.substring(AgentChildMain.PREFIX.length()));
        }
      }
    } catch (IOException e) {
      reports.add("broken " + e.getMessage().replace(' ', '_'));
    }
  }

  /** Surefire starts tests on a manifest-only JAR; its real class path is in this property. */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  /** The agent logs as it does in production: INFO, one line a remediation. */
  private static Path productionLogConfig() {
    return Path.of("target", "classes", "logback.xml").toAbsolutePath();
  }
}
