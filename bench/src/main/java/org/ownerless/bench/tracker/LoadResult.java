package org.ownerless.bench.tracker;

/**
 * Outcome of one run.
 *
 * @param rps          server messages received per second over the steady window (after the ramp)
 * @param rpsSameWork  rps without the replies to answer messages (npm bittorrent-tracker sends none; ours
 *                     does), so both servers are credited for the same work
 * @param p50Ms        median announce→reply latency
 * @param p99Ms        99th percentile announce→reply latency
 * @param errors       failure replies + connect/handshake failures + unexpected closes + bad frames
 * @param peakConnected most WebSockets open at once
 * @param rssBeforeKb  server VmRSS before connecting (-1 unknown)
 * @param rssKb        server VmRSS with all peers connected (max sampled, -1 unknown)
 * @param heapBeforeKb live JVM heap before connecting (-1 unknown/not asked)
 * @param heapKb       live JVM heap with all peers connected (-1 unknown/not asked)
 * @param unconnected  peers whose connection or handshake had neither succeeded nor failed at the end
 *                     (a server slow to accept; not counted as errors)
 * @param serverCores  server CPU time / wall time over the steady window (1.0 = one core busy), -1 unknown
 * @param generatorCores the same for this generator: near 1.0 means it, not the server, may be the limit
 */
public record LoadResult(double rps, double rpsSameWork, double p50Ms, double p99Ms, long errors, long peakConnected,
                         long rssBeforeKb, long rssKb, long heapBeforeKb, long heapKb,
                         long unconnected, double serverCores, double generatorCores) {

  /** Bytes of resident memory per connected peer, or -1. */
  public double rssBytesPerPeer() {
    return rssKb < 0 || rssBeforeKb < 0 || peakConnected == 0 ? -1 : (rssKb - rssBeforeKb) * 1024.0 / peakConnected;
  }

  /** Bytes of live heap per connected peer, or -1. */
  public double heapBytesPerPeer() {
    return heapKb < 0 || heapBeforeKb < 0 || peakConnected == 0 ? -1 : (heapKb - heapBeforeKb) * 1024.0 / peakConnected;
  }

  /**
   * Server CPU time per response in microseconds (-1 unknown): what one response costs the
   * server whoever else was using the machine, so it compares servers even when the generator or
   * a neighbour process, not the server, set the pace.
   */
  public double serverMicrosPerResponse() {
    return serverCores < 0 || rpsSameWork <= 0 ? -1 : serverCores * 1e6 / rpsSameWork;
  }

  /** This generator's CPU time per server message received, in microseconds (-1 unknown). */
  public double generatorMicrosPerMessage() {
    return generatorCores < 0 || rps <= 0 ? -1 : generatorCores * 1e6 / rps;
  }

  String line() {
    return String.format(java.util.Locale.ROOT,
        "RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d rss_kb=%d rss_before_kb=%d connected=%d"
            + " rss_per_peer_b=%.0f heap_kb=%d heap_before_kb=%d heap_per_peer_b=%.0f unconnected=%d"
            + " server_cpu=%.3f gen_cpu=%.3f rps_same_work=%.0f server_us_per_resp=%.2f gen_us_per_msg=%.2f",
        rps, p50Ms, p99Ms, errors, rssKb, rssBeforeKb, peakConnected, rssBytesPerPeer(), heapKb,
        heapBeforeKb, heapBytesPerPeer(), unconnected, serverCores, generatorCores, rpsSameWork,
        serverMicrosPerResponse(), generatorMicrosPerMessage());
  }
}
