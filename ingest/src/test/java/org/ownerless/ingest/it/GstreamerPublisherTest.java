package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.transcode.Ladder;

/** GStreamer's rtmp2sink publishing to the real ingest, judged by ffprobe. */
@Tag("e2e") // starts real ffmpeg or GStreamer processes
class GstreamerPublisherTest {
  @Test
  void aGstreamerPublishProducesEveryRenditionOfTheLadder() throws Exception {
    Ladder ladder = Ladder.parse("src,180p:180:300,144p:144:200,720p:720:2800");
    try (IngestHarness h = new IngestHarness(ladder);
        ExternalProcess gst = Publishers.gstreamer(Publishers.url(h.port, "gst", IngestHarness.TOKEN), 320, 180, 11)) {
      assertThat(gst.waitFor(60)).as(gst.output()).isZero();
      assertThat(h.await(Duration.ofSeconds(20), x -> x.segments("gst", "src").size() >= 5
          && x.segments("gst", "180p").size() >= 5 && x.segments("gst", "144p").size() >= 5)).as("segments: %s", h.segments).isTrue();

      String master = HlsOutputAssertions.master(h, "gst");
      assertThat(master).contains("src/index.m3u8").contains("180p/index.m3u8").contains("144p/index.m3u8").doesNotContain("720p");
      HlsOutputAssertions.assertRendition(h, "gst", "src", 320, 180, 5, 0.25);
      HlsOutputAssertions.assertRendition(h, "gst", "180p", 320, 180, 5, 0.25);
      HlsOutputAssertions.assertRendition(h, "gst", "144p", 256, 144, 5, 0.25);
      // Transcoded rungs cut at the same instants: keyframes are forced on the same schedule.
      var a = h.segments("gst", "180p");
      var b = h.segments("gst", "144p");
      for (int i = 0; i < Math.min(a.size(), b.size()) - 1; i++) {
        assertThat(Math.abs(a.get(i).durationUs() - b.get(i).durationUs())).as("segment %d", i).isLessThanOrEqualTo(1000);
      }
    }
  }
}
