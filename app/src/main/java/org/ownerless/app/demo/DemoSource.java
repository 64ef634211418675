package org.ownerless.app.demo;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's built-in broadcaster: ffmpeg generating a moving test pattern with the wall-clock time
 * burned in (so a viewer can read how far behind live it is; as text for people and as a {@link ClockCode}
 * stripe for benchmarks) and a tone, pushed over real RTMP into the node's own ingest exactly as OBS
 * would. Restarted if it dies; stopped with {@link #close}.
 */
public final class DemoSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoSource.class);
  static final int FPS = 30;
  private final String ffmpeg;
  private final String target;
  private final SourceSize size;
  private final File logFile;
  private final Thread supervisor;
  private volatile boolean closed;
  private volatile Process process;

  /** Starts pushing to {@code rtmpServer}/{@code streamKey} (the node's OBS settings). */
  public DemoSource(String ffmpeg, String rtmpServer, String streamKey, SourceSize size, File logFile) {
    this.ffmpeg = ffmpeg;
    this.target = rtmpServer + "/" + streamKey;
    this.size = size;
    this.logFile = logFile;
    this.supervisor = new Thread(this::superviseForever, "demo-source");
    supervisor.setDaemon(true);
    supervisor.start();
  }

  private void superviseForever() {
    boolean withTextClock = true;
    while (!closed) {
      long started = System.nanoTime();
      try {
        process = new ProcessBuilder(command(ffmpeg, target, size, withTextClock)).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile)).start();
        int code = process.waitFor();
        if (closed) {
          return;
        }
        boolean quick = System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3);
        if (quick && withTextClock) {
          // drawtext needs a font through fontconfig; a machine without one still gets a picture (and the stripe).
          log.warn("demo source: ffmpeg exited at once ({}); retrying without the burned-in text clock (see {})",
              code, logFile);
          withTextClock = false;
        } else {
          log.warn("demo source: ffmpeg exited ({}); restarting in 1 s (see {})", code, logFile);
          Thread.sleep(1000);
        }
      } catch (IOException e) {
        log.error("demo source: cannot run {}: {}", ffmpeg, e.getMessage());
        return;
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * 854x480 at 30 fps by default: enough to look like a stream, small enough for a laptop to transcode
   * live. A keyframe every second, so the copied rendition can be cut into 1 s segments (the default
   * segment length). The clock stripe needs no font, so it stays when the text clock cannot be drawn.
   */
  static List<String> command(String ffmpeg, String target, SourceSize size, boolean withTextClock) {
    List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-loglevel", "warning", "-nostdin", "-re",
        "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=" + FPS,
        "-f", "lavfi", "-i", "sine=frequency=440:beep_factor=4:sample_rate=48000"));
    String video = ClockCode.filter(FPS);
    if (withTextClock) {
      video += ",drawtext=text='%{localtime\\:%X}  ownerless demo'"
          + ":fontsize=36:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=8:x=20:y=h-th-24";
    }
    cmd.addAll(List.of("-vf", video, "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "veryfast",
        "-tune", "zerolatency", "-g", String.valueOf(FPS), "-b:v", "1500k", "-c:a", "aac", "-b:a", "96k", "-f", "flv", target));
    return cmd;
  }

  public boolean running() {
    Process p = process;
    return p != null && p.isAlive();
  }

  @Override
  public void close() {
    closed = true;
    supervisor.interrupt();
    Process p = process;
    if (p != null) {
      p.destroy();
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
