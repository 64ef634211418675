package org.ownerless.origin.verify;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ownerless.protocol.model.SegmentEntry;

/**
 * The segments (and init sections) of each rendition's signed window that a pass has verified already, so that the next
 * pass of {@code verify --watch} fetches only new ones. Only what the current window lists is
 * remembered: a segment that left the window is never asked for again, so memory stays bounded by
 * the window however long the stream runs (a watch of a 24/7 stream would otherwise grow forever).
 */
final class VerifiedSegments {
  private final Map<String, Set<String>> byRendition = new HashMap<>();

  /** Whether the segment or init section {@code uri} of {@code rendition} was verified. */
  boolean contains(String rendition, String uri) {
    return byRendition.getOrDefault(rendition, Set.of()).contains(uri);
  }

  void add(String rendition, String uri) {
    byRendition.computeIfAbsent(rendition, r -> new HashSet<>()).add(uri);
  }

  /** Forgets every segment of {@code rendition} that {@code window} (the newest accepted) does not list. */
  void retainWindow(String rendition, List<SegmentEntry> window) {
    Set<String> verified = byRendition.get(rendition);
    if (verified == null) {
      return;
    }
    Set<String> listed = new HashSet<>(window.size() * 2);
    window.forEach(e -> {
      listed.add(e.uri());
      if (e.hasInit()) {
        listed.add(e.init().uri());
      }
    });
    verified.retainAll(listed);
  }

  /** Segments remembered, all renditions together. */
  int size() {
    return byRendition.values().stream().mapToInt(Set::size).sum();
  }
}
