package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.testing.SegmentPublished;
import org.ownerless.ingest.transcode.Ladder;

/** A crashed ffmpeg is reported and restarted while the publisher stays connected. */
@Tag("e2e") // starts real ffmpeg or GStreamer processes
class TranscoderRestartTest {
  @Test
  void aKilledTranscoderIsRestartedAndTheStreamContinuesWithADiscontinuity() throws Exception {
    try (IngestHarness h = new IngestHarness(Ladder.parse("src"));
        ExternalProcess publisher = Publishers.ffmpeg(Publishers.url(h.port, "live1", IngestHarness.TOKEN), 320, 180, 60)) {
      assertThat(h.await(Duration.ofSeconds(30), x -> x.segments("live1", "src").size() >= 2)).isTrue();

      Optional<ProcessHandle> transcoder = ProcessHandle.current().descendants()
          .filter(p -> p.info().commandLine().orElse("").contains("-segment_list")).findFirst();
      assertThat(transcoder).as("the ingest's ffmpeg child").isPresent();
      transcoder.get().destroyForcibly();

      assertThat(h.await(Duration.ofSeconds(10), x -> !x.ffmpegExits.isEmpty())).isTrue();
      assertThat(h.ffmpegExits.get(0)).contains("run 1").contains("crashed");
      int before = h.segments("live1", "src").size();
      assertThat(h.await(Duration.ofSeconds(30), x -> x.segments("live1", "src").size() >= before + 2)).isTrue();

      List<SegmentPublished> segs = h.segments("live1", "src");
      assertThat(segs.get(before).discontinuity()).as("first segment after the restart").isTrue();
      assertThat(publisher.isAlive()).as("the publisher never noticed").isTrue();
    }
  }
}
