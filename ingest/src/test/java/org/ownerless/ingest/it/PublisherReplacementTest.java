package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.transcode.Ladder;

/** A second publisher of a stream replaces a half-open first one instead of being refused. */
@Tag("e2e") // starts real ffmpeg or GStreamer processes
class PublisherReplacementTest {
  @Test
  void aNewPublisherReplacesAHalfOpenOne() throws Exception {
    try (IngestHarness h = new IngestHarness(Ladder.parse("src"), Duration.ofSeconds(30));
        RawRtmpClient stale = new RawRtmpClient(h.port)) {
      stale.handshake();
      assertThat(stale.publish("cam?token=" + IngestHarness.TOKEN)).containsEntry("code", "NetStream.Publish.Start");
      // The stale connection now sends nothing more, like an encoder whose network vanished.
      try (ExternalProcess ffmpeg = Publishers.ffmpeg(Publishers.url(h.port, "cam", IngestHarness.TOKEN), 320, 180, 30)) {
        assertThat(stale.closedByServerWithin(10_000)).as("the half-open publisher is dropped").isTrue();
        assertThat(h.await(Duration.ofSeconds(30), x -> x.segments("cam", "src").size() >= 2)).as(ffmpeg.output())
            .isTrue();
        assertThat(ffmpeg.isAlive()).isTrue();
      }
    }
  }
}
