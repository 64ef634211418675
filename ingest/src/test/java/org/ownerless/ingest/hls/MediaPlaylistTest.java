package org.ownerless.ingest.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MediaPlaylistTest {
  @Test
  void aSlidingWindowKeepsSequenceNumbersAndCountsDiscontinuitiesThatLeaveIt() {
    MediaPlaylist p = new MediaPlaylist(3, 2.0);
    p.add(new PlaylistEntry(0, "seg-000000.ts", 2_000_000, false));
    p.add(new PlaylistEntry(1, "seg-000001.ts", 2_000_000, true));
    p.add(new PlaylistEntry(2, "seg-000002.ts", 1_966_667, false));
    p.add(new PlaylistEntry(3, "seg-000003.ts", 2_000_000, false));
    p.add(new PlaylistEntry(4, "seg-000004.ts", 2_000_000, false));

    assertThat(p.render()).isEqualTo("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:2\n"
        + "#EXT-X-DISCONTINUITY-SEQUENCE:1\n"
        + "#EXTINF:1.966667,\nseg-000002.ts\n#EXTINF:2.000000,\nseg-000003.ts\n#EXTINF:2.000000,\nseg-000004.ts\n");
  }

  @Test
  void aDiscontinuityInsideTheWindowIsTaggedAndAnEndedStreamSaysSo() {
    MediaPlaylist p = new MediaPlaylist(5, 2.0);
    p.add(new PlaylistEntry(7, "a.ts", 2_000_000, false));
    p.add(new PlaylistEntry(8, "b.ts", 2_600_000, true));
    p.end();
    assertThat(p.render()).isEqualTo("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:3\n#EXT-X-MEDIA-SEQUENCE:7\n"
        + "#EXTINF:2.000000,\na.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:2.600000,\nb.ts\n#EXT-X-ENDLIST\n");
  }

  @Test
  void entriesMustBeConsecutive() {
    MediaPlaylist p = new MediaPlaylist(5, 2.0);
    p.add(new PlaylistEntry(7, "a.ts", 2_000_000, false));
    assertThatThrownBy(() -> p.add(new PlaylistEntry(9, "c.ts", 2_000_000, false))).hasMessageContaining("does not follow");
  }
}
