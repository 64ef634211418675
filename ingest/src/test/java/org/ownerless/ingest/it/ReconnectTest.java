package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.testing.SegmentPublished;
import org.ownerless.ingest.transcode.Ladder;

/** A publisher that drops and comes back (timestamps restarting at 0) continues the same stream. */
@Tag("e2e") // starts real ffmpeg or GStreamer processes
class ReconnectTest {
  @Test
  void aReconnectingPublisherContinuesThePlaylistWithADiscontinuity() throws Exception {
    try (IngestHarness h = new IngestHarness(Ladder.parse("src,180p:180:300"))) {
      String url = Publishers.url(h.port, "show", IngestHarness.TOKEN);
      try (ExternalProcess first = Publishers.ffmpeg(url, 320, 180, 7)) {
        assertThat(first.waitFor(60)).as(first.output()).isZero();
      }
      assertThat(h.await(Duration.ofSeconds(20), x -> !x.server.transcoder("show").isRunning())).isTrue();
      int firstSession = h.segments("show", "src").size();
      assertThat(firstSession).isGreaterThanOrEqualTo(3);

      try (ExternalProcess second = Publishers.ffmpeg(url, 320, 180, 7)) {
        assertThat(second.waitFor(60)).as(second.output()).isZero();
      }
      assertThat(h.await(Duration.ofSeconds(20), x -> x.segments("show", "src").size() >= firstSession + 3
          && !x.server.transcoder("show").isRunning())).isTrue();

      for (String rendition : List.of("src", "180p")) {
        List<SegmentPublished> segs = h.segments("show", rendition);
        for (int i = 0; i < segs.size(); i++) {
          assertThat(segs.get(i).index()).isEqualTo(i); // one stream, one numbering
        }
        long marked = segs.stream().filter(SegmentPublished::discontinuity).count();
        assertThat(marked).as("discontinuities in %s", rendition).isEqualTo(1);
        assertThat(segs.stream().filter(SegmentPublished::discontinuity).findFirst().orElseThrow().index())
            .isGreaterThan(0);
        String playlist = Files.readString(h.streamDir("show").resolve(rendition).resolve("index.m3u8"));
        assertThat(playlist).contains("#EXT-X-DISCONTINUITY\n");
      }
    }
  }
}
