package org.ownerless.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SigningClockTest {
  private static final long HOUR = 3_600_000;
  private final SteppedClock time = new SteppedClock();
  private final SigningClock clock = time.signingClock();

  @Test
  void followsTheWallClockWhileItIsNotStepped() {
    assertThat(clock.nowMs()).isEqualTo(time.wallMs());
    time.pass(1234);
    assertThat(clock.nowMs()).isEqualTo(time.wallMs());
  }

  @Test
  void aStepBackNeitherGoesBackNorStopsTimeItGoesOnAtTheRealRate() {
    long before = clock.nowMs();
    time.stepWall(-HOUR);
    assertThat(clock.nowMs()).isEqualTo(before);
    time.pass(10_000);
    assertThat(clock.nowMs()).isEqualTo(before + 10_000);
    time.pass(7);
    assertThat(clock.nowMs()).isEqualTo(before + 10_007);
  }

  @Test
  void afterAStepBackTheWallClockIsFollowedAgainOnceItHasCaughtUp() {
    long before = clock.nowMs();
    time.stepWall(-HOUR);
    time.pass(60_000);
    assertThat(clock.nowMs()).isEqualTo(before + 60_000);
    time.stepWall(HOUR); // corrected: the wall clock is where the signed time is
    time.pass(1_000);
    assertThat(clock.nowMs()).isEqualTo(time.wallMs()).isEqualTo(before + 61_000);
  }

  @Test
  void aStepForwardIsFollowedAtOnceAndAStepBackAfterItKeepsTheSignedTimeGrowing() {
    long before = clock.nowMs();
    time.stepWall(HOUR);
    assertThat(clock.nowMs()).isEqualTo(before + HOUR);
    time.stepWall(-HOUR);
    time.pass(500);
    assertThat(clock.nowMs()).isEqualTo(before + HOUR + 500);
  }

  @Test
  void subMillisecondPassesAddUpInsteadOfBeingLost() {
    long[] wall = {1_800_000_000_000L};
    long[] nanos = {0};
    SigningClock c = new SigningClock(() -> wall[0], () -> nanos[0]);
    long start = c.nowMs();
    wall[0] -= HOUR;
    for (int i = 0; i < 1000; i++) {
      nanos[0] += 400_000; // 0.4 ms between two signatures
      c.nowMs();
    }
    assertThat(c.nowMs()).isEqualTo(start + 400);
  }
}
