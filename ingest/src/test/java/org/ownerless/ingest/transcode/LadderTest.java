package org.ownerless.ingest.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LadderTest {
  private static List<String> selected(Ladder ladder, int w, int h) {
    return ladder.select(new SourceInfo(w, h, "avc1.64001f", "mp4a.40.2", 0)).stream()
        .map(r -> r.name() + "=" + r.width() + "x" + r.height()).toList();
  }

  @Test
  void theDefaultLadderOnA1080pSourceHasEveryRung() {
    assertThat(selected(Ladder.DEFAULT, 1920, 1080))
        .containsExactly("src=1920x1080", "720p=1280x720", "480p=854x480", "360p=640x360");
  }

  @Test
  void rungsTallerThanTheSourceAreSkipped() {
    assertThat(selected(Ladder.DEFAULT, 640, 360)).containsExactly("src=640x360", "360p=640x360");
    assertThat(selected(Ladder.DEFAULT, 320, 180)).containsExactly("src=320x180");
  }

  @Test
  void widthsKeepTheAspectRatioAndAreEven() {
    assertThat(selected(Ladder.parse("src,240p:240:400"), 1440, 1080)).containsExactly("src=1440x1080", "240p=320x240");
    assertThat(selected(Ladder.parse("src,360p:360:800"), 854, 480)).containsExactly("src=854x480", "360p=640x360");
  }

  @Test
  void theMasterPlaylistFiguresComeFromTheSourceAndTheRungs() {
    List<SelectedRendition> r = Ladder.DEFAULT.select(new SourceInfo(1280, 720, "avc1.640020", "mp4a.40.2", 3128));
    assertThat(r.get(0).codecs()).isEqualTo("avc1.640020,mp4a.40.2");
    assertThat(r.get(0).bandwidth()).isEqualTo(3_128_000);
    assertThat(r.get(1).codecs()).isEqualTo("avc1.4d401f,mp4a.40.2");
    assertThat(r.get(1).bandwidth()).isEqualTo((long) (2800 * 1.1 + 128) * 1000);
    List<SelectedRendition> silent = Ladder.DEFAULT.select(new SourceInfo(1280, 720, "avc1.640020", null, 0));
    assertThat(silent.get(1).codecs()).isEqualTo("avc1.4d401f");
  }

  @Test
  void badLadderTextIsRefusedWithTheReason() {
    assertThatThrownBy(() -> Ladder.parse("src,720p:abc:1")).hasMessageContaining("non-numeric");
    assertThatThrownBy(() -> Ladder.parse("src,src")).hasMessageContaining("appears twice");
    assertThatThrownBy(() -> Ladder.parse("720p:721:100")).hasMessageContaining("even number");
    assertThatThrownBy(() -> Ladder.parse("../x:720:100")).hasMessageContaining("invalid rendition name");
    assertThat(Ladder.parse(Ladder.DEFAULT.toString())).isEqualTo(Ladder.DEFAULT);
  }

  @Test
  void whileTheSourcesGopIsTooLongSrcIsReencodedAtTheSourceSizeWithKnownCodecs() {
    SourceInfo hd = new SourceInfo(1920, 1080, "avc1.64002a", "mp4a.40.2", 6128);
    SelectedRendition src = Ladder.DEFAULT.select(hd, true).get(0);
    assertThat(src.name()).isEqualTo("src");
    assertThat(src.spec().isCopy()).isFalse();
    assertThat(src.width() + "x" + src.height()).isEqualTo("1920x1080");
    assertThat(src.spec().videoKbps()).isEqualTo(6000);
    assertThat(src.codecs()).isEqualTo("avc1.4d402a,mp4a.40.2");
    SelectedRendition small = Ladder.DEFAULT.select(new SourceInfo(320, 180, "avc1.64000d", null, 0), true).get(0);
    assertThat(small.codecs()).isEqualTo("avc1.4d401f");
    assertThat(Ladder.DEFAULT.select(hd, false).get(0).spec().isCopy()).isTrue();
  }
}
