package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.transcode.Ladder;
import org.slf4j.LoggerFactory;

/**
 * Over a real socket, an unauthenticated client cannot write a line of its own into the ingest's
 * log: what it sends (the connect's app name, the publish name) is logged escaped on the line that
 * mentions it, and the publish token is never logged. No publish succeeds, so no ffmpeg is started.
 */
class LogInjectionTest {
  private static final String FORGED = "\n2026-01-01 INFO forged";

  private IngestHarness h;
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger root;
  private Logger ours;
  private Level levelBefore;

  @BeforeEach
  void start() throws Exception {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    // The lines under test are INFO: whatever another test in this JVM set, they must be written here.
    ours = (Logger) LoggerFactory.getLogger("org.ownerless");
    levelBefore = ours.getLevel();
    ours.setLevel(Level.INFO);
    captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    captured.start();
    root.addAppender(captured);
    h = new IngestHarness(Ladder.parse("src"));
  }

  @AfterEach
  void stop() throws Exception {
    root.detachAppender(captured);
    ours.setLevel(levelBefore);
    h.close();
  }

  @Test
  void aNewlineInTheConnectAppNameIsEscapedOnOneLine() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      c.handshake();
      c.connect("other" + FORGED);
      assertThat(c.closedByServerWithin(3000)).isTrue();
    }
    String line = awaitLineContaining("refusing connect");
    assertThat(line).doesNotContain("\n").doesNotContain("\r")
        .contains("\"other\\n2026-01-01 INFO forged\"");
  }

  @Test
  void aRefusedPublishNamesTheStreamButNeverTheToken() throws Exception {
    String secret = "guessed-token-" + FORGED;
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      c.handshake();
      assertThat(c.publish("show?token=" + secret)).containsEntry("code", "NetStream.Publish.Denied");
    }
    String line = awaitLineContaining("refused: invalid or missing token");
    assertThat(line).contains("\"show\"");
    assertThat(formattedLines()).noneMatch(l -> l.contains("guessed-token") || l.contains("forged"));
  }

  private String awaitLineContaining(String text) {
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> formattedLines().stream().anyMatch(l -> l.contains(text)));
    return formattedLines().stream().filter(l -> l.contains(text)).findFirst().orElseThrow();
  }

  /** Each event as the configured console pattern writes it, ending in its newline. */
  private List<String> formattedLines() {
    PatternLayout layout = new PatternLayout();
    layout.setContext(captured.getContext());
    layout.setPattern("%-5level %logger{0} - %msg%n");
    layout.start();
    List<ILoggingEvent> events;
    synchronized (captured) {
      events = List.copyOf(captured.list);
    }
    // One event may only ever be one line: strip the one newline the layout ends it with.
    return events.stream().map(e -> layout.doLayout(e)).map(l -> l.substring(0, l.length() - 1)).toList();
  }
}
