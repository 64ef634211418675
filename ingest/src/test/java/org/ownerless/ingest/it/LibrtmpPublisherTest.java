package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.transcode.Ladder;

/** librtmp (GStreamer's rtmpsink), the client library OBS's RTMP output descends from. */
@Tag("e2e") // starts real ffmpeg or GStreamer processes
class LibrtmpPublisherTest {
  @Test
  void aLibrtmpPublishIsAcceptedAndSegmented() throws Exception {
    try (IngestHarness h = new IngestHarness(Ladder.parse("src"));
        ExternalProcess gst = Publishers.gstreamer("rtmpsink", Publishers.url(h.port, "obslike", IngestHarness.TOKEN),
            320, 180, 7)) {
      assertThat(gst.waitFor(60)).as(gst.output()).isZero();
      assertThat(h.await(Duration.ofSeconds(20), x -> x.segments("obslike", "src").size() >= 3))
          .as("segments: %s", h.segments).isTrue();
      HlsOutputAssertions.assertRendition(h, "obslike", "src", 320, 180, 3, 0.25);
    }
  }
}
