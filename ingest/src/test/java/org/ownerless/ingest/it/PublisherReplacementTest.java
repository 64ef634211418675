package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.transcode.Ladder;

/**
 * A second publisher with the token takes a stream over only from one that has gone silent (a crashed
 * encoder's leftover connection); a publisher still sending media keeps its stream.
 */
@Tag("e2e") // starts real ffmpeg processes
class PublisherReplacementTest {
  private static final Duration SILENCE = Duration.ofSeconds(2);

  private static IngestHarness harness() throws Exception {
    return new IngestHarness(Ladder.parse("src"), Duration.ofSeconds(30), Duration.ofSeconds(30),
        c -> c.withTakeoverAfterSilence(SILENCE));
  }

  @Test
  void aSecondPublisherIsRefusedWhileTheFirstStreamsAndAcceptedOnceTheFirstIsGone() throws Exception {
    try (IngestHarness h = harness()) {
      String url = Publishers.url(h.port, "cam", IngestHarness.TOKEN);
      try (ExternalProcess first = Publishers.ffmpeg(url, 320, 180, 60)) {
        assertThat(h.await(Duration.ofSeconds(30), x -> x.segments("cam", "src").size() >= 1))
            .as(first.output()).isTrue();
        try (ExternalProcess intruder = Publishers.ffmpeg(url, 320, 180, 60)) {
          assertThat(intruder.waitFor(20)).as("the intruder is refused and gives up").isNotZero();
          assertThat(intruder.output()).contains("already being published");
        }
        int before = h.segments("cam", "src").size();
        assertThat(first.isAlive()).as("the first publisher was not kicked: " + first.output()).isTrue();
        assertThat(h.await(Duration.ofSeconds(15), x -> x.segments("cam", "src").size() >= before + 2))
            .as("the first publisher's stream goes on").isTrue();
      } // the first encoder dies: its connection closes
      int before = h.segments("cam", "src").size();
      try (ExternalProcess next = Publishers.ffmpeg(url, 320, 180, 60)) {
        assertThat(h.await(Duration.ofSeconds(30), x -> x.segments("cam", "src").size() >= before + 2))
            .as("a new publisher is accepted once the first is gone: %s", next.output()).isTrue();
        assertThat(next.isAlive()).isTrue();
      }
    }
  }

  @Test
  void aNewPublisherTakesOverFromAHalfOpenOneThatHasBeenSilentLongEnough() throws Exception {
    try (IngestHarness h = harness(); RawRtmpClient stale = new RawRtmpClient(h.port)) {
      stale.handshake();
      assertThat(stale.publish("cam?token=" + IngestHarness.TOKEN)).containsEntry("code", "NetStream.Publish.Start");
      // The stale connection now sends nothing more, like an encoder whose network vanished.
      Thread.sleep(SILENCE.plusMillis(500).toMillis());
      try (ExternalProcess ffmpeg = Publishers.ffmpeg(Publishers.url(h.port, "cam", IngestHarness.TOKEN), 320, 180, 30)) {
        assertThat(stale.closedByServerWithin(10_000)).as("the half-open publisher is dropped").isTrue();
        assertThat(h.await(Duration.ofSeconds(30), x -> x.segments("cam", "src").size() >= 2)).as(ffmpeg.output())
            .isTrue();
        assertThat(ffmpeg.isAlive()).isTrue();
      }
    }
  }
}
