package org.ownerless.protocol.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules for a MANIFEST_ROOT's {@code parts} (docs/protocol.md §4.3, §4.4 rule 4): what a list
 * of parts of the segment in progress may hold, and how two lists signed for one position relate.
 */
public final class ManifestParts {
  /** Parts one root may list: a 30 s segment cut into parts of half a second or more. */
  public static final int MAX_PARTS = 64;
  /** The parts of one segment never add up to more than a (long) LL-HLS segment. */
  public static final long MAX_TOTAL_DURATION_US = 30_000_000L;

  /** How a newer-looking list of parts relates to the accepted one, for the same segment. */
  public enum Order {
    /** The same parts. */
    SAME,
    /** The accepted list is a proper prefix of the new one (or empty): the new one is further on. */
    EXTENDS,
    /** The new list is a proper prefix of the accepted one (or empty): an older state, not an error. */
    PRECEDES,
    /** A part at one position differs: the creator signed two histories of one segment. */
    FORK
  }

  private ManifestParts() {}

  /**
   * Checks {@code parts} (already a copy; empty means none) against the rules that span the list:
   * count, uris distinct from each other and from the window's and the inits', total duration, and
   * an independent first part. Single-part rules are {@link PartEntry}'s.
   */
  static void check(List<PartEntry> parts, List<SegmentEntry> window, List<InitSection> inits) {
    if (parts.isEmpty()) {
      return;
    }
    if (parts.size() > MAX_PARTS) {
      throw new IllegalArgumentException("parts holds " + parts.size() + " items (limit " + MAX_PARTS + ")");
    }
    Set<String> taken = new HashSet<>();
    window.forEach(e -> taken.add(e.uri()));
    inits.forEach(i -> taken.add(i.uri()));
    Set<String> seen = new HashSet<>();
    long total = 0;
    for (PartEntry p : parts) {
      if (!seen.add(p.uri()) || taken.contains(p.uri())) {
        throw new IllegalArgumentException("part uri '" + p.uri() + "' is not unique in the root");
      }
      total += p.durationUs();
    }
    if (total > MAX_TOTAL_DURATION_US) {
      throw new IllegalArgumentException("parts last " + total + " us, more than " + MAX_TOTAL_DURATION_US);
    }
    if (!parts.get(0).independent()) {
      throw new IllegalArgumentException("the first part must be independent (start with a keyframe)");
    }
  }

  /** How {@code next}'s parts relate to {@code accepted}'s, both signed for the same segment. */
  public static Order order(List<PartEntry> accepted, List<PartEntry> next) {
    int common = Math.min(accepted.size(), next.size());
    if (!accepted.subList(0, common).equals(next.subList(0, common))) {
      return Order.FORK;
    }
    if (accepted.size() == next.size()) {
      return Order.SAME;
    }
    return next.size() > accepted.size() ? Order.EXTENDS : Order.PRECEDES;
  }
}
