package org.ownerless.origin.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.ownerless.protocol.verify.RootTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roots a rendition's follower accepted that are not written yet (the window's segments are
 * not all in place), oldest first. While publishing keeps failing the follower keeps accepting, so
 * this is bounded: past {@link #limit} the oldest is dropped — one log line when dropping starts,
 * one with the count when publishing catches up.
 *
 * <p>Dropping costs nothing anyone could still get: with a retention of N roots, publishing would
 * delete all but the newest N right after writing them; in an archive, a downstream walker that is
 * {@code RootTracker.MAX_GAP_FETCHES + 1} roots behind restarts from the newest instead of walking
 * (RootTracker), so it never asks for a root older than that.
 */
final class UnpublishedRoots {
  private static final Logger log = LoggerFactory.getLogger(UnpublishedRoots.class);

  /** A root's file below the rendition directory ({@code roots/E-N.json}) and its signed bytes. */
  record RootFile(String path, byte[] bytes) {}

  private final String rendition;
  private final int limit;
  private final ArrayDeque<RootFile> files = new ArrayDeque<>();
  private long dropped;

  /** @param keep the relay's retention in roots; 0 keeps everything (an archive) */
  UnpublishedRoots(String rendition, int keep) {
    this.rendition = rendition;
    int walkable = RootTracker.MAX_GAP_FETCHES + 1;
    this.limit = keep > 0 ? Math.min(keep, walkable) : walkable;
  }

  void add(RootFile f) {
    if (files.size() == limit) {
      files.removeFirst();
      if (dropped++ == 0) {
        log.warn("{}: cannot publish yet; holding the newest {} accepted roots, dropping older ones", rendition, limit);
      }
    }
    files.addLast(f);
  }

  /** Everything held, oldest first, and empties the backlog (the caller writes them all). */
  List<RootFile> drain() {
    List<RootFile> out = new ArrayList<>(files);
    files.clear();
    if (dropped > 0) {
      log.info("{}: publishing again; dropped {} roots that were never published", rendition, dropped);
      dropped = 0;
    }
    return out;
  }

  boolean isEmpty() {
    return files.isEmpty();
  }

  int size() {
    return files.size();
  }
}
