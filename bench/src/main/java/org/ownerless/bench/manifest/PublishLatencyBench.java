package org.ownerless.bench.manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.ownerless.ingest.IngestConfig;
import org.ownerless.ingest.IngestServer;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.ingest.transcode.TranscodeConfig;
import org.ownerless.manifest.ManifestConfig;
import org.ownerless.manifest.ManifestService;
import org.ownerless.manifest.PublishWarmup;
import org.ownerless.protocol.crypto.Signer;

/**
 * Issue 4's signing benchmark: a real ffmpeg publishes a 640x360 test stream over RTMP for
 * MINUTES minutes into the real ingest (ladder src + 360p) and manifest service; for every segment
 * we record the time from "segment complete" to "signed manifest and playlist in place" (hash,
 * move, log append + fdatasync, sign, three atomic file writes). Target: p99 ≤ 5 ms.
 * As in a node, the publishing path is warmed up on a throwaway key at start ({@link PublishWarmup});
 * {@code --cold} leaves that out, to compare.
 * Usage: {@code java -cp bench/target/benchmarks.jar org.ownerless.bench.manifest.PublishLatencyBench [MINUTES] [--cold]}
 */
public final class PublishLatencyBench {
  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    boolean warm = !List.of(args).contains("--cold");
    Path data = Files.createTempDirectory("publish-latency-");
    List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
    List<Long> cpu = Collections.synchronizedList(new ArrayList<>());
    // 2 s segments (the publisher's GOP below), as this benchmark has always measured.
    ManifestConfig config = ManifestConfig.defaults(data).withSegmentSeconds(2.0);
    ManifestService manifest = new ManifestService(Signer.generate(), config,
        (s, r, e, n, c) -> {
          nanos.add(n);
          cpu.add(c);
        });
    manifest.open("bench");
    if (warm) {
      // In the background, as the node does it, with the node's bounds.
      Thread warmup = new Thread(() -> {
        Path scratch = data.resolveSibling(data.getFileName() + "-warmup");
        try {
          PublishWarmup.Result r = PublishWarmup.run(config, false, scratch, PublishWarmup.CPU_BUDGET,
              PublishWarmup.MAX_SEGMENTS, PublishWarmup.WALL_LIMIT);
          System.out.printf(Locale.ROOT, "warm-up: %d segments, %.0f ms CPU, %.0f ms%n", r.segments(),
              r.cpuNanos() / 1e6, r.wallNanos() / 1e6);
        } catch (java.io.IOException e) {
          System.out.println("warm-up failed: " + e);
        }
      }, "publish-warmup");
      warmup.setDaemon(true);
      warmup.start();
    }
    TranscodeConfig tc = TranscodeConfig.defaults(data.resolve("work")).withLadder(Ladder.parse("src,360p:360:800"))
        .withSegmentSeconds(2.0);
    try (IngestServer ingest = new IngestServer(IngestConfig.defaults("127.0.0.1", 0, "bench-token-1", tc), manifest)) {
      int port = ingest.start();
      // The publisher stands in for OBS on another machine; niced so its encoder does not compete
      // with the node as it would not in reality.
      Process ffmpeg = new ProcessBuilder("nice", "-n", "19", "ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-re",
          "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
          "-t", String.valueOf(minutes * 60), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "veryfast",
          "-b:v", "1500k", "-g", "60", "-c:a", "aac", "-f", "flv",
          "rtmp://127.0.0.1:" + port + "/live/bench?token=bench-token-1").inheritIO().start();
      ffmpeg.waitFor(minutes + 2L, TimeUnit.MINUTES);
      Thread.sleep(3000);
    } finally {
      manifest.close();
    }
    List<Double> ms = new ArrayList<>();
    synchronized (nanos) {
      nanos.forEach(n -> ms.add(n / 1e6));
    }
    Collections.sort(ms);
    double p50 = ms.get(ms.size() / 2);
    double p99 = ms.get((int) Math.ceil(ms.size() * 0.99) - 1);
    List<Double> cpuMs = new ArrayList<>();
    synchronized (cpu) {
      cpu.forEach(n -> cpuMs.add(n / 1e6));
    }
    Collections.sort(cpuMs);
    System.out.printf(Locale.ROOT, "CPU time of the publishing thread: p50 %.2f ms, p99 %.2f ms%n",
        cpuMs.get(cpuMs.size() / 2), cpuMs.get((int) Math.ceil(cpuMs.size() * 0.99) - 1));
    System.out.printf(Locale.ROOT, "segments published: %d over %d min (2 renditions)%n", ms.size(), minutes);
    System.out.printf(Locale.ROOT, "segment complete -> signed manifest + playlist in place: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        p50, p99, ms.get(ms.size() - 1));
    // Where the outliers fall (the first segments run cold code; later ones compete with ffmpeg).
    List<Long> inOrder;
    synchronized (nanos) {
      inOrder = new ArrayList<>(nanos);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < inOrder.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Long.compare(inOrder.get(b), inOrder.get(a)));
    StringBuilder slowest = new StringBuilder("slowest: ");
    for (int i = 0; i < Math.min(5, order.size()); i++) {
      slowest.append(String.format(Locale.ROOT, "#%d %.1f ms  ", order.get(i) + 1, inOrder.get(order.get(i)) / 1e6));
    }
    System.out.println(slowest.toString().trim());
    System.out.println("publishing path warmed up at start: " + (warm ? "yes" : "no (--cold)"));
    System.out.println("target p99 <= 5 ms: " + (p99 <= 5.0 ? "MET" : "NOT MET"));
  }
}
