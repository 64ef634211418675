package org.ownerless.app.testing;

import com.microsoft.playwright.Page;
import java.util.Map;
import java.util.Set;

/** window.ownerless.stats() of one viewer page, read through Playwright (missing numbers read as 0). */
public record ViewerStats(String state, String message, long httpBytes, long p2pBytes, long verifiedSegments,
    long verifiedParts, long rejectedSegments, long peers, double currentTime, long seededSegments,
    long uploadedBytes) {

  /** The states a viewer shows when it stopped trusting or playing the stream (player/playback-state.js). */
  public static final Set<String> ERROR_STATES = Set.of("untrusted", "failed", "expired");

  public boolean inError() {
    return ERROR_STATES.contains(state);
  }

  @SuppressWarnings("unchecked")
  public static ViewerStats of(Page page) {
    Map<String, Object> m = (Map<String, Object>) page.evaluate(
        "() => ({...(window.ownerless ? window.ownerless.stats() : {state: 'no-hook'}),"
            + " currentTime: document.querySelector('video') ? document.querySelector('video').currentTime : 0})");
    return new ViewerStats(String.valueOf(m.get("state")), String.valueOf(m.get("message")), num(m, "httpBytes"),
        num(m, "p2pBytes"), num(m, "verifiedSegments"),
        num(m, "verifiedParts"), num(m, "rejectedSegments"), num(m, "peers"),
        ((Number) m.getOrDefault("currentTime", 0)).doubleValue(), num(m, "seededSegments"),
        num(m, "uploadedBytes"));
  }

  private static long num(Map<String, Object> m, String k) {
    Object v = m.get(k);
    return v instanceof Number ? ((Number) v).longValue() : 0;
  }
}
