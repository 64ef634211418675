package org.ownerless.tracker;

import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Limits and timings of the tracker; every one bounds what a client can make the server hold.
 * Start from {@link #defaults()} or {@link #builder()}; docs/tracker.md lists the defaults.
 *
 * @param announceInterval seconds clients are told to wait between announces
 * @param peerTtl a peer that has not announced for this long is dropped
 * @param offerTtl an offer can be answered for this long
 * @param maxOutboundBytes bytes queued for one connection before it is dropped as a slow reader
 * @param allowedOrigins Origin header values accepted on the WebSocket upgrade; empty = any
 * @param infoHashAllowed which swarms may exist (a node restricts its tracker to its own streams)
 * @param offersPerSecond offers one connection may have relayed per second, on average
 * @param offerBurst offers one connection may have relayed at once (a full bucket)
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
    Predicate<String> infoHashAllowed,
    int offersPerSecond,
    int offerBurst) {

  public TrackerConfig {
    positive("maxMessageBytes", maxMessageBytes);
    positive("maxOffers", maxOffers);
    positive("maxSwarmsPerConnection", maxSwarmsPerConnection);
    positive("maxConnections", maxConnections);
    positive("maxConnectionsPerIp", maxConnectionsPerIp);
    positive("announceInterval", announceInterval);
    positive("maxOutboundBytes", maxOutboundBytes);
    positive("offersPerSecond", offersPerSecond);
    positive("offerBurst", offerBurst);
    if (offersPerSecond > 1_000_000_000) {
      throw new IllegalArgumentException("offersPerSecond must be at most 1000000000, not " + offersPerSecond);
    }
    positive("idleTimeout", idleTimeout);
    positive("peerTtl", peerTtl);
    positive("offerTtl", offerTtl);
    allowedOrigins = Set.copyOf(allowedOrigins);
  }

  public static TrackerConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxMessageBytes = maxMessageBytes;
    b.maxOffers = maxOffers;
    b.maxSwarmsPerConnection = maxSwarmsPerConnection;
    b.maxConnections = maxConnections;
    b.maxConnectionsPerIp = maxConnectionsPerIp;
    b.idleTimeout = idleTimeout;
    b.announceInterval = announceInterval;
    b.peerTtl = peerTtl;
    b.offerTtl = offerTtl;
    b.maxOutboundBytes = maxOutboundBytes;
    b.allowedOrigins = allowedOrigins;
    b.infoHashAllowed = infoHashAllowed;
    b.offersPerSecond = offersPerSecond;
    b.offerBurst = offerBurst;
    return b;
  }

  public TrackerConfig withConnectionsPerIp(int n) {
    return toBuilder().maxConnectionsPerIp(n).build();
  }

  public TrackerConfig withInfoHashes(Predicate<String> allowed) {
    return toBuilder().infoHashAllowed(allowed).build();
  }

  public TrackerConfig withOutboundBytes(int n) {
    return toBuilder().maxOutboundBytes(n).build();
  }

  private static void positive(String name, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + v);
    }
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, not " + d);
    }
  }

  /** Mutable defaults, changed field by field; {@link #build()} checks them. */
  public static final class Builder {
    private int maxMessageBytes = 64 * 1024;
    private int maxOffers = 10;
    private int maxSwarmsPerConnection = 32;
    private int maxConnections = 100_000;
    private int maxConnectionsPerIp = 1_000;
    private Duration idleTimeout = Duration.ofSeconds(120);
    private int announceInterval = 120;
    private Duration peerTtl = Duration.ofSeconds(240);
    private Duration offerTtl = Duration.ofSeconds(20);
    private int maxOutboundBytes = 256 * 1024;
    private Set<String> allowedOrigins = Set.of();
    private Predicate<String> infoHashAllowed = h -> true;
    // A WebTorrent client sends up to 10 offers per announce, one announce per swarm per interval
    // (120 s) plus one per swarm it joins: 1/s sustained and four full announces at once leave it room.
    private int offersPerSecond = 1;
    private int offerBurst = 40;

    private Builder() {}

    public Builder maxMessageBytes(int v) { maxMessageBytes = v; return this; }
    public Builder maxOffers(int v) { maxOffers = v; return this; }
    public Builder maxSwarmsPerConnection(int v) { maxSwarmsPerConnection = v; return this; }
    public Builder maxConnections(int v) { maxConnections = v; return this; }
    public Builder maxConnectionsPerIp(int v) { maxConnectionsPerIp = v; return this; }
    public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
    public Builder announceInterval(int seconds) { announceInterval = seconds; return this; }
    public Builder peerTtl(Duration v) { peerTtl = v; return this; }
    public Builder offerTtl(Duration v) { offerTtl = v; return this; }
    public Builder maxOutboundBytes(int v) { maxOutboundBytes = v; return this; }
    public Builder allowedOrigins(Set<String> v) { allowedOrigins = v; return this; }
    public Builder infoHashAllowed(Predicate<String> v) { infoHashAllowed = v; return this; }
    public Builder offersPerSecond(int v) { offersPerSecond = v; return this; }
    public Builder offerBurst(int v) { offerBurst = v; return this; }

    public TrackerConfig build() {
      return new TrackerConfig(maxMessageBytes, maxOffers, maxSwarmsPerConnection, maxConnections,
          maxConnectionsPerIp, idleTimeout, announceInterval, peerTtl, offerTtl, maxOutboundBytes, allowedOrigins,
          infoHashAllowed, offersPerSecond, offerBurst);
    }
  }
}
