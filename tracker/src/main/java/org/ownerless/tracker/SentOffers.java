package org.ownerless.tracker;

/**
 * The offers one connection sent that may still be answered: a ring of (offer_id, expiry), oldest
 * evicted first when full. Four longs per offer in one array that grows only as far as the
 * connection really uses it (an idle peer that sent ten offers holds ten), and is dropped once
 * nothing in it is answerable. Guarded by the registry's lock.
 */
final class SentOffers {
  private static final int WORDS = 4; // id high, id middle, id low, expiry (nanos)
  private static final int FIRST_CAPACITY = 10;
  private final int capacity;
  private long[] ring;
  /** Slot of the oldest entry, and how many there are. */
  private int head;
  private int size;

  SentOffers(int capacity) {
    this.capacity = capacity;
  }

  int size() {
    return size;
  }

  void add(long high, long middle, int low, long expires, long now) {
    dropExpired(now);
    if (ring == null) {
      ring = new long[Math.min(capacity, FIRST_CAPACITY) * WORDS];
      head = 0;
    } else if (size == ring.length / WORDS) {
      if (size < capacity) {
        grow();
      } else {
        head = next(head); // full: forget the oldest
        size--;
      }
    }
    int at = slot(size) * WORDS;
    ring[at] = high;
    ring[at + 1] = middle;
    ring[at + 2] = low;
    ring[at + 3] = expires;
    size++;
  }

  /**
   * True, and forgotten, if this connection sent {@code id} and it has not expired at {@code now}. An
   * id sent more than once counts as its latest sending and is forgotten entirely.
   */
  boolean take(long high, long middle, int low, long now) {
    int found = -1;
    boolean again = false;
    for (int i = size - 1; i >= 0; i--) { // newest first: answers come for recent offers
      int at = slot(i) * WORDS;
      if (ring[at] == high && ring[at + 1] == middle && ring[at + 2] == low) {
        if (found < 0) {
          found = i;
        } else {
          again = true;
          break;
        }
      }
    }
    if (found < 0) {
      return false;
    }
    boolean fresh = ring[slot(found) * WORDS + 3] > now;
    removeAt(found);
    while (again) {
      again = false;
      for (int i = size - 1; i >= 0; i--) {
        int at = slot(i) * WORDS;
        if (ring[at] == high && ring[at + 1] == middle && ring[at + 2] == low) {
          removeAt(i);
          again = true;
          break;
        }
      }
    }
    if (size == 0) {
      ring = null;
    }
    return fresh;
  }

  /** Expiry grows with sending time, so expired offers are always the oldest. */
  private void dropExpired(long now) {
    while (size > 0 && ring[head * WORDS + 3] <= now) {
      head = next(head);
      size--;
    }
    if (size == 0) {
      ring = null;
    }
  }

  /** Removes the i-th oldest entry by shifting the newer ones down (they are few: answers are for recent offers). */
  private void removeAt(int i) {
    for (int k = i; k < size - 1; k++) {
      System.arraycopy(ring, slot(k + 1) * WORDS, ring, slot(k) * WORDS, WORDS);
    }
    size--;
  }

  private void grow() {
    long[] bigger = new long[Math.min(capacity, size * 2) * WORDS];
    for (int i = 0; i < size; i++) {
      System.arraycopy(ring, slot(i) * WORDS, bigger, i * WORDS, WORDS);
    }
    ring = bigger;
    head = 0;
  }

  private int slot(int i) {
    int n = ring.length / WORDS;
    int s = head + i;
    return s >= n ? s - n : s;
  }

  private int next(int s) {
    return s + 1 == ring.length / WORDS ? 0 : s + 1;
  }
}
