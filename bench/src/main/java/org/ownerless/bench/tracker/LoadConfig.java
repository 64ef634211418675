package org.ownerless.bench.tracker;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What one load run does. Targets are restricted to loopback: this tool opens thousands of
 * connections and floods them, which must never be pointed at someone else's tracker.
 *
 * @param url         ws:// URL of the tracker (path normally /announce)
 * @param connections simulated peers, one WebSocket each
 * @param swarms      distinct info_hashes, chosen with a skewed distribution (a few busy swarms)
 * @param duration    total run time including the ramp
 * @param offers      offers (fake SDP) carried by every announce; also the numwant sent
 * @param serverPid   process whose VmRSS is sampled before and during the run, or -1
 * @param ramp        connections opened per second (0 = all at once)
 * @param idle        announce once, then only answer offers (memory-per-peer measurement)
 * @param jvmHeap     also sample the server's live JVM heap with jcmd (GC.run + GC.heap_info)
 * @param threads     client event-loop threads
 * @param startFile   null, or a file whose appearance opens the measured window: the generator
 *                    prints {@code READY} once its peers are connected and waits for it, so several
 *                    generator processes (each a share of the peers) measure the same window; the
 *                    window then lasts {@code duration}, the ramp and warm-up not included
 * @param warmup      load run after the first announces and before the measured window, so the
 *                    window sees warmed-up JITs (ours and node's alike), not their compilation
 */
public record LoadConfig(URI url, int connections, int swarms, Duration duration, int offers,
                         long serverPid, int ramp, boolean idle, boolean jvmHeap, int threads, Path startFile,
                         Duration warmup) {

  static final String USAGE = """
      usage: LoadGenerator --url ws://127.0.0.1:PORT/announce [--connections 1000] [--swarms 100]
                           [--duration 30] [--offers 10] [--server-pid PID] [--ramp 5000]
                           [--idle] [--jvm-heap] [--threads 1] [--start-file PATH] [--warmup 0]
        --duration seconds; --ramp connections per second (0 = all at once);
        --start-file: print READY when connected, start the window when PATH exists;
        --warmup seconds of load before the measured window;
        --idle announce once then hold (answers offers only); --jvm-heap sample jcmd GC.heap_info""";

  public LoadConfig {
    if (!"ws".equals(url.getScheme())) throw new IllegalArgumentException("only ws:// URLs: " + url);
    if (!isLoopback(url.getHost()))
      throw new IllegalArgumentException("refusing non-loopback target " + url.getHost());
    if (connections < 1 || swarms < 1 || offers < 0 || offers > 100 || threads < 1 || ramp < 0)
      throw new IllegalArgumentException("bad numbers: " + USAGE);
    if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration must be > 0");
    if (warmup.isNegative()) throw new IllegalArgumentException("warmup must be >= 0");
  }

  static LoadConfig defaults(URI url) {
    return new LoadConfig(url, 1000, 100, Duration.ofSeconds(30), 10, -1, 5000, false, false, 1, null, Duration.ZERO);
  }

  static LoadConfig parse(String[] args) {
    URI url = null;
    int connections = 1000, swarms = 100, offers = 10, ramp = 5000, threads = 1;
    double seconds = 30, warmupSeconds = 0;
    long pid = -1;
    boolean idle = false, jvmHeap = false;
    Path startFile = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--idle" -> idle = true;
        case "--jvm-heap" -> jvmHeap = true;
        case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
        default -> {
          if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + a + "\n" + USAGE);
          String v = args[++i];
          switch (a) {
            case "--url" -> url = URI.create(v);
            case "--connections" -> connections = Integer.parseInt(v);
            case "--swarms" -> swarms = Integer.parseInt(v);
            case "--duration" -> seconds = Double.parseDouble(v);
            case "--offers" -> offers = Integer.parseInt(v);
            case "--server-pid" -> pid = Long.parseLong(v);
            case "--ramp" -> ramp = Integer.parseInt(v);
            case "--threads" -> threads = Integer.parseInt(v);
            case "--start-file" -> startFile = Path.of(v);
            case "--warmup" -> warmupSeconds = Double.parseDouble(v);
            default -> throw new IllegalArgumentException("unknown flag " + a + "\n" + USAGE);
          }
        }
      }
    }
    if (url == null) throw new IllegalArgumentException("--url is required\n" + USAGE);
    return new LoadConfig(url, connections, swarms, Duration.ofMillis((long) (seconds * 1000)), offers,
        pid, ramp, idle, jvmHeap, threads, startFile, Duration.ofMillis((long) (warmupSeconds * 1000)));
  }

  int port() {
    return url.getPort() > 0 ? url.getPort() : 80;
  }

  private static boolean isLoopback(String host) {
    if (host == null) return false;
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) if (!a.isLoopbackAddress()) return false;
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
