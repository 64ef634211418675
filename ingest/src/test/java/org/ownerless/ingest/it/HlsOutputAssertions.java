package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ownerless.protocol.layout.MediaPlaylist;
import org.ownerless.ingest.testing.SegmentPublished;

/** What every publisher test checks about the HLS a stream produced. */
final class HlsOutputAssertions {
  private HlsOutputAssertions() {}

  /**
   * Rendition {@code rendition} has at least {@code minSegments} consecutive segments that decode
   * cleanly as H.264 at {@code width}x{@code height}, durations within {@code toleranceSeconds} of
   * the nominal 2 s (the last one may be shorter), and a playlist listing them.
   */
  static void assertRendition(IngestHarness h, String stream, String rendition, int width, int height,
      int minSegments, double toleranceSeconds) throws Exception {
    List<SegmentPublished> segs = h.segments(stream, rendition);
    assertThat(segs).as("segments of %s/%s", stream, rendition).hasSizeGreaterThanOrEqualTo(minSegments);
    for (int i = 0; i < segs.size(); i++) {
      SegmentPublished s = segs.get(i);
      assertThat(s.index()).isEqualTo(i);
      assertThat(Files.size(s.file())).isPositive();
      Media.VideoStream v = Media.probeVideo(s.file());
      assertThat(v).as("%s", s.file()).isEqualTo(new Media.VideoStream("h264", width, height));
      assertThat(Media.decodeErrors(s.file())).as("decoding %s", s.file()).isEmpty();
      if (i < segs.size() - 1) {
        assertThat(s.durationUs() / 1e6).as("duration of %s", s.file()).isCloseTo(2.0,
            org.assertj.core.data.Offset.offset(toleranceSeconds));
      }
    }
    String playlist = Files.readString(h.streamDir(stream).resolve(rendition).resolve("index.m3u8"));
    SegmentPublished last = segs.get(segs.size() - 1);
    assertThat(playlist).contains("#EXTINF:" + MediaPlaylist.formatDuration(last.durationUs()) + ",\n"
        + last.file().getFileName());
  }

  static String master(IngestHarness h, String stream) throws Exception {
    Path master = h.streamDir(stream).resolve("master.m3u8");
    assertThat(master).exists();
    return Files.readString(master);
  }
}
