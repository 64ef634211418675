package org.ownerless.origin.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MediaPlaylistTextTest {
  @Test
  void durationsAreReadToTheMicrosecondAsPlaylistWritersSpellThem() {
    assertThat(MediaPlaylistText.micros("2")).isEqualTo(2_000_000);
    assertThat(MediaPlaylistText.micros("1.999")).isEqualTo(1_999_000);
    assertThat(MediaPlaylistText.micros("0.000001")).isEqualTo(1);
    assertThat(MediaPlaylistText.micros(" 4.000000000 ")).isEqualTo(4_000_000);
  }

  @Test
  void whatIsNotExactlyANumberOfMicrosecondsIsRefused() {
    for (String bad : new String[] {"", ".", "1.", ".5", "-1", "+1", "1e3", "NaN", "0x10", "1.0000001", "1,5", "١"}) {
      assertThatThrownBy(() -> MediaPlaylistText.micros(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aMillionDigitDurationIsRefusedWithoutBeingParsed() {
    String huge = "1" + "0".repeat(1_000_000);
    byte[] playlist = ("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:" + huge + ",\nseg-1-000000.ts\n")
        .getBytes(StandardCharsets.UTF_8);
    // Refused on its length before any digit is converted (BigDecimal took ~20 s on it).
    assertThatThrownBy(() -> MediaPlaylistText.parse(playlist)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(1000001 characters)");
  }
}
