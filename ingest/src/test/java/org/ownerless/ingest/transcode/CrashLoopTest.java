package org.ownerless.ingest.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrashLoopTest {
  private final CrashLoop loop = new CrashLoop();

  @Test
  void oneCrashIsAnIncidentNotALoop() {
    assertThat(loop.crashed(1, List.of("x"), 0)).isFalse();
    assertThat(loop.looping()).isFalse();
    assertThat(loop.delivered(5)).as("no recovery line for a single crash").isEqualTo(-1);
  }

  @Test
  void theSecondCrashInARowStartsTheLoopAndOnlyItSaysSo() {
    loop.crashed(139, List.of("first"), 1_000);
    assertThat(loop.crashed(139, List.of("ignored", "Error opening output"), 2_000)).isTrue();
    assertThat(loop.crashed(139, List.of("again"), 3_000)).isFalse();
    CrashLoop.Status s = loop.status();
    assertThat(s.looping()).isTrue();
    assertThat(s.consecutiveCrashes()).isEqualTo(3);
    assertThat(s.lastExitCode()).isEqualTo(139);
    assertThat(s.lastError()).isEqualTo("again");
  }

  @Test
  void aDeliveredSegmentEndsTheLoopAndSaysHowLongItLasted() {
    loop.crashed(1, List.of(), 1_000);
    loop.crashed(1, List.of(), 2_000);
    assertThat(loop.delivered(9_000)).isEqualTo(8_000);
    assertThat(loop.looping()).isFalse();
    assertThat(loop.status().consecutiveCrashes()).isZero();
    assertThat(loop.status().totalCrashes()).as("kept for the counter").isEqualTo(2);
    assertThat(loop.status().lastError()).isEmpty();
  }
}
