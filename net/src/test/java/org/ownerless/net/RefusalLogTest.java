package org.ownerless.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.net.ConnectionCountsTest.address;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalLogTest {
  private static final InetAddress A = address("10.0.0.1");
  private final List<String> lines = new ArrayList<>();
  private long now = 0;
  private final RefusalLog log = new RefusalLog("RTMP", Duration.ofSeconds(10), () -> now, lines::add);
  private final ConnectionCounts counts = new ConnectionCounts(100, 16);

  @Test
  void aFloodOfRefusalsWritesOneLine() {
    for (int i = 0; i < 1_000; i++) {
      log.refused(A, Admission.OVER_ADDRESS_CAP, counts);
      now += 1_000_000; // 1 ms apart
    }
    assertThat(lines).singleElement().asString()
        .startsWith("refusing RTMP connections: over the cap of 16 per address, from 10.0.0.1");
    assertThat(log.total()).isEqualTo(1_000);
  }

  @Test
  void aNewBurstAfterAQuietPeriodGetsItsOwnLineWithThePreviousCount() {
    log.refused(A, Admission.OVER_TOTAL_CAP, counts);
    now += Duration.ofSeconds(9).toNanos();
    log.refused(A, Admission.OVER_TOTAL_CAP, counts); // still the same burst: the quiet period restarts
    now += Duration.ofSeconds(9).toNanos();
    log.refused(A, Admission.OVER_TOTAL_CAP, counts);
    now += Duration.ofSeconds(10).toNanos();
    log.refused(A, Admission.OVER_ADDRESS_CAP, counts);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("over the total cap of 100").doesNotContain("previous burst");
    assertThat(lines.get(1)).contains("per address").endsWith("(the previous burst refused 3)");
  }

  @Test
  void aReasonGivenByTheCallerIsLoggedOncePerBurstTheSameWay() {
    log.refused("partial messages over budget");
    now += 1_000_000;
    log.refused("partial messages over budget");

    assertThat(lines).singleElement().asString()
        .startsWith("refusing RTMP connections: partial messages over budget; further refusals are counted");
    assertThat(log.total()).isEqualTo(2);
  }
}
