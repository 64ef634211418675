package org.ownerless.app.testing;

import java.io.File;
import java.io.IOException;

/**
 * The tests' RTMP publisher: a real ffmpeg sending a small lavfi picture (320x180 at 15 fps) and a
 * 440 Hz tone in real time ({@code -re}), light enough for two cores shared with browsers.
 */
public final class TestPublisher {
  /** The default picture: a moving pattern. */
  public static final String TESTSRC2 = "testsrc2";
  /** The default keyframe interval: every 30 frames, i.e. every 2 s (one per 2 s segment). */
  public static final int GOP_FRAMES = 30;

  private TestPublisher() {}

  /** Publishes the default picture to {@code server/streamKey} for {@code seconds}; ffmpeg's output goes to {@code log}. */
  public static Process start(String server, String streamKey, int seconds, File log) throws IOException {
    return start(server, streamKey, seconds, log, TESTSRC2, GOP_FRAMES);
  }

  /**
   * As {@link #start(String, String, int, File)}, with another lavfi video source (e.g. "testsrc")
   * and keyframe interval in frames.
   */
  public static Process start(String server, String streamKey, int seconds, File log, String videoSource,
      int gopFrames) throws IOException {
    return startLavfi(server, streamKey, seconds, log, videoSource + "=size=320x180:rate=15", gopFrames);
  }

  /** As above with a full lavfi video description, e.g. "testsrc2=size=320x180:rate=25" (OBS-like 25 fps). */
  public static Process startLavfi(String server, String streamKey, int seconds, File log, String lavfiVideo,
      int gopFrames) throws IOException {
    return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin", "-re",
        "-f", "lavfi", "-i", lavfiVideo,
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
        "-t", String.valueOf(seconds), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
        "-tune", "zerolatency", "-g", String.valueOf(gopFrames), "-c:a", "aac", "-b:a", "64k",
        "-f", "flv", server + "/" + streamKey)
        .redirectErrorStream(true).redirectOutput(log).start();
  }
}
