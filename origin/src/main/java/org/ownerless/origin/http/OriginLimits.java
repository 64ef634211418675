package org.ownerless.origin.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource bounds of the origin server; every client is untrusted, so each resource a client can make
 * the server hold (sockets, buffers, timers) has a bound here.
 *
 * @param maxInitialLineLength longest request line accepted; longer is answered 414
 * @param maxHeaderSize total request header bytes accepted; more is answered 431
 * @param maxRequestBody largest request body aggregated (GET/HEAD/OPTIONS may carry none: 413)
 * @param maxConnections open connections in total; more are closed at once
 * @param maxConnectionsPerIp open connections from one remote address; more are closed at once
 * @param headerTimeout time a client has to finish sending request headers (against slowloris)
 * @param idleTimeout a keep-alive connection with no traffic for this long is closed
 * @param writeStallTimeout a connection whose pending output makes no progress this long is closed
 * @param writeBufferLowWaterMark channel becomes writable again below this many queued bytes
 * @param writeBufferHighWaterMark channel becomes unwritable above this many queued bytes
 * @param maxHeldReloads manifest requests held at once waiting for the next segment (blocking reload);
 *     more are answered at once
 */
public record OriginLimits(
    int maxInitialLineLength,
    int maxHeaderSize,
    int maxRequestBody,
    int maxConnections,
    int maxConnectionsPerIp,
    Duration headerTimeout,
    Duration idleTimeout,
    Duration writeStallTimeout,
    int writeBufferLowWaterMark,
    int writeBufferHighWaterMark,
    int maxHeldReloads) {

  public OriginLimits {
    positive(maxInitialLineLength, "maxInitialLineLength");
    positive(maxHeaderSize, "maxHeaderSize");
    positive(maxRequestBody, "maxRequestBody");
    positive(maxConnections, "maxConnections");
    positive(maxConnectionsPerIp, "maxConnectionsPerIp");
    positive(headerTimeout, "headerTimeout");
    positive(idleTimeout, "idleTimeout");
    positive(writeStallTimeout, "writeStallTimeout");
    positive(writeBufferLowWaterMark, "writeBufferLowWaterMark");
    positive(maxHeldReloads, "maxHeldReloads");
    if (writeBufferHighWaterMark < writeBufferLowWaterMark) {
      throw new IllegalArgumentException("writeBufferHighWaterMark must be >= writeBufferLowWaterMark");
    }
  }

  /** Defaults sized for a public origin: small requests, many viewers, hostile clients. */
  public static OriginLimits defaults() {
    return new OriginLimits(4096, 8192, 8192, 10_000, 256,
        Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30), 32 * 1024, 64 * 1024, 4096);
  }

  public OriginLimits withMaxConnections(int n) {
    return new OriginLimits(maxInitialLineLength, maxHeaderSize, maxRequestBody, n, maxConnectionsPerIp,
        headerTimeout, idleTimeout, writeStallTimeout, writeBufferLowWaterMark, writeBufferHighWaterMark,
        maxHeldReloads);
  }

  public OriginLimits withMaxConnectionsPerIp(int n) {
    return new OriginLimits(maxInitialLineLength, maxHeaderSize, maxRequestBody, maxConnections, n,
        headerTimeout, idleTimeout, writeStallTimeout, writeBufferLowWaterMark, writeBufferHighWaterMark,
        maxHeldReloads);
  }

  public OriginLimits withHeaderTimeout(Duration d) {
    return new OriginLimits(maxInitialLineLength, maxHeaderSize, maxRequestBody, maxConnections,
        maxConnectionsPerIp, d, idleTimeout, writeStallTimeout, writeBufferLowWaterMark, writeBufferHighWaterMark,
        maxHeldReloads);
  }

  public OriginLimits withIdleTimeout(Duration d) {
    return new OriginLimits(maxInitialLineLength, maxHeaderSize, maxRequestBody, maxConnections,
        maxConnectionsPerIp, headerTimeout, d, writeStallTimeout, writeBufferLowWaterMark, writeBufferHighWaterMark,
        maxHeldReloads);
  }

  public OriginLimits withWriteStallTimeout(Duration d) {
    return new OriginLimits(maxInitialLineLength, maxHeaderSize, maxRequestBody, maxConnections,
        maxConnectionsPerIp, headerTimeout, idleTimeout, d, writeBufferLowWaterMark, writeBufferHighWaterMark,
        maxHeldReloads);
  }

  public OriginLimits withMaxHeldReloads(int n) {
    return new OriginLimits(maxInitialLineLength, maxHeaderSize, maxRequestBody, maxConnections,
        maxConnectionsPerIp, headerTimeout, idleTimeout, writeStallTimeout, writeBufferLowWaterMark,
        writeBufferHighWaterMark, n);
  }

  private static void positive(int v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + v);
    }
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
