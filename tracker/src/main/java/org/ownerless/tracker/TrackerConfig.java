package org.ownerless.tracker;

import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Limits and timings of the tracker; every one bounds what a client can make the server hold.
 *
 * @param announceInterval seconds clients are told to wait between announces
 * @param peerTtl a peer that has not announced for this long is dropped
 * @param offerTtl an offer can be answered for this long
 * @param maxOutboundBytes bytes queued for one connection before it is dropped as a slow reader
 * @param allowedOrigins Origin header values accepted on the WebSocket upgrade; empty = any
 * @param infoHashAllowed which swarms may exist (a node restricts its tracker to its own streams)
 */
public record TrackerConfig(
    int maxMessageBytes,
    int maxOffers,
    int maxSwarmsPerConnection,
    int maxConnections,
    int maxConnectionsPerIp,
    Duration idleTimeout,
    int announceInterval,
    Duration peerTtl,
    Duration offerTtl,
    int maxOutboundBytes,
    Set<String> allowedOrigins,
    Predicate<String> infoHashAllowed) {

  public TrackerConfig {
    allowedOrigins = Set.copyOf(allowedOrigins);
  }

  public static TrackerConfig defaults() {
    return new TrackerConfig(64 * 1024, 10, 32, 100_000, 1_000, Duration.ofSeconds(120), 120,
        Duration.ofSeconds(240), Duration.ofSeconds(20), 256 * 1024, Set.of(), h -> true);
  }

  public TrackerConfig withConnectionsPerIp(int n) {
    return new TrackerConfig(maxMessageBytes, maxOffers, maxSwarmsPerConnection, maxConnections, n, idleTimeout,
        announceInterval, peerTtl, offerTtl, maxOutboundBytes, allowedOrigins, infoHashAllowed);
  }

  public TrackerConfig withInfoHashes(Predicate<String> allowed) {
    return new TrackerConfig(maxMessageBytes, maxOffers, maxSwarmsPerConnection, maxConnections, maxConnectionsPerIp,
        idleTimeout, announceInterval, peerTtl, offerTtl, maxOutboundBytes, allowedOrigins, allowed);
  }

  public TrackerConfig withOutboundBytes(int n) {
    return new TrackerConfig(maxMessageBytes, maxOffers, maxSwarmsPerConnection, maxConnections, maxConnectionsPerIp,
        idleTimeout, announceInterval, peerTtl, offerTtl, n, allowedOrigins, infoHashAllowed);
  }
}
