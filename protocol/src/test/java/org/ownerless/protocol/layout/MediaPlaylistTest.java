package org.ownerless.protocol.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaPlaylistTest {
  @Test
  void discontinuitiesBeforeTheListedEntriesAreCountedAndTheTargetCoversEveryDuration() {
    MediaPlaylist p = new MediaPlaylist(2.0);
    List<PlaylistEntry> log = List.of(
        new PlaylistEntry(0, "seg-000000.ts", 2_000_000, false),
        new PlaylistEntry(1, "seg-000001.ts", 2_000_000, true),
        new PlaylistEntry(2, "seg-000002.ts", 1_966_667, false),
        new PlaylistEntry(3, "seg-000003.ts", 2_000_000, false),
        new PlaylistEntry(4, "seg-000004.ts", 2_000_000, false));
    log.forEach(p::observe);

    assertThat(p.render(log.subList(2, 5), false)).isEqualTo("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n"
        + "#EXT-X-MEDIA-SEQUENCE:2\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n"
        + "#EXTINF:1.966667,\nseg-000002.ts\n#EXTINF:2.000000,\nseg-000003.ts\n#EXTINF:2.000000,\nseg-000004.ts\n");
  }

  @Test
  void aDiscontinuityInsideTheListIsTaggedAndAnEndedStreamSaysSo() {
    MediaPlaylist p = new MediaPlaylist(2.0);
    List<PlaylistEntry> log = List.of(new PlaylistEntry(7, "a.ts", 2_000_000, false),
        new PlaylistEntry(8, "b.ts", 2_600_000, true));
    log.forEach(p::observe);
    assertThat(p.render(log, true)).isEqualTo("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:3\n"
        + "#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:2.000000,\na.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:2.600000,\nb.ts\n"
        + "#EXT-X-ENDLIST\n");
  }

  @Test
  void entriesSeenInSeveralWindowsCountOnce() {
    MediaPlaylist p = new MediaPlaylist(1.0);
    List<PlaylistEntry> log = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      log.add(new PlaylistEntry(i, "s" + i + ".ts", 1_000_000, i % 4 == 1));
    }
    // A relay observes every window it publishes; the windows overlap.
    for (int end = 5; end <= 20; end++) {
      log.subList(end - 5, end).forEach(p::observe);
    }
    assertThat(p.discontinuitiesBefore(0)).isZero();
    assertThat(p.discontinuitiesBefore(2)).isEqualTo(1);
    assertThat(p.discontinuitiesBefore(17)).isEqualTo(4);
    assertThat(p.discontinuitiesBefore(18)).isEqualTo(5);
  }

  @Test
  void aNewLogCountsItsOwnDiscontinuitiesButTheTargetNeverShrinks() {
    MediaPlaylist p = new MediaPlaylist(1.0);
    p.observe(new PlaylistEntry(3, "a.ts", 3_200_000, true));
    p.startNewLog();
    PlaylistEntry first = new PlaylistEntry(0, "b.ts", 1_000_000, false);
    p.observe(first);
    assertThat(p.render(List.of(first), false)).contains("#EXT-X-TARGETDURATION:3\n")
        .doesNotContain("DISCONTINUITY-SEQUENCE");
  }

  @Test
  void theTargetStartsAtTheNominalSegmentLengthRoundedUp() {
    assertThat(new MediaPlaylist(1.5).render(List.of(), false)).contains("#EXT-X-TARGETDURATION:2\n");
    assertThat(new MediaPlaylist(0.5).render(List.of(), false)).contains("#EXT-X-TARGETDURATION:1\n");
  }
}
