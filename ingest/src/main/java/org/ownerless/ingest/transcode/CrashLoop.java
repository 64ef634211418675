package org.ownerless.ingest.transcode;

import java.util.List;

/**
 * Whether a stream's ffmpeg is crash-looping: {@link #LOOPING_AFTER} or more runs in a row ended in a
 * crash without delivering a segment (a missing codec, a full disk, a bad binary: every restart
 * fails the same way). It exists so that an outage is said once — when it starts and when it ends —
 * rather than once per restart, and so that the node can show it ({@code /metrics}). The first
 * segment of a later run ends the outage. Thread-safe.
 */
public final class CrashLoop {
  /** Crashes in a row that make a crash loop: one crash is an incident, two mean the next restart will fail too. */
  public static final int LOOPING_AFTER = 2;

  /**
   * What an operator needs to know.
   *
   * @param consecutiveCrashes runs in a row that crashed before delivering a segment (0: healthy)
   * @param totalCrashes crashes since the node started
   * @param lastExitCode the exit code of the last crashed run (-1 before any crash)
   * @param lastError ffmpeg's last line on stderr before that crash ("" if none)
   */
  public record Status(int consecutiveCrashes, long totalCrashes, int lastExitCode, String lastError) {
    public boolean looping() {
      return consecutiveCrashes >= LOOPING_AFTER;
    }
  }

  private int consecutive;
  private long total;
  private int lastExitCode = -1;
  private String lastError = "";
  private long outageStartNanos;

  /** A run crashed; true when this crash starts a crash loop (time to say so, once). */
  synchronized boolean crashed(int exitCode, List<String> stderrTail, long nowNanos) {
    if (consecutive == 0) {
      outageStartNanos = nowNanos;
    }
    consecutive++;
    total++;
    lastExitCode = exitCode;
    lastError = stderrTail.isEmpty() ? "" : stderrTail.get(stderrTail.size() - 1);
    return consecutive == LOOPING_AFTER;
  }

  /**
   * A run delivered a segment. Returns how long the crash loop it ends lasted in nanoseconds, or -1
   * when there was none (a single crash is not an outage worth a recovery line).
   */
  synchronized long delivered(long nowNanos) {
    boolean wasLooping = consecutive >= LOOPING_AFTER;
    consecutive = 0;
    return wasLooping ? nowNanos - outageStartNanos : -1;
  }

  synchronized boolean looping() {
    return consecutive >= LOOPING_AFTER;
  }

  public synchronized Status status() {
    return new Status(consecutive, total, lastExitCode, lastError);
  }
}
