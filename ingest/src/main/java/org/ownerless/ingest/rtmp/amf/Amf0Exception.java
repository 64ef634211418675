package org.ownerless.ingest.rtmp.amf;

import io.netty.handler.codec.DecoderException;

/**
 * Malformed, unsupported or over-limit AMF0 input. A {@link DecoderException} so that a Netty
 * pipeline treats it like any other undecodable message and closes the connection.
 */
public final class Amf0Exception extends DecoderException {
  private final int offset;

  public Amf0Exception(String reason, int offset) {
    super(reason + " at byte offset " + offset);
    this.offset = offset;
  }

  /** Reader index of the buffer where the offending marker, length or value starts. */
  public int offset() {
    return offset;
  }
}
