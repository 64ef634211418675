package org.ownerless.ingest.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
  @Test
  void crashLoopsBackOffExponentiallyUpToTheCeiling() {
    RestartBackoff b = new RestartBackoff(Duration.ofSeconds(4));
    assertThat(b.nextDelay(100)).isEqualTo(500);
    assertThat(b.nextDelay(100)).isEqualTo(1000);
    assertThat(b.nextDelay(100)).isEqualTo(2000);
    assertThat(b.nextDelay(100)).isEqualTo(4000);
    assertThat(b.nextDelay(100)).isEqualTo(4000);
  }

  @Test
  void aRunThatStayedUpResetsTheDelay() {
    RestartBackoff b = new RestartBackoff(Duration.ofSeconds(10));
    b.nextDelay(100);
    b.nextDelay(100);
    assertThat(b.nextDelay(RestartBackoff.HEALTHY_RUN_MS)).isEqualTo(500);
  }
}
