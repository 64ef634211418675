package org.ownerless.protocol.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LiveWindowTest {
  private static List<Long> entries(long from, long toExclusive) {
    return LongStream.range(from, toExclusive).boxed().toList();
  }

  @Test
  void aLivePlaylistListsTheNewestPlaylistWindowOfTheSignedEntries() {
    List<Long> window = entries(100, 100 + LiveWindow.manifestWindow(10));
    assertThat(LiveWindow.listed(window, false, 10)).isEqualTo(entries(105, 115));
    assertThat(LiveWindow.listed(entries(0, 7), false, 10)).isEqualTo(entries(0, 7));
  }

  @Test
  void aReaderWithOnlyTheWindowInfersThePlaylistWindowExactlyOnceTheWindowIsFull() {
    List<Long> full = entries(100, 100 + LiveWindow.manifestWindow(10));
    assertThat(LiveWindow.playlistWindowOf(full)).isEqualTo(10);
    assertThat(LiveWindow.listed(full, false, LiveWindow.playlistWindowOf(full))).isEqualTo(entries(105, 115));
  }

  @Test
  void onAShortLogTheInferredWindowListsFewerButAtLeastThree() {
    assertThat(LiveWindow.listed(entries(0, 2), false, LiveWindow.playlistWindowOf(entries(0, 2))))
        .isEqualTo(entries(0, 2));
    assertThat(LiveWindow.listed(entries(0, 4), false, LiveWindow.playlistWindowOf(entries(0, 4))))
        .isEqualTo(entries(1, 4));
    assertThat(LiveWindow.listed(entries(0, 7), false, LiveWindow.playlistWindowOf(entries(0, 7))))
        .isEqualTo(entries(4, 7));
  }

  @Test
  void anEndedStreamListsEverythingItSigned() {
    assertThat(LiveWindow.listed(entries(0, 40), true, 10)).isEqualTo(entries(0, 40));
  }

  @Test
  void theManifestWindowIsThePlaylistPlusTheMargin() {
    assertThat(LiveWindow.manifestWindow(LiveWindow.DEFAULT_PLAYLIST_WINDOW)).isEqualTo(15);
    assertThatThrownBy(() -> LiveWindow.manifestWindow(2)).hasMessageContaining("3..1000");
    assertThatThrownBy(() -> LiveWindow.manifestWindow(1001)).hasMessageContaining("3..1000");
  }
}
