package org.ownerless.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import java.util.Objects;

/**
 * One complete RTMP message, as reassembled from chunks or as handed to the chunk encoder.
 *
 * <p>The message owns its payload: reference counting is the payload's, so whoever consumes a
 * message releases it exactly once, as with any Netty message.
 */
public final class RtmpMessage implements ReferenceCounted {
  private final int chunkStreamId;
  private final int typeId;
  private final long timestamp;
  private final int messageStreamId;
  private final ByteBuf payload;

  /**
   * @param timestamp absolute, unsigned 32-bit milliseconds (0..0xFFFFFFFF)
   * @param messageStreamId the 32-bit stream id; negative values stand for ids above 2^31 - 1
   */
  public RtmpMessage(int chunkStreamId, int typeId, long timestamp, int messageStreamId, ByteBuf payload) {
    if (timestamp < 0 || timestamp > ChunkFormat.TIMESTAMP_MASK) {
      throw new IllegalArgumentException("timestamp " + timestamp + " is not an unsigned 32-bit value");
    }
    this.chunkStreamId = chunkStreamId;
    this.typeId = typeId;
    this.timestamp = timestamp;
    this.messageStreamId = messageStreamId;
    this.payload = Objects.requireNonNull(payload, "payload");
  }

  public int chunkStreamId() {
    return chunkStreamId;
  }

  public int typeId() {
    return typeId;
  }

  public long timestamp() {
    return timestamp;
  }

  public int messageStreamId() {
    return messageStreamId;
  }

  public ByteBuf payload() {
    return payload;
  }

  @Override
  public int refCnt() {
    return payload.refCnt();
  }

  @Override
  public RtmpMessage retain() {
    payload.retain();
    return this;
  }

  @Override
  public RtmpMessage retain(int increment) {
    payload.retain(increment);
    return this;
  }

  @Override
  public RtmpMessage touch() {
    payload.touch();
    return this;
  }

  @Override
  public RtmpMessage touch(Object hint) {
    payload.touch(hint);
    return this;
  }

  @Override
  public boolean release() {
    return payload.release();
  }

  @Override
  public boolean release(int decrement) {
    return payload.release(decrement);
  }

  @Override
  public String toString() {
    return "RtmpMessage(csid=" + chunkStreamId + ", type=" + typeId + ", timestamp=" + timestamp
        + ", stream=" + Integer.toUnsignedString(messageStreamId) + ", " + payload.readableBytes() + " bytes)";
  }
}
