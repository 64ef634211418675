package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-connection record of offers that may still be answered. */
class SentOffersTest {
  @Test
  void anOfferIsAnswerableOnceAndOnlyBeforeItExpires() {
    SentOffers s = new SentOffers(320);
    s.add(1, 2, 3, 100, 0);
    s.add(4, 5, 6, 50, 0);
    assertThat(s.take(1, 2, 3, 99)).isTrue();
    assertThat(s.take(1, 2, 3, 99)).isFalse();
    assertThat(s.take(4, 5, 6, 50)).isFalse(); // expired exactly at 50
    assertThat(s.size()).isZero();
  }

  @Test
  void whenFullTheOldestIsForgottenNotARandomOne() {
    SentOffers s = new SentOffers(32);
    for (int i = 0; i < 40; i++) {
      s.add(i, 0, 0, 1_000, 0);
    }
    assertThat(s.size()).isEqualTo(32);
    for (int i = 0; i < 8; i++) {
      assertThat(s.take(i, 0, 0, 1)).as("offer %d", i).isFalse();
    }
    for (int i = 39; i >= 8; i--) {
      assertThat(s.take(i, 0, 0, 1)).as("offer %d", i).isTrue();
    }
  }

  @Test
  void aRepeatedIdCountsAsItsLatestSendingAndIsForgottenEntirely() {
    SentOffers s = new SentOffers(10);
    s.add(7, 7, 7, 10, 0);
    s.add(8, 8, 8, 15, 0);
    s.add(7, 7, 7, 30, 0);
    assertThat(s.take(7, 7, 7, 20)).isTrue(); // the later sending has not expired
    assertThat(s.take(7, 7, 7, 20)).isFalse();
    assertThat(s.take(8, 8, 8, 12)).isTrue();
  }

  @Test
  void expiredOffersAreDroppedAsNewOnesArrive() {
    SentOffers s = new SentOffers(100);
    for (int i = 0; i < 20; i++) {
      s.add(i, 0, 0, 10 + i, i);
    }
    s.add(99, 0, 0, 1_000, 25); // offers 0..15 have expired by now
    assertThat(s.size()).isEqualTo(5);
    assertThat(s.take(19, 0, 0, 25)).isTrue();
    assertThat(s.take(99, 0, 0, 25)).isTrue();
  }
}
