package org.etdremediator.service;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.etdremediator.cli.AgentProcess;
import org.etdremediator.config.ConfigChange;
import org.etdremediator.config.ConfigProblem;
import org.etdremediator.ledger.CycleSummary;

/** Waiting on a running agent's events, and reading what it serves and writes. */
final class Service {
  private Service() {}

  /** The first cycle to finish from now on after which {@code condition} holds. */
  static Future<CycleSummary> cycleWhen(AgentProcess agent, BooleanSupplier condition) {
    return cycleWhere(agent, s -> condition.getAsBoolean());
  }

  /** The first cycle to finish from now on whose summary {@code matches}. */
  static Future<CycleSummary> cycleWhere(AgentProcess agent, Predicate<CycleSummary> matches) {
    Promise<CycleSummary> promise = Promise.promise();
    agent
        .agent()
        .onCycle(
            s -> {
              if (matches.test(s)) {
                promise.tryComplete(s);
              }
            });
    return promise.future();
  }

  /** The next cycle to finish. */
  static Future<CycleSummary> nextCycle(AgentProcess agent) {
    return cycleWhere(agent, s -> true);
  }

  /** The next config change the watcher applies. */
  static Future<ConfigChange> nextChange(AgentProcess agent) {
    Promise<ConfigChange> promise = Promise.promise();
    agent.watcher().onChange(promise::tryComplete);
    return promise.future();
  }

  /**
   * Completes once the next config change is in force: the cycle that may have been running when it
   * came has finished, so every cycle from then on runs on the new config.
   */
  static Future<ConfigChange> nextChangeInForce(AgentProcess agent) {
    // The agent hears of the change before this listener does, and the requested cycles queue up
    // behind it on the agent's context; the second starts after any cycle of the old config.
    return nextChange(agent)
        .compose(change -> agent.runCycle().compose(s -> agent.runCycle()).map(change));
  }

  /** The next changed file the watcher refuses. */
  static Future<List<ConfigProblem>> nextRefusal(AgentProcess agent) {
    Promise<List<ConfigProblem>> promise = Promise.promise();
    agent.watcher().onRefusal(promise::tryComplete);
    return promise.future();
  }

  /** A port free on loopback now, for a status server to listen on. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GET of the agent's status server on loopback. */
  static Future<HttpResponse<Buffer>> get(Vertx vertx, AgentProcess agent, String path) {
    WebClient client = WebClient.create(vertx);
    return client
        .get(agent.statusPort(), "127.0.0.1", path)
        .send()
        .onComplete(done -> client.close());
  }

  /** The Prometheus text the agent serves on {@code /metrics}. */
  static Future<String> scrape(Vertx vertx, AgentProcess agent) {
    return get(vertx, agent, "/metrics").map(HttpResponse::bodyAsString);
  }

  /** The value of the sample of {@code name} whose labels include {@code label}; null if none. */
  static Double sample(String scrape, String name, String label) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(name + "{") && l.contains(label))
        .map(l -> Double.valueOf(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(null);
  }

  /** Every file under {@code dir}, read as text (bytes that are not UTF-8 kept as they are). */
  static List<String> everyFile(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(
              f -> {
                try {
                  return f + "\n" + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of the audit log. */
  static List<String> audit(Path stateDir) {
    try {
      Path file = stateDir.resolve("audit.jsonl");
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
