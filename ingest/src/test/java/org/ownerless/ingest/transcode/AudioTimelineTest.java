package org.ownerless.ingest.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudioTimelineTest {
  private static List<Long> stamp(AudioTimeline t, long... stamps) {
    List<Long> out = new ArrayList<>();
    for (long s : stamps) {
      out.add(t.stamp(s));
    }
    return out;
  }

  @Test
  void framesStampedByTheirSampleCountPassAsTheyCame() {
    AudioTimeline t = new AudioTimeline();
    t.sampleRate(48_000); // 1024 samples: 21.333 ms
    assertThat(stamp(t, 1000, 1021, 1043, 1064, 1085)).containsExactly(1000L, 1021L, 1042L, 1064L, 1085L);
  }

  @Test
  void aStartUpBurstStampedWithVideoFrameTimesBecomesContiguous() {
    // What GStreamer's flvmux sent on a busy machine (44.1 kHz: 23.22 ms a frame): a quarter-second
    // jump, then three frames to each 66.7 ms video frame, until the stamps catch up with the samples.
    AudioTimeline t = new AudioTimeline();
    t.sampleRate(44_100);
    List<Long> out = stamp(t, 47, 70, 93, 117, 166, 166, 186, 433, 433, 433, 433, 433, 433, 500, 500, 500, 566,
        566, 566, 633, 633, 633, 700, 700, 700, 766, 766, 766, 833, 833, 833, 900, 900, 900, 966, 966, 966, 966,
        966, 966, 976, 999);
    for (int i = 1; i < out.size(); i++) {
      assertThat(out.get(i) - out.get(i - 1)).as("step to frame %d of %s", i, out).isBetween(22L, 24L);
    }
    assertThat(out.get(out.size() - 2)).isBetween(975L, 977L); // the stamps caught up with the samples there
  }

  @Test
  void aRealGapOrAClockFarOffTakesThePublishersStampAgain() {
    AudioTimeline t = new AudioTimeline();
    t.sampleRate(48_000);
    assertThat(stamp(t, 0, 21, 43, 2000, 2021, 100, 121)).containsExactly(0L, 21L, 42L, 2000L, 2021L, 100L, 121L);
  }

  @Test
  void withoutAKnownRateOrAfterARestartNothingIsCarriedOver() {
    AudioTimeline t = new AudioTimeline();
    assertThat(stamp(t, 5, 5, 5)).containsExactly(5L, 5L, 5L);
    t.sampleRate(48_000);
    assertThat(stamp(t, 10, 10)).containsExactly(10L, 31L);
    t.restart();
    assertThat(stamp(t, 300, 300)).containsExactly(300L, 321L);
    t.sampleRate(24_000); // HE-AAC's core rate, say: counting starts afresh at the new rate
    assertThat(stamp(t, 400, 400)).containsExactly(400L, 442L);
  }
}
