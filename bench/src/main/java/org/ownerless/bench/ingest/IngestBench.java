package org.ownerless.bench.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.ownerless.ingest.IngestConfig;
import org.ownerless.ingest.IngestServer;
import org.ownerless.ingest.testing.HlsPublisher;
import org.ownerless.ingest.transcode.FfmpegArgs;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.ingest.transcode.SegmentFormat;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.ingest.transcode.SourceInfo;
import org.ownerless.ingest.transcode.TranscodeConfig;

/**
 * Issue 3's ingest benchmark, in one run on one machine:
 * <ol>
 *   <li>keyframe-in to segment-listed latency of our ingest (copy rendition) and of nginx-rtmp's HLS,
 *       for the same FLV replayed in real time by the same client;</li>
 *   <li>CPU of the Java RTMP→ffmpeg path per Mbit/s of input (JVM process CPU, ffmpeg's own separate),
 *       next to nginx-rtmp's worker CPU for the same input;</li>
 *   <li>the default ladder's realtime factor on a 720p30 source (ffmpeg alone, as fast as it can).</li>
 * </ol>
 * Usage: {@code java -cp bench/target/benchmarks.jar org.ownerless.bench.ingest.IngestBench WORKDIR [SECONDS] [--ours-only]}
 */
public final class IngestBench {
  private static final String TOKEN = "bench-token-1";

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/ownerless-ingest-bench").toAbsolutePath();
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    Files.createDirectories(work);
    Path source = work.resolve("source-720p30-" + seconds + "s.flv");
    if (!Files.exists(source)) {
      makeSource(source, seconds);
    }
    List<FlvFile.Tag> tags = FlvFile.read(source);
    double mbps = Files.size(source) * 8 / 1e6 / seconds;
    System.out.printf(Locale.ROOT, "source: %s, %d tags, %.2f Mbit/s, keyframe every 2 s%n", source, tags.size(), mbps);

    boolean oursOnly = args.length > 2 && args[2].equals("--ours-only");
    Result ours = runOurs(work, tags);
    if (oursOnly) {
      System.out.println("ownerless ingest (src copy): " + Stats.summary(ours.latenciesMs, "ms"));
      return;
    }
    Result nginx = runNginx(work, tags);
    double ladderSpeed = ladderRealtimeFactor(work, source, seconds);

    System.out.println();
    System.out.println("keyframe sent -> segment listed in playlist (segment closed by that keyframe):");
    System.out.println("  ownerless ingest (src copy): " + Stats.summary(ours.latenciesMs, "ms"));
    System.out.println("  nginx-rtmp hls             : " + Stats.summary(nginx.latenciesMs, "ms"));
    System.out.printf(Locale.ROOT, "  ratio of medians (ours / nginx): %.2f%n",
        Stats.percentile(ours.latenciesMs, 50) / Stats.percentile(nginx.latenciesMs, 50));
    System.out.println("CPU while ingesting in real time (% of one core):");
    System.out.printf(Locale.ROOT, "  ownerless JVM minus the benchmark's client threads (RTMP, FLV remux, ffmpeg feed, HLS files): %.2f%% = %.3f%% per Mbit/s%n",
        ours.cpuPercent, ours.cpuPercent / mbps);
    System.out.printf(Locale.ROOT, "  its ffmpeg child (copy segmenter): %.2f%%%n", ours.childCpuPercent);
    System.out.printf(Locale.ROOT, "  nginx-rtmp worker (RTMP + HLS): %.2f%% = %.3f%% per Mbit/s%n",
        nginx.cpuPercent, nginx.cpuPercent / mbps);
    System.out.printf(Locale.ROOT, "default ladder (src copy + 720p/480p/360p x264 veryfast) on 720p30: %.2fx realtime%n",
        ladderSpeed);
  }

  record Result(List<Double> latenciesMs, double cpuPercent, double childCpuPercent) {}

  private static Result runOurs(Path work, List<FlvFile.Tag> tags) throws Exception {
    Path out = work.resolve("ours");
    deleteTree(out);
    TranscodeConfig transcode = TranscodeConfig.defaults(out.resolve("work")).withLadder(Ladder.parse("src"))
        .withSegmentSeconds(2.0);
    HlsPublisher hls = new HlsPublisher(name -> out.resolve("hls").resolve(name), 10, 2.0);
    try (IngestServer server = new IngestServer(IngestConfig.defaults("127.0.0.1", 0, TOKEN, transcode), hls)) {
      int port = server.start();
      Thread.sleep(2000); // let the JVM settle before measuring its CPU
      long cpu0 = processCpuNanos();
      long wall0 = System.nanoTime();
      try (PlaylistWatcher watcher = new PlaylistWatcher(out.resolve("hls/bench/src/index.m3u8"));
          RtmpReplayPublisher pub = new RtmpReplayPublisher("127.0.0.1", port)) {
        // The client and the watcher live in this JVM too; their CPU is not the server's.
        long clientCpu0 = threadCpuNanos(Thread.currentThread(), watcher.thread, pub.drainThread);
        pub.publish("live", "bench?token=" + TOKEN);
        pub.replay(tags, true);
        long cpu1 = processCpuNanos();
        long wall1 = System.nanoTime();
        long clientCpu = threadCpuNanos(Thread.currentThread(), watcher.thread, pub.drainThread) - clientCpu0;
        double child = childCpuNanos() * 100.0 / (wall1 - wall0);
        Thread.sleep(500);
        return new Result(latencies(pub.keyframeSentNanos, watcher.times()),
            (cpu1 - cpu0 - clientCpu) * 100.0 / (wall1 - wall0), child);
      }
    }
  }

  private static Result runNginx(Path work, List<FlvFile.Tag> tags) throws Exception {
    Path dir = work.resolve("nginx");
    deleteTree(dir);
    Files.createDirectories(dir.resolve("hls"));
    Files.createDirectories(dir.resolve("logs"));
    int port = 19350 + (int) (ProcessHandle.current().pid() % 500);
    String conf = "load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;\n"
        + "worker_processes 1;\nerror_log " + dir.resolve("logs/error.log") + ";\npid " + dir.resolve("nginx.pid") + ";\n"
        + "events { worker_connections 64; }\n"
        + "rtmp { server { listen 127.0.0.1:" + port + "; chunk_size 4096;\n"
        + "  application live { live on; hls on; hls_path " + dir.resolve("hls") + "; hls_fragment 2s; "
        + "hls_playlist_length 20s; } } }\n";
    Files.writeString(dir.resolve("nginx.conf"), conf);
    Process nginx = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
        "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
    try {
      Thread.sleep(1500);
      if (!nginx.isAlive()) {
        throw new IOException("nginx failed to start: " + Files.readString(dir.resolve("logs/stdout.log")));
      }
      ProcessHandle worker = nginx.toHandle().children().findFirst().orElseThrow();
      long cpu0 = procCpuNanos(worker.pid());
      long wall0 = System.nanoTime();
      try (PlaylistWatcher watcher = new PlaylistWatcher(dir.resolve("hls/bench.m3u8"));
          RtmpReplayPublisher pub = new RtmpReplayPublisher("127.0.0.1", port)) {
        pub.publish("live", "bench");
        pub.replay(tags, true);
        long cpu1 = procCpuNanos(worker.pid());
        long wall1 = System.nanoTime();
        Thread.sleep(500);
        return new Result(latencies(pub.keyframeSentNanos, watcher.times()), (cpu1 - cpu0) * 100.0 / (wall1 - wall0), 0);
      }
    } finally {
      nginx.destroy();
      nginx.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Segment k (0-based) is closed by keyframe k+1 (one keyframe per 2 s segment). Skips the first
   * two segments, whose timing includes start-up.
   */
  static List<Double> latencies(List<Long> keyframes, List<Long> appeared) {
    List<Double> out = new ArrayList<>();
    for (int k = 2; k < appeared.size() && k + 1 < keyframes.size(); k++) {
      out.add((appeared.get(k) - keyframes.get(k + 1)) / 1e6);
    }
    return out;
  }

  private static double ladderRealtimeFactor(Path work, Path source, int seconds) throws Exception {
    Path dir = work.resolve("ladder");
    deleteTree(dir);
    List<SelectedRendition> renditions = Ladder.DEFAULT.select(new SourceInfo(1280, 720, "avc1.64001f", "mp4a.40.2", 0));
    List<Path> dirs = new ArrayList<>();
    List<Path> lists = new ArrayList<>();
    for (SelectedRendition r : renditions) {
      dirs.add(Files.createDirectories(dir.resolve(r.name())));
      lists.add(dir.resolve(r.name() + ".csv"));
    }
    List<String> cmd = new ArrayList<>(FfmpegArgs.build("ffmpeg", renditions, true, 2.0, SegmentFormat.TS, dirs, lists));
    cmd.set(cmd.indexOf("pipe:0"), source.toString());
    cmd.set(cmd.indexOf("pipe:1"), dir.resolve("progress.txt").toString());
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
    if (p.waitFor() != 0) {
      throw new IOException("ladder ffmpeg failed: " + Files.readString(dir.resolve("ffmpeg.log")));
    }
    return seconds / ((System.nanoTime() - t0) / 1e9);
  }

  private static void makeSource(Path file, int seconds) throws Exception {
    System.out.println("encoding the " + seconds + " s 720p30 test source once...");
    Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
        "-t", String.valueOf(seconds), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "veryfast",
        "-b:v", "6M", "-maxrate", "6M", "-bufsize", "6M", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0",
        "-c:a", "aac", "-b:a", "128k", "-f", "flv", file.toString()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("could not encode the test source");
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long threadCpuNanos(Thread... threads) {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread t : threads) {
      sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
    }
    return sum;
  }

  private static long childCpuNanos() {
    return ProcessHandle.current().descendants().mapToLong(h -> h.info().totalCpuDuration().map(Duration::toNanos)
        .orElse(0L)).sum();
  }

  /** utime + stime of a process from /proc, in nanoseconds (USER_HZ = 100 on Linux). */
  private static long procCpuNanos(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
