package org.ownerless.ingest.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionChecksTest {
  /** {@code count} GOPs of {@code gopMs} at 25 fps from {@code startMs}; ORs any verdict change into changes[0]. */
  private static void gops(InputCadence c, KeyframeIntervalCheck check, long startMs, int count, long gopMs,
      boolean[] changes) {
    for (long t = 0; t < count * gopMs; t += 40) {
      boolean key = t % gopMs == 0;
      c.frame(startMs + t, key);
      if (key) {
        changes[0] |= check.changed(c);
      }
    }
  }

  /** Frames every 40 ms from fromMs (exclusive) to toMs, then a keyframe at toMs; the check's verdict on it. */
  private static boolean keyframeAt(InputCadence c, KeyframeIntervalCheck check, long fromMs, long toMs) {
    for (long t = fromMs + 40; t < toMs; t += 40) {
      c.frame(t, false);
    }
    c.frame(toMs, true);
    return check.changed(c);
  }

  @Test
  void eightSecondGopsAreTooLongForOneSecondSegmentsAfterTwoOfThem() {
    InputCadence c = new InputCadence();
    KeyframeIntervalCheck check = new KeyframeIntervalCheck(1.0);
    c.frame(0, true);
    assertThat(check.changed(c)).isFalse();
    assertThat(keyframeAt(c, check, 0, 8000)).isFalse(); // one GOP is not enough to judge
    assertThat(keyframeAt(c, check, 8000, 16_000)).isTrue();
    assertThat(check.tooLong()).isTrue();
  }

  @Test
  void oneSecondGopsRaiseNothingAndOneSceneCutDoesNotClearALongGop() {
    boolean[] changed = {false};
    InputCadence c = new InputCadence();
    KeyframeIntervalCheck check = new KeyframeIntervalCheck(1.0);
    gops(c, check, 0, 20, 1000, changed);
    assertThat(changed[0]).isFalse();
    gops(c, check, 20_000, 3, 8000, changed);
    assertThat(changed[0]).isTrue();
    assertThat(check.tooLong()).isTrue();
    assertThat(keyframeAt(c, check, 43_960, 44_000)).isFalse();
    assertThat(keyframeAt(c, check, 44_000, 44_480)).isFalse(); // a scene cut shortly after the last keyframe
    assertThat(keyframeAt(c, check, 44_480, 52_480)).isFalse();
  }

  @Test
  void twoShortGopsClearIt() {
    boolean[] changed = {false};
    InputCadence c = new InputCadence();
    KeyframeIntervalCheck check = new KeyframeIntervalCheck(1.0);
    gops(c, check, 0, 3, 8000, changed);
    assertThat(check.tooLong()).isTrue();
    gops(c, check, 24_000, 3, 1000, changed);
    assertThat(check.tooLong()).isFalse();
  }

  @Test
  void theTranscoderIsBelowRealTimeOnlyAfterSeveralSlowReportsAndRecoversTheSameWay() {
    RealtimeCheck check = new RealtimeCheck();
    assertThat(check.changed(new Progress(10, 10, 1_000_000, 0.2))).isFalse(); // warming up
    for (int i = 0; i < RealtimeCheck.SUSTAINED_REPORTS - 1; i++) {
      assertThat(check.changed(new Progress(10, 10, 6_000_000 + i, 0.6))).isFalse();
    }
    assertThat(check.changed(new Progress(10, 10, 7_000_000, 0.6))).isTrue();
    assertThat(check.below()).isTrue();
    assertThat(check.changed(new Progress(10, 10, 8_000_000, 1.0))).isFalse();
    assertThat(check.changed(new Progress(10, 10, 8_000_000, 0.5))).isFalse(); // a slow report resets recovery
    for (int i = 0; i < RealtimeCheck.SUSTAINED_REPORTS - 1; i++) {
      assertThat(check.changed(new Progress(10, 10, 9_000_000, 1.0))).isFalse();
    }
    assertThat(check.changed(new Progress(10, 10, 9_000_000, 1.0))).isTrue();
    assertThat(check.below()).isFalse();
  }
}
