package org.ownerless.ingest.rtmp;

import io.netty.handler.codec.DecoderException;

/**
 * The peer broke the handshake or chunk-stream rules (or a configured limit). Once this is thrown
 * the byte stream cannot be re-synchronised, so the handler that throws it also closes the
 * connection; the message names what was wrong so the log line alone explains the disconnect.
 */
public final class RtmpProtocolException extends DecoderException {
  private static final long serialVersionUID = 1L;

  public RtmpProtocolException(String message) {
    super(message);
  }
}
