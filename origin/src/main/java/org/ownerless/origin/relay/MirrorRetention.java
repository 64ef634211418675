package org.ownerless.origin.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded disk cache of one rendition's mirror, with the origin's retention meaning: keep the
 * last N segments (and roots/N.json files), or everything when N is 0 (an archive). Files are
 * remembered in the order they were mirrored; the oldest go first, except that a file the current
 * manifest window lists (or the current root) is never deleted, whatever N says.
 *
 * <p>Every call is O(1) per file (insertion-ordered sets: a membership test does not scan), and
 * {@link #apply} costs the files it deletes plus the listed ones it steps over at the old end. An
 * archive deletes nothing, so it remembers nothing: its cost does not grow with the recording.
 */
final class MirrorRetention {
  private static final Logger log = LoggerFactory.getLogger(MirrorRetention.class);

  private final Path dir;
  private final int keep;
  private final LinkedHashSet<String> segments = new LinkedHashSet<>();
  private final LinkedHashSet<String> roots = new LinkedHashSet<>();

  /** @param keep segments (and roots) kept; 0 keeps everything */
  MirrorRetention(Path dir, int keep) {
    if (keep < 0) {
      throw new IllegalArgumentException("retention must be 0 (keep all) or a number of segments");
    }
    this.dir = dir;
    this.keep = keep;
  }

  /** A segment is in place; one mirrored again keeps its place in the order (a set ignores the repeat). */
  synchronized void segmentMirrored(String uri) {
    if (keep > 0) {
      segments.add(uri);
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
    for (Iterator<String> it = segments.iterator(); it.hasNext() && segments.size() > keep; ) {
      String uri = it.next();
      if (!listed.contains(uri)) {
        delete(dir.resolve(uri));
        it.remove();
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
