package org.ownerless.ingest.hls;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to follow another packager's HLS tree.
 *
 * @param dir the packager's output directory (it may not exist yet)
 * @param workDir where taken segments wait for the manifest service (same file system as the data directory)
 * @param poll how often playlists are read
 * @param stallTargets a playlist unchanged for this many target durations means the publisher stopped
 * @param ffprobe the ffprobe executable, run only when a master playlist leaves out RESOLUTION or CODECS
 */
public record HlsInputConfig(Path dir, Path workDir, Duration poll, int stallTargets, String ffprobe) {
  public static final Duration DEFAULT_POLL = Duration.ofMillis(200);
  public static final int DEFAULT_STALL_TARGETS = 4;

  public static HlsInputConfig defaults(Path dir, Path workDir) {
    return new HlsInputConfig(dir, workDir, DEFAULT_POLL, DEFAULT_STALL_TARGETS, "ffprobe");
  }

  public HlsInputConfig withFfprobe(String ffprobe) {
    return new HlsInputConfig(dir, workDir, poll, stallTargets, ffprobe);
  }
}
