package org.ownerless.protocol.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class DigitsTest {
  @Test
  void padsLikeFormatForEveryValueAroundTheWidth() {
    long[] values = {0, 1, 9, 10, 99_999, 999_999, 1_000_000, 123_456_789_012L, Long.MAX_VALUE, -1, -42, Long.MIN_VALUE};
    for (long v : values) {
      assertThat(Digits.zeroPadded(v, 6)).as("%d", v).isEqualTo(String.format(Locale.ROOT, "%06d", v));
    }
  }

  @Test
  void playlistDurationsKeepSixDecimalsExactly() {
    assertThat(MediaPlaylist.formatDuration(2_000_000)).isEqualTo("2.000000");
    assertThat(MediaPlaylist.formatDuration(1_000_033)).isEqualTo("1.000033");
    assertThat(MediaPlaylist.formatDuration(999_999)).isEqualTo("0.999999");
    assertThat(MediaPlaylist.formatDuration(12_345_678_901L)).isEqualTo("12345.678901");
  }
}
