package org.ownerless.tracker;

/**
 * One connection's allowance of relayed offers: a token bucket of {@code burst} offers refilled at
 * {@code perSecond}. Each offer the tracker relays costs one token, since relaying is what a flooding
 * client makes the tracker do to everyone else. Offers without a token are dropped; a client that keeps
 * sending after its bucket ran dry (more than another {@code burst} dropped before it refills
 * completely) is abusive and its connection is closed. Guarded by the registry's lock.
 */
final class OfferBucket {
  private final long burstNanos;
  private final long nanosPerOffer;
  /** Tokens held, in nanoseconds of refill (integer arithmetic, no rounding drift). */
  private long heldNanos;
  private long lastNanos;
  private int dropped;
  private final int abuseThreshold;

  OfferBucket(int perSecond, int burst, long now) {
    this.nanosPerOffer = 1_000_000_000L / perSecond;
    this.burstNanos = nanosPerOffer * burst;
    this.heldNanos = burstNanos;
    this.lastNanos = now;
    this.abuseThreshold = burst;
  }

  /** Takes one token if there is one at {@code now}; otherwise counts the offer as dropped. */
  boolean take(long now) {
    long elapsed = now - lastNanos;
    lastNanos = now;
    if (elapsed > 0) {
      heldNanos = burstNanos - heldNanos <= elapsed ? burstNanos : heldNanos + elapsed;
    }
    if (heldNanos == burstNanos) {
      dropped = 0; // refilled completely: whatever was dropped before was a burst, not a flood
    }
    if (heldNanos >= nanosPerOffer) {
      heldNanos -= nanosPerOffer;
      return true;
    }
    dropped++;
    return false;
  }

  /** More offers were dropped since the bucket was last full than a whole burst holds. */
  boolean abusive() {
    return dropped > abuseThreshold;
  }

  int dropped() {
    return dropped;
  }
}
