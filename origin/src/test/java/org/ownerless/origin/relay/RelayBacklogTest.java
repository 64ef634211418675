package org.ownerless.origin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;

/**
 * While a relay cannot publish (the window's segments keep failing) it keeps accepting roots; it
 * holds only as many of them as it would keep on disk anyway, drops the oldest with one log line,
 * and publishes the newest once the segments come back.
 */
class RelayBacklogTest {
  private static final int KEEP = 20;

  @TempDir Path tmp;

  @Test
  void rootsWaitingForPublicationStayBoundedWhileSegmentsFail() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    creator.addSegment("src");
    Logger backlogLog = (Logger) LoggerFactory.getLogger(UnpublishedRoots.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    backlogLog.addAppender(lines);
    try (TestUpstream upstream = new TestUpstream(creator.streamsDir);
        RunningRelay relay = new RunningRelay(creator.stream, List.of(upstream.url()), tmp.resolve("relay"), KEEP)) {
      await("size 1").atMost(Duration.ofSeconds(10)).until(() -> relay.treeSize("src") == 1);
      upstream.status = path -> path.endsWith(".ts") ? 503 : 0;
      for (int i = 0; i < 3 * KEEP; i++) {
        creator.addSegment("src");
      }
      RenditionMirror src = relay.mirror.rendition("src");
      await("every root accepted").atMost(Duration.ofSeconds(20)).until(() -> src.acceptedSize() == 1 + 3 * KEEP);
      assertThat(relay.treeSize("src")).isEqualTo(1); // nothing published: the segments fail
      assertThat(src.unpublishedRoots()).isEqualTo(KEEP);

      upstream.status = path -> 0;
      await("the newest published").atMost(Duration.ofSeconds(45)).until(() -> relay.treeSize("src") == 1 + 3 * KEEP);
      assertThat(src.unpublishedRoots()).isZero();
      Path roots = relay.config.streamDir().resolve("src").resolve("roots");
      assertThat(roots.resolve("1-" + (1 + 3 * KEEP) + ".json")).exists();
      try (Stream<Path> files = Files.list(roots)) {
        assertThat(files.count()).isEqualTo(KEEP);
      }
    } finally {
      backlogLog.detachAppender(lines);
    }
    List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(messages).filteredOn(m -> m.contains("dropping")).hasSize(1);
    assertThat(messages).filteredOn(m -> m.contains("dropped " + (2 * KEEP) + " ")).hasSize(1);
  }
}
