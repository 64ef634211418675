package org.ownerless.origin.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded disk cache of one rendition's mirror, with the origin's retention meaning: keep the
 * last N segments (and roots/N.json files), or everything when N is 0 (an archive). Files are
 * remembered in the order they were mirrored; the oldest go first, except that a file the current
 * manifest window lists (or the current root) is never deleted, whatever N says. An init section
 * (fMP4) stays while any remembered segment needs it.
 *
 * <p>Every call is O(1) per file (insertion-ordered sets: a membership test does not scan), and
 * {@link #apply} costs the files it deletes plus the listed ones it steps over at the old end. An
 * archive deletes nothing, so it remembers nothing: its cost does not grow with the recording.
 */
final class MirrorRetention {
  private static final Logger log = LoggerFactory.getLogger(MirrorRetention.class);

  private final Path dir;
  private final int keep;
  // Segment uri -> the init section it needs (null for TS), in the order they were mirrored.
  private final LinkedHashMap<String, String> segments = new LinkedHashMap<>();
  // Init uri -> how many remembered segments need it: an init goes with the last of them.
  private final HashMap<String, Integer> initUsers = new HashMap<>();
  private final LinkedHashSet<String> roots = new LinkedHashSet<>();

  /** @param keep segments (and roots) kept; 0 keeps everything */
  MirrorRetention(Path dir, int keep) {
    if (keep < 0) {
      throw new IllegalArgumentException("retention must be 0 (keep all) or a number of segments");
    }
    this.dir = dir;
    this.keep = keep;
  }

  /**
   * A segment is in place; one mirrored again keeps its place in the order (the map ignores the
   * repeat). {@code initUri} is the init section it needs, or null: kept while any kept segment needs it.
   */
  synchronized void segmentMirrored(String uri, String initUri) {
    if (keep > 0 && !segments.containsKey(uri)) {
      segments.put(uri, initUri);
      if (initUri != null) {
        initUsers.merge(initUri, 1, Integer::sum);
      }
    }
  }

  /** @param path the root's file below the rendition directory, {@code roots/E-N.json} */
  synchronized void rootWritten(String path) {
    if (keep > 0) {
      roots.add(path);
    }
  }

  /** Deletes what fell out of the kept range, sparing everything {@code listed} and the root file {@code current}. */
  synchronized void apply(Set<String> listed, String current) {
    if (keep == 0) {
      return;
    }
    for (Iterator<Map.Entry<String, String>> it = segments.entrySet().iterator();
        it.hasNext() && segments.size() > keep; ) {
      Map.Entry<String, String> segment = it.next();
      if (!listed.contains(segment.getKey())) {
        delete(dir.resolve(segment.getKey()));
        it.remove();
        initUnused(segment.getValue(), listed);
      }
    }
    for (Iterator<String> it = roots.iterator(); it.hasNext() && roots.size() > keep; ) {
      String path = it.next();
      if (!path.equals(current)) {
        delete(dir.resolve(path));
        it.remove();
      }
    }
  }

  /** A segment needing {@code initUri} (if any) is gone; the init goes too once no kept or listed one needs it. */
  private void initUnused(String initUri, Set<String> listed) {
    if (initUri == null) {
      return;
    }
    int users = initUsers.merge(initUri, -1, Integer::sum);
    if (users <= 0) {
      initUsers.remove(initUri);
      if (!listed.contains(initUri)) {
        delete(dir.resolve(initUri));
      }
    }
  }

  /** Segments and roots remembered for deletion. */
  synchronized int remembered() {
    return segments.size() + roots.size();
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot delete expired mirror file {}: {}", file, e.getMessage());
    }
  }
}
