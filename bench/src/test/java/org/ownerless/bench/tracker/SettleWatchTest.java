package org.ownerless.bench.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettleWatchTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void settlesOnlyAfterAWholeStretchWithoutMessagesOrServerCpu() {
    SettleWatch w = new SettleWatch(SECOND);
    assertThat(w.observe(0, 100, 5.0)).isFalse();              // first sight starts the stretch
    assertThat(w.observe(SECOND / 2, 100, 5.0)).isFalse();     // quiet, but not long enough
    assertThat(w.observe(SECOND, 100, 5.0)).isTrue();
  }

  @Test
  void aMessageStartsTheStretchAgain() {
    SettleWatch w = new SettleWatch(SECOND);
    w.observe(0, 100, 5.0);
    assertThat(w.observe(SECOND - 1, 101, 5.0)).isFalse();     // a relay arrived just before the end
    assertThat(w.observe(SECOND + SECOND / 2, 101, 5.0)).isFalse();
    assertThat(w.observe(2 * SECOND - 1, 101, 5.0)).isTrue();
  }

  @Test
  void aServerStillWorkingIsNotSettledEvenWhenNoMessageArrives() {
    // The server drains write tasks queued for slow sockets: CPU without a finished message yet.
    SettleWatch w = new SettleWatch(SECOND);
    w.observe(0, 100, 5.0);
    assertThat(w.observe(SECOND, 100, 5.3)).isFalse();
    assertThat(w.observe(2 * SECOND, 100, 5.3 + SettleWatch.IDLE_CORE_SHARE)).isTrue(); // idle sweeps only
  }

  @Test
  void restartDelaysSettling() {
    SettleWatch w = new SettleWatch(SECOND);
    w.observe(0, 100, 5.0);
    w.restart(SECOND, 100, 5.0); // e.g. bytes still in a socket queue
    assertThat(w.observe(SECOND + SECOND / 2, 100, 5.0)).isFalse();
    assertThat(w.observe(2 * SECOND, 100, 5.0)).isTrue();
  }

  @Test
  void withoutCpuFiguresMessagesAloneDecide() {
    SettleWatch w = new SettleWatch(SECOND);
    w.observe(0, 7, -1);
    assertThat(w.observe(SECOND, 7, -1)).isTrue();
  }
}
