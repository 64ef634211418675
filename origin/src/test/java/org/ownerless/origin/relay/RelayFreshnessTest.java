package org.ownerless.origin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.follow.UpstreamChoice;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;
import org.ownerless.protocol.model.StreamStatus;
import org.slf4j.LoggerFactory;

/**
 * Upstreams that are stale, slow or not there yet cost the relay time, never its freshness: it ends
 * on the newest genuine state any upstream has, passes over a trickling one within its deadline (and
 * is not slowed by scouting it afterwards), and outlives an upstream that is down at start with one
 * log line for the outage and one for the end.
 */
class RelayFreshnessTest {
  @TempDir Path tmp;

  @Test
  void aStaleMirrorListedFirstDoesNotPinTheRelayToItsOldRoot() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("live"), List.of("src"));
    // The stale mirror keeps the genuine files of size 3 (announce included) and never updates.
    Path frozen = frozenAtThreeThenEight(creator, () -> {});
    try (TestUpstream stale = new TestUpstream(frozen);
        TestUpstream live = new TestUpstream(creator.streamsDir);
        RunningRelay relay = new RunningRelay(creator.stream, List.of(stale.url(), live.url()), tmp.resolve("relay"),
            64)) {
      await("the live size 8").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 8);
      assertThat(relay.mirror.upstreams().current().toString()).startsWith(live.url());
      creator.addSegment("src");
      await("size 9 from the live upstream").atMost(Duration.ofSeconds(10)).until(() -> relay.treeSize("src") == 9);
      // Being behind is not a failure of the stale mirror: it is simply not read.
      assertThat(relay.failures("ROLLBACK")).isZero();
    }
  }

  @Test
  void anUpstreamThatFallsBehindWhatTheRelayHoldsIsPassedOverAsStaleNotRefused() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("live"), List.of("src"));
    // Size 3 and the first announce frozen; then a higher seq and size 8.
    Path frozen = frozenAtThreeThenEight(creator,
        () -> creator.announce(StreamStatus.LIVE, System.currentTimeMillis() + 1000, Duration.ofHours(1)));
    Path mirrorDir = tmp.resolve("mirror");
    copyTree(creator.streamsDir, mirrorDir);
    try (TestUpstream mirror = new TestUpstream(mirrorDir);
        TestUpstream live = new TestUpstream(creator.streamsDir);
        RunningRelay relay = new RunningRelay(creator.stream, List.of(mirror.url(), live.url()), tmp.resolve("relay"),
            64)) {
      await("size 8 from the mirror").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 8);
      assertThat(relay.mirror.upstreams().current().toString()).startsWith(mirror.url());
      copyTree(frozen, mirrorDir); // the mirror the relay reads goes back: an older announce and root
      creator.addSegment("src");
      await("size 9 from the live upstream").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 9);
      // Behind is reported as such; the older state was never taken (size 9 followed size 8).
      assertThat(relay.failures("STALE")).isPositive();
      assertThat(relay.failures("ROLLBACK")).isZero();
    }
  }

  @Test
  void anUpstreamThatTricklesIsPassedOverWithinItsDeadline() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("live"), List.of("src"));
    for (int i = 0; i < 2; i++) {
      creator.addSegment("src");
    }
    try (TestUpstream trickling = new TestUpstream(creator.streamsDir);
        TestUpstream healthy = new TestUpstream(creator.streamsDir)) {
      trickling.trickleBytesPerSecond = 10; // headers at once, then ten bytes a second
      try (RunningRelay relay = new RunningRelay(creator.stream, List.of(trickling.url(), healthy.url()),
          tmp.resolve("relay"), 64)) {
        // RunningRelay's deadline is 3 s per request, body included; the announce alone would take minutes.
        await("size 2 from the healthy upstream").atMost(Duration.ofSeconds(15))
            .until(() -> relay.treeSize("src") == 2);
        assertThat(relay.mirror.upstreams().current().toString()).startsWith(healthy.url());
        assertThat(relay.failures("UNAVAILABLE")).isPositive();
      }
    }
  }

  @Test
  void aTricklingUpstreamThatIsScoutedNeverHoldsBackTheOneBeingRead() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("live"), List.of("src"));
    creator.addSegment("src");
    try (TestUpstream trickling = new TestUpstream(creator.streamsDir);
        TestUpstream healthy = new TestUpstream(creator.streamsDir)) {
      trickling.trickleBytesPerSecond = 10;
      try (RunningRelay relay = new RunningRelay(creator.stream, List.of(trickling.url(), healthy.url()),
          tmp.resolve("relay"), 64)) {
        await("size 1 from the healthy upstream").atMost(Duration.ofSeconds(15)).until(() -> relay.treeSize("src") == 1);
        // Every 2 s a scout asks the trickling upstream whether it is ahead and waits out the 3 s
        // deadline there: the healthy upstream's new segments must still reach the relay at once,
        // not up to a deadline later (found by bench/hostile-upstreams.sh, mode trickle).
        for (long size = 2; size <= 8; size++) {
          creator.addSegment("src");
          long expected = size;
          await("size " + size + " without waiting on the scout").atMost(Duration.ofMillis(1500))
              .until(() -> relay.treeSize("src") == expected);
          Thread.sleep(400);
        }
        assertThat(relay.mirror.upstreams().current().toString()).startsWith(healthy.url());
      }
    }
  }

  @Test
  void aRelayStartedBeforeItsUpstreamWaitsWithBackOffAndLogsTheOutageOnce() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("live"), List.of("src"));
    creator.addSegment("src");
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Logger choiceLog = (Logger) LoggerFactory.getLogger(UpstreamChoice.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    choiceLog.addAppender(lines);
    try (RunningRelay relay = new RunningRelay(creator.stream, List.of("http://127.0.0.1:" + port + "/"),
        tmp.resolve("relay"), 64)) {
      await("the relay to back off").atMost(Duration.ofSeconds(20)).until(() -> relay.mirror.upstreams().waitingOut());
      await("several failed rounds").atMost(Duration.ofSeconds(20)).until(() -> relay.failures("UNAVAILABLE") >= 3);
      try (TestUpstream late = new TestUpstream(creator.streamsDir, port)) {
        // The back-off is at most 30 s; the relay picks the upstream up at its next try.
        await("size 1 once the upstream is up").atMost(Duration.ofSeconds(45)).until(() -> relay.treeSize("src") == 1);
        creator.addSegment("src");
        await("size 2").atMost(Duration.ofSeconds(10)).until(() -> relay.treeSize("src") == 2);
      }
    } finally {
      choiceLog.detachAppender(lines);
    }
    List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(messages.stream().filter(m -> m.startsWith("no upstream of"))).hasSize(1);
    assertThat(messages.stream().filter(m -> m.contains("failing:"))).hasSize(1);
    assertThat(messages.stream().filter(m -> m.contains("answers again"))).hasSize(1);
  }

  /** What {@link #frozenAtThreeThenEight} does between the copy and the five segments after it. */
  private interface Step {
    void run() throws Exception;
  }

  /**
   * Publishes 3 segments, copies the creator's files as they are then to {@code tmp/frozen}, runs
   * {@code between}, then publishes 5 more (size 8). Returns the copy.
   */
  private Path frozenAtThreeThenEight(SignedStreamFiles creator, Step between) throws Exception {
    for (int i = 0; i < 3; i++) {
      creator.addSegment("src");
    }
    Path frozen = tmp.resolve("frozen");
    copyTree(creator.streamsDir, frozen);
    between.run();
    for (int i = 0; i < 5; i++) {
      creator.addSegment("src");
    }
    return frozen;
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
