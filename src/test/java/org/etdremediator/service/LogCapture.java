package org.etdremediator.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the agent logs while a test runs, at the level the test asks for. */
final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level before;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Level level) {
    logger = (Logger) LoggerFactory.getLogger("org.etdremediator");
    before = logger.getLevel();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(level);
  }

  /** Captures the agent's INFO lines and above. */
  static LogCapture info() {
    return new LogCapture(Level.INFO);
  }

  /** Captures every line of the agent, DEBUG included. */
  static LogCapture everything() {
    return new LogCapture(Level.DEBUG);
  }

  List<ILoggingEvent> events() {
    // The appender adds under its own lock.
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /** Every line as an operator would read it: level, message and any stack trace. */
  List<String> lines() {
    return events().stream().map(LogCapture::render).toList();
  }

  /** The messages logged at {@code level}. */
  List<String> at(Level level) {
    return events().stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private static String render(ILoggingEvent e) {
    String trace =
        e.getThrowableProxy() == null
            ? ""
            : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy());
    return e.getLevel() + " " + e.getFormattedMessage() + trace;
  }

  /** Stops capturing, as the last step of a test's chain. */
  Future<Void> closed() {
    close();
    return Future.succeededFuture();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(before);
    appender.stop();
  }
}
