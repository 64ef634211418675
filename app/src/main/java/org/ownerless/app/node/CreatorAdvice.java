package org.ownerless.app.node;

import java.util.Locale;
import org.ownerless.ingest.transcode.Ladder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the ingest measured into what the creator should change, on the {@link CreatorWarnings}
 * board and in the log: once when a condition is raised (with the measured figure and the exact
 * setting to change), once when it clears. The ingest reports only changes, so a GOP that stays too
 * long costs one line, not one per keyframe.
 */
final class CreatorAdvice {
  static final String KEYFRAME_INTERVAL = "keyframe-interval";
  static final String TRANSCODER_SLOW = "transcoder-slow";
  /** What a node on a small machine can encode live: the copied source plus one small rung. */
  static final String SMALLER_LADDER = "src,360p:360:800";
  private static final Logger log = LoggerFactory.getLogger(CreatorAdvice.class);

  private final CreatorWarnings warnings;
  private final double segmentSeconds;
  private final Ladder ladder;

  CreatorAdvice(CreatorWarnings warnings, double segmentSeconds, Ladder ladder) {
    this.warnings = warnings;
    this.segmentSeconds = segmentSeconds;
    this.ladder = ladder;
  }

  void keyframeInterval(String stream, double intervalSeconds, double limitSeconds, boolean tooLong) {
    if (tooLong) {
      String text = String.format(Locale.ROOT, "%s: the encoder sends a keyframe every %.1f s, longer than %.1f s"
          + " (twice the %s s segment length); the src rendition is re-encoded meanwhile, which costs CPU."
          + " In OBS set Settings → Output → Output Mode: Advanced → Streaming → Keyframe Interval: %s s"
          + " (0 means auto, about 8 s), then restart the stream", stream, intervalSeconds, limitSeconds,
          seconds(segmentSeconds), seconds(Math.max(1, segmentSeconds)));
      if (warnings.raise(KEYFRAME_INTERVAL, text)) {
        log.warn(text);
      }
    } else if (warnings.clear(KEYFRAME_INTERVAL)) {
      log.info(String.format(Locale.ROOT, "%s: the keyframe interval is %.1f s now, fine for %s s segments;"
          + " the src rendition is copied again", stream, intervalSeconds, seconds(segmentSeconds)));
    }
  }

  void realtime(String stream, double speed, boolean below) {
    if (below) {
      String text = String.format(Locale.ROOT, "%s: the transcoder runs at %.2fx real time, so the stream falls"
          + " further behind every second and media is dropped; this machine cannot encode the ladder %s."
          + " Use a smaller one, e.g. --ladder %s (ladder: in the config file)", stream, speed, ladder,
          SMALLER_LADDER);
      if (warnings.raise(TRANSCODER_SLOW, text)) {
        log.warn(text);
      }
    } else if (warnings.clear(TRANSCODER_SLOW)) {
      log.info(String.format(Locale.ROOT, "%s: the transcoder keeps up again (%.2fx real time)", stream, speed));
    }
  }

  private static String seconds(double s) {
    return java.math.BigDecimal.valueOf(s).stripTrailingZeros().toPlainString();
  }
}
