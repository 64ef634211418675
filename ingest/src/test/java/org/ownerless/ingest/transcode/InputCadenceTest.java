package org.ownerless.ingest.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InputCadenceTest {
  /** Frames at {@code fps} from {@code startMs}, a keyframe every {@code gop} frames. */
  private static void feed(InputCadence c, long startMs, int frames, double fps, int gop) {
    for (int i = 0; i < frames; i++) {
      c.frame(startMs + Math.round(i * 1000 / fps), i % gop == 0);
    }
  }

  @Test
  void theKeyframeIntervalIsTheLastCompleteGop() {
    InputCadence c = new InputCadence();
    feed(c, 0, 501, 25, 250);
    assertThat(c.keyframeIntervalSeconds()).isEqualTo(10.0);
    assertThat(c.shorterOfLastTwoGopsMs()).isEqualTo(10_000);
  }

  @Test
  void beforeTwoKeyframesThereIsNoInterval() {
    InputCadence c = new InputCadence();
    feed(c, 0, 100, 25, 250);
    assertThat(c.keyframeIntervalSeconds()).isZero();
    assertThat(c.shorterOfLastTwoGopsMs()).isEqualTo(-1);
  }

  @Test
  void theFrameRateIsMeasuredOverTheLastSeconds() {
    InputCadence c = new InputCadence();
    feed(c, 0, 300, 30, 30);
    assertThat(c.fps()).isCloseTo(30, within(0.2));
    feed(c, 10_000, 600, 60, 60);
    assertThat(c.fps()).isCloseTo(60, within(0.5));
  }

  @Test
  void aGapOfThreeFrameSpacingsCountsTwoDroppedFrames() {
    InputCadence c = new InputCadence();
    for (int i = 0; i < 20; i++) {
      c.frame(i * 40L, false);
    }
    c.frame(19 * 40L + 120, false);
    assertThat(c.framesDropped()).isEqualTo(2);
  }

  @Test
  void ntscTimestampJitterIsNotADrop() {
    InputCadence c = new InputCadence();
    feed(c, 0, 600, 29.97, 60);
    assertThat(c.framesDropped()).isZero();
  }

  @Test
  void aTimestampJumpRestartsTheMeasurementInsteadOfCountingDrops() {
    InputCadence c = new InputCadence();
    feed(c, 0, 100, 25, 25);
    c.frame(3_600_000, true);
    c.frame(10, false);
    assertThat(c.framesDropped()).isZero();
    assertThat(c.keyframeIntervalSeconds()).isZero();
  }

  @Test
  void aFloodOfFramesWithOneTimestampKeepsMemoryBounded() {
    InputCadence c = new InputCadence();
    for (int i = 0; i < 100_000; i++) {
      c.frame(1000, false);
    }
    assertThat(c.fps()).isZero();
  }
}
