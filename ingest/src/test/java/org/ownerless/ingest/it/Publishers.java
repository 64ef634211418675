package org.ownerless.ingest.it;

import java.io.IOException;
import java.util.List;

/** Real RTMP publishers: ffmpeg's rtmp client and GStreamer's rtmp2sink, with small test sources. */
final class Publishers {
  private Publishers() {}

  static String url(int port, String name, String token) {
    return "rtmp://127.0.0.1:" + port + "/live/" + name + "?token=" + token;
  }

  /** ffmpeg pushing a lavfi test pattern and tone in real time, with a keyframe every second. */
  static ExternalProcess ffmpeg(String url, int width, int height, int seconds) throws IOException {
    return ExternalProcess.start(List.of("ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin", "-re",
        "-f", "lavfi", "-i", "testsrc=size=" + width + "x" + height + ":rate=15",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
        "-t", String.valueOf(seconds), "-pix_fmt", "yuv420p",
        "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "15",
        "-c:a", "aac", "-b:a", "64k", "-f", "flv", url));
  }

  /**
   * ffmpeg pushing a keyframe every two seconds, each stamped {@code earlyMs} before its instant and
   * the frames between on time: the copy rendition's boundaries then fall a little after a keyframe,
   * as with an encoder that stamps frames from a live clock.
   */
  static ExternalProcess ffmpegWithEarlyKeyframes(String url, int earlyMs, int seconds) throws IOException {
    return ExternalProcess.start(List.of("ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin", "-re",
        "-f", "lavfi", "-i", "testsrc=size=320x180:rate=15",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
        "-t", String.valueOf(seconds), "-pix_fmt", "yuv420p",
        // Millisecond timestamps, and every 30th frame (the keyframes below) moved earlier.
        "-vf", "settb=1/1000,setpts=PTS-" + earlyMs + "*gt(N\\,0)*eq(mod(N\\,30)\\,0)",
        "-fps_mode", "passthrough", "-enc_time_base", "1:1000",
        "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-keyint_min", "30",
        "-sc_threshold", "0", "-c:a", "aac", "-b:a", "64k", "-f", "flv", url));
  }

  /** GStreamer's rtmp2sink (gstreamer1.0-plugins-bad) pushing a live test pattern and tone. */
  static ExternalProcess gstreamer(String url, int width, int height, int seconds) throws IOException {
    return gstreamer("rtmp2sink", url, width, height, seconds);
  }

  /**
   * GStreamer with the given sink: {@code rtmp2sink} (GStreamer's own RTMP code) or {@code rtmpsink}
   * (librtmp, the RTMP library OBS's own client derives from).
   */
  static ExternalProcess gstreamer(String sink, String url, int width, int height, int seconds) throws IOException {
    int frames = seconds * 15;
    return ExternalProcess.start(List.of("gst-launch-1.0", "-e", "-q",
        "videotestsrc", "is-live=true", "num-buffers=" + frames, "!",
        "video/x-raw,format=I420,width=" + width + ",height=" + height + ",framerate=15/1", "!",
        "x264enc", "tune=zerolatency", "speed-preset=ultrafast", "key-int-max=15", "!", "h264parse", "!",
        "flvmux", "name=mux", "streamable=true", "!", sink, "location=" + url,
        "audiotestsrc", "is-live=true", "wave=sine", "num-buffers=" + (seconds * 44100 / 1024), "!",
        "audioconvert", "!", "avenc_aac", "!", "aacparse", "!", "mux."));
  }
}
