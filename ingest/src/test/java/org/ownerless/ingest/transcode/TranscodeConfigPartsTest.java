package org.ownerless.ingest.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The part length is opt-in, fMP4 only, and between 0.2 s and half a segment. */
class TranscodeConfigPartsTest {
  private final TranscodeConfig fmp4 = TranscodeConfig.defaults(Path.of("work")).withSegmentSeconds(2.0)
      .withSegmentFormat(SegmentFormat.FMP4);

  @Test
  void partsAreOffByDefaultAndOnWithinTheirRange() {
    assertThat(fmp4.hasParts()).isFalse();
    assertThat(fmp4.withPartSeconds(0.2).hasParts()).isTrue();
    assertThat(fmp4.withPartSeconds(1.0).partSeconds()).isEqualTo(1.0);
  }

  @Test
  void partsOutsideTheRangeOrWithTsSegmentsAreRefused() {
    assertThatThrownBy(() -> fmp4.withPartSeconds(0.19)).hasMessageContaining("between 0.2");
    assertThatThrownBy(() -> fmp4.withPartSeconds(1.01)).hasMessageContaining("half the segment");
    assertThatThrownBy(() -> fmp4.withPartSeconds(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> fmp4.withSegmentFormat(SegmentFormat.TS).withPartSeconds(0.5))
        .hasMessageContaining("fMP4");
    assertThatThrownBy(() -> fmp4.withPartSeconds(0.5).withSegmentFormat(SegmentFormat.TS))
        .hasMessageContaining("fMP4");
  }
}
