package org.ownerless.ingest;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;

/**
 * A second RTMP listener that speaks TLS first (rtmps://), for publishers reaching the node over the
 * internet: the stream key carries the publish token, which plain RTMP would show to anyone on the path.
 *
 * @param sslContext a server context (certificate chain and key)
 * @param handshakeTimeout how long a client may take to complete the TLS handshake; a client that
 *     stalls in it holds a connection slot, and the RTMP-level deadlines only start counting after it
 */
public record RtmpsEndpoint(String host, int port, SslContext sslContext, Duration handshakeTimeout) {
  /** Generous for a real encoder on a slow link, short enough that stalled clients cannot pile up. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  public RtmpsEndpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(sslContext, "sslContext");
    if (!sslContext.isServer()) {
      throw new IllegalArgumentException("RTMPS needs a server TLS context");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("RTMPS port must be 0..65535");
    }
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("the TLS handshake timeout must be positive");
    }
  }

  public RtmpsEndpoint(String host, int port, SslContext sslContext) {
    this(host, port, sslContext, DEFAULT_HANDSHAKE_TIMEOUT);
  }

  public RtmpsEndpoint withHandshakeTimeout(Duration timeout) {
    return new RtmpsEndpoint(host, port, sslContext, timeout);
  }
}
