package org.ownerless.ingest.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InputBitrateTest {
  @Test
  void bitsPerSecondOverTheLastSecondsOfMediaTime() {
    InputBitrate b = new InputBitrate();
    for (int i = 0; i <= 250; i++) {
      b.add(i * 40L, 5000); // 25 frames of 5000 bytes a second: 1 Mbit/s
    }
    assertThat((double) b.bitsPerSecond()).isCloseTo(1_000_000, within(30_000.0));
  }

  @Test
  void lessThanASecondOfMediaSaysNothingYet() {
    InputBitrate b = new InputBitrate();
    b.add(0, 100_000);
    b.add(500, 100_000);
    assertThat(b.bitsPerSecond()).isZero();
  }

  @Test
  void aTimestampJumpStartsOver() {
    InputBitrate b = new InputBitrate();
    for (int i = 0; i <= 100; i++) {
      b.add(i * 40L, 50_000);
    }
    b.add(1_000_000, 10);
    assertThat(b.bitsPerSecond()).isZero();
  }
}
