package org.ownerless.origin.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded disk cache of one rendition's mirror, with the origin's retention meaning: keep the
 * last N segments (and roots/N.json files), or everything when N is 0 (an archive). Files are
 * remembered in the order they were mirrored; the oldest go first, except that a file the current
 * manifest window lists (or the current root) is never deleted, whatever N says.
 */
final class MirrorRetention {
  private static final Logger log = LoggerFactory.getLogger(MirrorRetention.class);

  private final Path dir;
  private final int keep;
  private final ArrayDeque<String> segments = new ArrayDeque<>();
  private final ArrayDeque<String> roots = new ArrayDeque<>();

  /** @param keep segments (and roots) kept; 0 keeps everything */
  MirrorRetention(Path dir, int keep) {
    if (keep < 0) {
      throw new IllegalArgumentException("retention must be 0 (keep all) or a number of segments");
    }
    this.dir = dir;
    this.keep = keep;
  }

  synchronized void segmentMirrored(String uri) {
    if (!segments.contains(uri)) {
      segments.addLast(uri);
    }
  }

  /** @param path the root's file below the rendition directory, {@code roots/E-N.json} */
  synchronized void rootWritten(String path) {
    if (!roots.contains(path)) {
      roots.addLast(path);
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

  synchronized int segmentsKept() {
    return segments.size();
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot delete expired mirror file {}: {}", file, e.getMessage());
    }
  }
}
