package org.ownerless.app.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The log lines a class (or a package, by name) writes while this is open, as formatted messages. */
public final class CapturedLog implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public CapturedLog(Class<?> source) {
    this(source.getName());
  }

  public CapturedLog(String loggerName) {
    LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
    logger = logs.getLogger(loggerName);
    appender.setContext(logs);
    appender.start();
    logger.addAppender(appender);
  }

  /** The lines so far at INFO or above (what a node logs by default) that contain {@code text}. */
  public List<String> linesContaining(String text) {
    synchronized (appender.list) {
      return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
          .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(text)).toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
