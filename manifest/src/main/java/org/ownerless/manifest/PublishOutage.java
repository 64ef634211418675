package org.ownerless.manifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether what the node publishes reaches its data directory, said once per outage. A full disk
 * fails every segment, every root, every announce and every ffmpeg restart; a line each would bury
 * the one that matters, and would itself need the disk. Nothing unsigned is listed meanwhile (a
 * playlist is only written after the root that covers it), and the outage ends by itself with the
 * next write that works, which the node tries with every segment and every announce.
 */
final class PublishOutage {
  private static final Logger log = LoggerFactory.getLogger(PublishOutage.class);
  /** How ffmpeg (and the C library) words ENOSPC in its last lines. */
  private static final String NO_SPACE = "No space left on device";

  private final Path dataDir;
  private boolean down;
  private long sinceNanos;

  PublishOutage(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** A write to the data directory failed. */
  void failed(String stream, IOException e) {
    failed(stream, "cannot write to " + dataDir + " (" + (e.getMessage() == null ? e.toString() : e.getMessage()) + ")");
  }

  /** An ffmpeg run exited; if it could not write its segments for lack of space, that is this outage too. */
  void ffmpegExited(String stream, boolean crashed, List<String> stderrTail) {
    if (crashed && stderrTail.stream().anyMatch(line -> line.contains(NO_SPACE))) {
      failed(stream, "ffmpeg cannot write its segments (" + NO_SPACE + ")");
    }
  }

  synchronized void failed(String stream, String reason) {
    if (down) {
      log.debug("{}: still cannot publish: {}", stream, reason);
      return;
    }
    down = true;
    sinceNanos = System.nanoTime();
    log.warn("{}: publishing paused: {}. Nothing unsigned is listed meanwhile; publishing resumes by itself "
        + "once the data directory takes writes again (further failures are not logged until then)", stream, reason);
  }

  /** Something was published: an outage, if there was one, is over. */
  synchronized void published(String stream) {
    if (down) {
      down = false;
      log.info("{}: publishing resumed after {} s", stream, (System.nanoTime() - sinceNanos) / 1_000_000_000L);
    }
  }
}
