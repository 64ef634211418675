package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.transcode.Ladder;

/** ffmpeg's RTMP client publishing to the real ingest, judged by ffprobe. */
@Tag("e2e") // starts real ffmpeg or GStreamer processes
class FfmpegPublisherTest {
  @Test
  void anFfmpegPublishProducesTheDefaultLadderFittedToTheSource() throws Exception {
    try (IngestHarness h = new IngestHarness(Ladder.DEFAULT);
        PartialFileWatcher reader = new PartialFileWatcher(h.streamDir("cam"));
        ExternalProcess ffmpeg = Publishers.ffmpeg(Publishers.url(h.port, "cam", IngestHarness.TOKEN), 640, 360, 11)) {
      assertThat(ffmpeg.waitFor(60)).as(ffmpeg.output()).isZero();
      // After the publisher leaves, ffmpeg flushes the last segments of every rendition.
      assertThat(h.await(Duration.ofSeconds(20), x -> x.segments("cam", "src").size() >= 5
          && x.segments("cam", "360p").size() >= 5)).as("segments: %s", h.segments).isTrue();

      String master = HlsOutputAssertions.master(h, "cam");
      assertThat(master).contains("RESOLUTION=640x360,CODECS=\"avc1.").contains("src/index.m3u8")
          .contains("360p/index.m3u8").doesNotContain("720p").doesNotContain("480p");
      HlsOutputAssertions.assertRendition(h, "cam", "src", 640, 360, 5, 0.25);
      HlsOutputAssertions.assertRendition(h, "cam", "360p", 640, 360, 5, 0.25);

      reader.close();
      assertThat(reader.scans).as("the reader kept looking").isGreaterThan(100);
      assertThat(reader.problems).as("what a polling reader saw").isEmpty();
      assertThat(h.progress).as("ffmpeg progress surfaced").isNotEmpty();
      assertThat(h.progress.get(h.progress.size() - 1).speed()).isPositive();
    }
  }
}
