package org.ownerless.app.node;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the creator should change now (an OBS setting, a smaller ladder), one entry per condition,
 * raised and cleared by whoever detects it and shown on the studio page. The log says the same once
 * per raise, so a condition that persists costs one line, not one per segment.
 */
public final class CreatorWarnings {
  /** One condition: a stable code (for tests and scripts), the sentence for the creator, and since when. */
  public record Warning(String code, String text, long sinceMs) {}

  private static final int MAX = 32; // a bound on what callers can raise; codes are a fixed small set
  private final Clock clock;
  private final Map<String, Warning> current = new LinkedHashMap<>();

  public CreatorWarnings(Clock clock) {
    this.clock = clock;
  }

  /** Raises (or rewords) a condition; returns true when it was not raised before (log it then). */
  public synchronized boolean raise(String code, String text) {
    Warning old = current.get(code);
    if (old == null && current.size() >= MAX) {
      return false;
    }
    current.put(code, new Warning(code, text, old == null ? clock.millis() : old.sinceMs()));
    return old == null;
  }

  /** Clears a condition; returns true when it was raised (log that it cleared then). */
  public synchronized boolean clear(String code) {
    return current.remove(code) != null;
  }

  public synchronized List<Warning> current() {
    return new ArrayList<>(current.values());
  }
}
