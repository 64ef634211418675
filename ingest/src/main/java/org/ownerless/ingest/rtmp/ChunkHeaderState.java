package org.ownerless.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * What the decoder remembers about one incoming chunk stream: the fields that Type 1, 2 and 3
 * headers leave out (§5.3.1.2), and the message being reassembled on it.
 */
final class ChunkHeaderState {
  final int chunkStreamId;

  int typeId;
  int messageLength;
  int messageStreamId;
  /** Absolute timestamp of the current (or last) message on this chunk stream. */
  long timestamp;
  /**
   * What a Type 3 header that starts a new message adds to {@link #timestamp}. After a Type 0
   * header this is that header's absolute timestamp, as §5.3.1.2.4 specifies.
   */
  long timestampDelta;
  /**
   * The last Type 0, 1 or 2 header used the extended timestamp field, so every Type 3 chunk on
   * this stream carries the 4 extended bytes too (§5.3.1.3; FFmpeg and librtmp send and expect
   * them on continuation chunks as well).
   */
  boolean extendedTimestamp;

  private boolean assembling;
  private ByteBuf payload;
  private int received;

  ChunkHeaderState(int chunkStreamId) {
    this.chunkStreamId = chunkStreamId;
  }

  boolean assembling() {
    return assembling;
  }

  int received() {
    return received;
  }

  int remaining() {
    return messageLength - received;
  }

  /** Buffer memory held for the partial message; 0 when nothing has arrived yet. */
  int capacity() {
    return payload == null ? 0 : payload.capacity();
  }

  void beginMessage() {
    assembling = true;
    received = 0;
  }

  /**
   * Copies {@code length} bytes of chunk payload. The buffer starts at what arrived and grows by
   * doubling up to the declared length, so memory follows the bytes the peer actually sent rather
   * than the length it claimed.
   */
  void append(ByteBufAllocator alloc, ByteBuf in, int length) {
    if (payload == null) {
      payload = alloc.buffer(length, messageLength);
    }
    payload.writeBytes(in, length);
    received += length;
  }

  boolean complete() {
    return assembling && received == messageLength;
  }

  RtmpMessage takeMessage() {
    ByteBuf body = payload == null ? Unpooled.EMPTY_BUFFER : payload;
    payload = null;
    assembling = false;
    received = 0;
    return new RtmpMessage(chunkStreamId, typeId, timestamp, messageStreamId, body);
  }

  /** Drops the partial message (Abort Message, or connection teardown). */
  void discardMessage() {
    if (payload != null) {
      payload.release();
      payload = null;
    }
    assembling = false;
    received = 0;
  }
}
