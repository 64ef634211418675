package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.transcode.Ladder;

/**
 * The copy rendition cuts where the source's keyframes are: one a few milliseconds before a boundary
 * still ends the segment due there, so the copy's segments keep step with the transcoded rungs'.
 */
@Tag("e2e") // starts real ffmpeg processes
class KeyframeScheduleTest {
  @Test
  void keyframesAFewMillisecondsEarlyStillEndTheirSegment() throws Exception {
    try (IngestHarness h = new IngestHarness(Ladder.parse("src,144p:144:200"));
        ExternalProcess ffmpeg = Publishers.ffmpegWithEarlyKeyframes(
            Publishers.url(h.port, "early", IngestHarness.TOKEN), 30, 13)) {
      assertThat(ffmpeg.waitFor(60)).as(ffmpeg.output()).isZero();
      assertThat(h.await(Duration.ofSeconds(20), x -> x.segments("early", "src").size() >= 6
          && x.segments("early", "144p").size() >= 6)).as("segments: %s", h.segments).isTrue();
      // Without the tolerance every copy segment would run on to the next keyframe: 4 s, not 2.
      HlsOutputAssertions.assertRendition(h, "early", "src", 320, 180, 6, 0.1);
      HlsOutputAssertions.assertRendition(h, "early", "144p", 256, 144, 6, 0.1);
    }
  }
}
