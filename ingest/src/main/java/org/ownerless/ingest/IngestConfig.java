package org.ownerless.ingest;

import java.time.Duration;
import org.ownerless.ingest.rtmp.ChunkLimits;
import org.ownerless.ingest.rtmp.PendingBytesBudget;
import org.ownerless.ingest.transcode.TranscodeConfig;

/**
 * Everything the RTMP ingest needs: where to listen, the publish token, the transcoding setup and
 * the limits that keep one misbehaving client from hurting anyone else.
 *
 * @param publishToken the secret in the stream key NAME?token=TOKEN; never logged
 * @param chunkLimits what one connection may make the chunk decoder hold once its publish is accepted
 * @param chunkLimitsBeforePublish the same until then, for anyone who can open a socket
 * @param pendingBytesBudget partially received message bytes of all connections together; the node
 *     has one ingest, so this is the process's
 * @param publishDeadline how long a connection may take to start publishing
 * @param idleTimeout how long a connection may send nothing before it is closed
 * @param maxPendingOutboundBytes replies queued for a client that does not read, before it is dropped
 * @param takeoverAfterSilence how long a stream's publisher must have sent no media before another
 *     publisher (with the token) may take the stream over: a crashed encoder's half-open connection
 *     gives way, a live one is never kicked by whoever else learnt the token
 * @param rtmps the TLS listener, or null for plain RTMP only
 */
public record IngestConfig(
    String host,
    int port,
    String publishToken,
    TranscodeConfig transcode,
    ChunkLimits chunkLimits,
    ChunkLimits chunkLimitsBeforePublish,
    long pendingBytesBudget,
    int maxConnections,
    int maxConnectionsPerIp,
    int maxStreams,
    Duration publishDeadline,
    Duration idleTimeout,
    int maxPendingOutboundBytes,
    Duration takeoverAfterSilence,
    RtmpsEndpoint rtmps) {

  public IngestConfig {
    if (publishToken == null || publishToken.length() < 8) {
      throw new IllegalArgumentException("the publish token must be at least 8 characters");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("RTMP port must be 0..65535");
    }
    if (takeoverAfterSilence.isNegative()) {
      throw new IllegalArgumentException("the takeover silence must not be negative");
    }
  }

  /**
   * Longer than the gaps of a live encoder (a keyframe interval, a brief network stall), shorter than
   * what OBS's automatic reconnect tolerates, so a restarted encoder gets its stream back on a retry.
   */
  public static final Duration DEFAULT_TAKEOVER_AFTER_SILENCE = Duration.ofSeconds(5);

  public static IngestConfig defaults(String host, int port, String publishToken, TranscodeConfig transcode) {
    return new IngestConfig(host, port, publishToken, transcode, ChunkLimits.DEFAULTS, ChunkLimits.BEFORE_PUBLISH,
        PendingBytesBudget.DEFAULT_BYTES, 256, 16, 16,
        Duration.ofSeconds(15), Duration.ofSeconds(30), 1 << 20, DEFAULT_TAKEOVER_AFTER_SILENCE, null);
  }

  public IngestConfig withLimits(int maxConnections, int maxConnectionsPerIp, Duration publishDeadline,
      Duration idleTimeout) {
    return new IngestConfig(host, port, publishToken, transcode, chunkLimits, chunkLimitsBeforePublish,
        pendingBytesBudget, maxConnections, maxConnectionsPerIp, maxStreams, publishDeadline, idleTimeout,
        maxPendingOutboundBytes, takeoverAfterSilence, rtmps);
  }

  public IngestConfig withPendingBytesBudget(long bytes) {
    return new IngestConfig(host, port, publishToken, transcode, chunkLimits, chunkLimitsBeforePublish,
        bytes, maxConnections, maxConnectionsPerIp, maxStreams, publishDeadline, idleTimeout,
        maxPendingOutboundBytes, takeoverAfterSilence, rtmps);
  }

  public IngestConfig withTakeoverAfterSilence(Duration silence) {
    return new IngestConfig(host, port, publishToken, transcode, chunkLimits, chunkLimitsBeforePublish,
        pendingBytesBudget, maxConnections, maxConnectionsPerIp, maxStreams, publishDeadline, idleTimeout,
        maxPendingOutboundBytes, silence, rtmps);
  }

  /** Also listens for RTMPS there; both listeners share the connection limits and the streams. */
  public IngestConfig withRtmps(RtmpsEndpoint endpoint) {
    return new IngestConfig(host, port, publishToken, transcode, chunkLimits, chunkLimitsBeforePublish,
        pendingBytesBudget, maxConnections, maxConnectionsPerIp, maxStreams, publishDeadline, idleTimeout,
        maxPendingOutboundBytes, takeoverAfterSilence, endpoint);
  }

  @Override
  public String toString() {
    return "IngestConfig[" + host + ":" + port + (rtmps != null ? ", rtmps " + rtmps.host() + ":" + rtmps.port() : "")
        + ", token=(hidden), " + transcode.ladder() + "]";
  }
}
