package org.ownerless.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConnectionCountsTest {
  private static final InetAddress A = address("10.0.0.1");
  private static final InetAddress B = address("10.0.0.2");

  @Test
  void oneAddressIsHeldToItsCapWhileOthersStillGetIn() {
    ConnectionCounts counts = new ConnectionCounts(10, 2);
    assertThat(counts.tryAcquire(A)).isEqualTo(Admission.ADMITTED);
    assertThat(counts.tryAcquire(A)).isEqualTo(Admission.ADMITTED);
    assertThat(counts.tryAcquire(A)).isEqualTo(Admission.OVER_ADDRESS_CAP);
    assertThat(counts.tryAcquire(B)).isEqualTo(Admission.ADMITTED);
    assertThat(counts.active()).isEqualTo(3);
    assertThat(counts.active(A)).isEqualTo(2);
  }

  @Test
  void theTotalCapHoldsAcrossAddresses() {
    ConnectionCounts counts = new ConnectionCounts(2, 5);
    counts.tryAcquire(A);
    counts.tryAcquire(B);
    assertThat(counts.tryAcquire(address("10.0.0.3"))).isEqualTo(Admission.OVER_TOTAL_CAP);
    assertThat(counts.active()).isEqualTo(2);
  }

  @Test
  void aReleasedSlotCanBeTakenAgainAndEmptyAddressesAreForgotten() {
    ConnectionCounts counts = new ConnectionCounts(1, 1);
    counts.tryAcquire(A);
    counts.release(A);
    assertThat(counts.active()).isZero();
    assertThat(counts.active(A)).isZero();
    assertThat(counts.tryAcquire(B)).isEqualTo(Admission.ADMITTED);
  }

  @Test
  void refusalsTakeNoSlot() {
    ConnectionCounts counts = new ConnectionCounts(3, 1);
    counts.tryAcquire(A);
    for (int i = 0; i < 100; i++) {
      counts.tryAcquire(A);
    }
    assertThat(counts.active()).isEqualTo(1);
    assertThat(counts.tryAcquire(B)).isEqualTo(Admission.ADMITTED);
  }

  @Test
  void concurrentAdmissionsNeverOvershootTheCaps() throws Exception {
    ConnectionCounts counts = new ConnectionCounts(50, 1_000);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> admitted = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        admitted.add(pool.submit(() -> {
          int n = 0;
          for (int i = 0; i < 100; i++) {
            n += counts.tryAcquire(A) == Admission.ADMITTED ? 1 : 0;
          }
          return n;
        }));
      }
      int sum = 0;
      for (Future<Integer> f : admitted) {
        sum += f.get();
      }
      assertThat(sum).isEqualTo(50);
      assertThat(counts.active()).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void capsMustBePositive() {
    assertThatThrownBy(() -> new ConnectionCounts(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConnectionCounts(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
