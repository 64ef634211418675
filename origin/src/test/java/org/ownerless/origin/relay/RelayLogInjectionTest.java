package org.ownerless.origin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.follow.UpstreamChoice;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;
import org.ownerless.protocol.layout.StreamLayout;

/**
 * An upstream cannot write lines of its own into a relay's log: what it serves and the relay
 * repeats in a log line (here the name of a field it added to the announce, which the refusal
 * names) is logged escaped, on the one line that reports the failure.
 */
class RelayLogInjectionTest {
  @TempDir Path tmp;

  @Test
  void aNewlineInAnUpstreamsAnswerIsEscapedInTheFailureLine() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    creator.addSegment("src");
    Logger choiceLog = (Logger) org.slf4j.LoggerFactory.getLogger(UpstreamChoice.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    choiceLog.addAppender(lines);
    try (TestUpstream upstream = new TestUpstream(creator.streamsDir)) {
      upstream.rewrite = (path, bytes) -> path.endsWith(StreamLayout.ANNOUNCE) ? withForgedField(bytes) : bytes;
      try (RunningRelay relay = new RunningRelay(creator.stream, List.of(upstream.url()), tmp.resolve("relay"), 0)) {
        await("the refusal").atMost(Duration.ofSeconds(10)).until(() -> relay.failures("MALFORMED") >= 1);
      }
    } finally {
      choiceLog.detachAppender(lines);
    }
    List<String> failing = lines.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.startsWith("upstream ")).toList();
    assertThat(failing).singleElement().asString().doesNotContain("\n")
        .contains("x\\n2026-01-01 INFO forged");
  }

  /** The announce with one more member, whose name carries a newline (a JSON escape, so still valid JSON). */
  private static byte[] withForgedField(byte[] announce) {
    String json = new String(announce, StandardCharsets.UTF_8);
    return ("{\"x\\n2026-01-01 INFO forged\":1," + json.substring(1)).getBytes(StandardCharsets.UTF_8);
  }
}
