package org.ownerless.app.node;

import java.io.File;
import java.io.IOException;

/** A real ffmpeg RTMP publisher with a small live test source. */
final class Publisher {
  private Publisher() {}

  static Process ffmpeg(String server, String streamKey, int seconds, File log) throws IOException {
    return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin", "-re",
        "-f", "lavfi", "-i", "testsrc=size=320x180:rate=15", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
        "-t", String.valueOf(seconds), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
        "-tune", "zerolatency", "-g", "15", "-c:a", "aac", "-b:a", "64k", "-f", "flv", server + "/" + streamKey)
        .redirectErrorStream(true).redirectOutput(log).start();
  }
}
