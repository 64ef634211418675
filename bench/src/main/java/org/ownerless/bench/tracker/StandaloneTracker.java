package org.ownerless.bench.tracker;

import java.net.InetSocketAddress;
import org.ownerless.tracker.TrackerConfig;
import org.ownerless.tracker.TrackerServer;

/**
 * The tracker alone on 127.0.0.1:PORT with default limits (per-IP cap lifted: every simulated peer
 * comes from loopback): the same {@link TrackerServer} that {@code ./ownerless tracker} runs. The
 * benchmark script uses it only when the launcher's jar cannot be built (the jar bundles every
 * module, so a broken build elsewhere in the tree would otherwise stop the tracker benchmark).
 * Usage: {@code java -cp ... org.ownerless.bench.tracker.StandaloneTracker PORT}
 */
public final class StandaloneTracker {
  private StandaloneTracker() {}

  public static void main(String[] args) throws Exception {
    // The load re-announces with offers after every reply: far over a viewer's offer rate, and the
    // comparison is about throughput (bittorrent-tracker has no such limit), so the limit is lifted.
    TrackerConfig config = TrackerConfig.builder().maxConnectionsPerIp(100_000).offersPerSecond(1_000_000)
        .offerBurst(1_000_000).build();
    TrackerServer server = new TrackerServer(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), config);
    int port = server.start();
    System.out.println("listening " + port);
    Thread.currentThread().join();
  }
}
