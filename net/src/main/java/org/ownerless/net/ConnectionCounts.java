package org.ownerless.net;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open connections in total and per remote address, against two caps. Thread-safe: a server's
 * event-loop threads all admit into the same counts. A refused connection takes no slot, so a flood
 * of refusals never pushes out the admitted clients' count (nor lingers in it until the close).
 */
final class ConnectionCounts {
  private final int maxTotal;
  private final int maxPerAddress;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

  ConnectionCounts(int maxTotal, int maxPerAddress) {
    if (maxTotal < 1 || maxPerAddress < 1) {
      throw new IllegalArgumentException("connection caps must be positive, not " + maxTotal + " and " + maxPerAddress);
    }
    this.maxTotal = maxTotal;
    this.maxPerAddress = maxPerAddress;
  }

  int maxTotal() {
    return maxTotal;
  }

  int maxPerAddress() {
    return maxPerAddress;
  }

  /** Takes a slot for {@code address} when both caps allow; {@link #release} gives an admitted one back. */
  Admission tryAcquire(InetAddress address) {
    if (total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return Admission.OVER_TOTAL_CAP;
    }
    boolean[] admitted = {false};
    perAddress.compute(address, (k, n) -> {
      int current = n == null ? 0 : n;
      if (current >= maxPerAddress) {
        return n;
      }
      admitted[0] = true;
      return current + 1;
    });
    if (!admitted[0]) {
      total.decrementAndGet();
      return Admission.OVER_ADDRESS_CAP;
    }
    return Admission.ADMITTED;
  }

  void release(InetAddress address) {
    // Entries go when they reach zero: the map holds only addresses with open connections.
    perAddress.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
    total.decrementAndGet();
  }

  int active() {
    return total.get();
  }

  int active(InetAddress address) {
    return perAddress.getOrDefault(address, 0);
  }
}
