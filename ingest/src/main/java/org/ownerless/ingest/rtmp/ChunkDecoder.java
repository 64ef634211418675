package org.ownerless.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.List;

/**
 * Reassembles RTMP messages from the chunk stream (RTMP 1.0 §5.3) that follows the handshake.
 *
 * <p>Set Chunk Size and Abort Message change how later chunks are read, so they are consumed
 * here; every other message, protocol control messages included, is emitted as an
 * {@link RtmpMessage} for {@link ProtocolControlHandler} and the session behind it.
 *
 * <p>Everything the peer declares is distrusted: header bytes stay in Netty's cumulation until a
 * whole header has arrived (at most 18 bytes), payload bytes are copied into the message as they
 * arrive, and {@link ChunkLimits} bounds message length, chunk size, chunk stream count and the
 * total of partial messages. Any violation throws {@link RtmpProtocolException} and closes the
 * connection, because a chunk stream cannot be re-synchronised after a framing error.
 *
 * <p>Until the session accepts a publish ({@link RtmpSession.PublishAccepted}) the peer is a
 * stranger and gets the small before-publish limits; only then do the large ones a keyframe needs
 * apply. Payload bytes are also reserved in the process-wide {@link PendingBytesBudget} before they
 * are copied; a connection whose reservation does not fit is closed, its refusal logged once per
 * burst by the budget.
 */
public final class ChunkDecoder extends ByteToMessageDecoder {
  private final ChunkLimits afterPublish;
  private final PendingBytesBudget budget;
  private final IntObjectMap<ChunkHeaderState> chunkStreams = new IntObjectHashMap<>();
  /** The before-publish limits until the session accepts a publish, then {@link #afterPublish}. */
  private ChunkLimits limits;
  private boolean publishing;
  private int chunkSize = ChunkFormat.DEFAULT_CHUNK_SIZE;
  /** The chunk stream whose chunk payload is being read; null between chunks. */
  private ChunkHeaderState inChunk;
  private int chunkBytesLeft;
  private long pendingBytes;
  private long bytesReceived;
  private boolean failed;

  /**
   * @param beforePublish the limits until a publish is accepted
   * @param afterPublish the limits from then on
   * @param budget shared by all connections of the process
   */
  public ChunkDecoder(ChunkLimits beforePublish, ChunkLimits afterPublish, PendingBytesBudget budget) {
    this.limits = beforePublish;
    this.afterPublish = afterPublish;
    this.budget = budget;
  }

  /** The same limits whether publishing or not, and memory shared with no one: for tests and tools. */
  public ChunkDecoder(ChunkLimits limits) {
    this(limits, limits, PendingBytesBudget.unlimited());
  }

  public ChunkDecoder() {
    this(ChunkLimits.DEFAULTS);
  }

  /**
   * Bytes that reached this decoder so far, counted on arrival, so {@link ProtocolControlHandler}
   * can send an Acknowledgement each time another Window Acknowledgement Size worth has come in.
   * Handshake bytes are not included. Read it on the channel's event loop.
   */
  public long bytesReceived() {
    return bytesReceived;
  }

  /** The peer's current chunk size. */
  int chunkSize() {
    return chunkSize;
  }

  /** Payload bytes of partially received messages, the quantity {@code maxPendingBytes} caps. */
  long pendingBytes() {
    return pendingBytes;
  }

  /** Buffer memory held for partially received messages. */
  long pendingCapacity() {
    long total = 0;
    for (ChunkHeaderState stream : chunkStreams.values()) {
      total += stream.capacity();
    }
    return total;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof ByteBuf bytes) {
      bytesReceived += bytes.readableBytes();
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == RtmpSession.PublishAccepted.INSTANCE) {
      limits = afterPublish;
      publishing = true;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      // At most one message per call: ByteToMessageDecoder passes it on before calling again, so
      // what the session makes of it (a publish accepted) already applies to the bytes behind it.
      int messagesBefore = out.size();
      boolean progress = true;
      while (progress && out.size() == messagesBefore) {
        progress = inChunk == null ? readChunkHeader(in, out) : readChunkPayload(ctx, in, out);
      }
    } catch (RtmpProtocolException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      discardPartialMessages();
      ctx.close();
      throw e;
    }
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    discardPartialMessages();
  }

  /**
   * Consumes one chunk header (basic header, message header, extended timestamp) if all of it has
   * arrived; returns false, consuming nothing, if not.
   */
  private boolean readChunkHeader(ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    int available = in.readableBytes();
    if (available == 0) {
      return false;
    }
    int first = in.getUnsignedByte(start);
    int headerType = first >>> 6;
    int basicLength = switch (first & 0x3F) {
      case 0 -> 2;
      case 1 -> 3;
      default -> 1;
    };
    if (available < basicLength) {
      return false;
    }
    int chunkStreamId = switch (basicLength) {
      case 2 -> 64 + in.getUnsignedByte(start + 1);
      case 3 -> 64 + in.getUnsignedByte(start + 1) + (in.getUnsignedByte(start + 2) << 8);
      default -> first & 0x3F;
    };
    ChunkHeaderState stream = chunkStreams.get(chunkStreamId);
    checkHeaderAllowed(headerType, chunkStreamId, stream);

    int fields = start + basicLength;
    int headerLength = basicLength + ChunkFormat.messageHeaderLength(headerType);
    if (available < headerLength) {
      return false;
    }
    boolean extended = headerType == 3
        ? stream.extendedTimestamp
        : in.getUnsignedMedium(fields) == ChunkFormat.EXTENDED_TIMESTAMP_MARKER;
    if (extended) {
      headerLength += 4;
      if (available < headerLength) {
        return false;
      }
    }
    long timestampField;
    if (extended) {
      timestampField = in.getUnsignedInt(start + headerLength - 4);
    } else {
      timestampField = headerType == 3 ? stream.timestampDelta : in.getUnsignedMedium(fields);
    }

    if (headerType == 3 && stream.assembling()) {
      // A continuation chunk; a repeated extended timestamp in it carries nothing new.
      in.skipBytes(headerLength);
      startChunk(stream);
      return true;
    }
    if (stream == null) {
      stream = new ChunkHeaderState(chunkStreamId);
      chunkStreams.put(chunkStreamId, stream);
    }
    switch (headerType) {
      case 0 -> {
        stream.messageLength = checkLength(chunkStreamId, in.getUnsignedMedium(fields + 3));
        stream.typeId = in.getUnsignedByte(fields + 6);
        stream.messageStreamId = in.getIntLE(fields + 7);
        stream.timestamp = timestampField;
        stream.timestampDelta = timestampField;
        stream.extendedTimestamp = extended;
      }
      case 1 -> {
        stream.messageLength = checkLength(chunkStreamId, in.getUnsignedMedium(fields + 3));
        stream.typeId = in.getUnsignedByte(fields + 6);
        advanceTimestamp(stream, timestampField);
        stream.extendedTimestamp = extended;
      }
      case 2 -> {
        advanceTimestamp(stream, timestampField);
        stream.extendedTimestamp = extended;
      }
      default -> advanceTimestamp(stream, timestampField);
    }
    in.skipBytes(headerLength);
    stream.beginMessage();
    if (stream.messageLength == 0) {
      deliver(stream.takeMessage(), out);
    } else {
      startChunk(stream);
    }
    return true;
  }

  private void checkHeaderAllowed(int headerType, int chunkStreamId, ChunkHeaderState stream) {
    if (stream == null) {
      if (headerType != 0) {
        throw new RtmpProtocolException("Type " + headerType + " chunk header on chunk stream "
            + chunkStreamId + ", which no Type 0 header has started");
      }
      if (chunkStreams.size() >= limits.maxChunkStreams()) {
        throw new RtmpProtocolException("chunk stream " + chunkStreamId + " would exceed the limit of "
            + limits.maxChunkStreams() + " chunk streams per connection");
      }
    } else if (headerType != 3 && stream.assembling()) {
      throw new RtmpProtocolException("Type " + headerType + " chunk header on chunk stream "
          + chunkStreamId + " while its message is incomplete (" + stream.received() + " of "
          + stream.messageLength + " bytes)");
    }
  }

  /** Refuses before anything is allocated for the message. */
  private int checkLength(int chunkStreamId, int messageLength) {
    if (messageLength > limits.maxMessageLength()) {
      throw new RtmpProtocolException("message of " + messageLength + " bytes on chunk stream "
          + chunkStreamId + " exceeds the limit of " + limits.maxMessageLength() + " bytes" + phase());
    }
    return messageLength;
  }

  /** Which limits said no, when it was the before-publish ones. */
  private String phase() {
    return publishing || limits == afterPublish ? "" : " before a publish is accepted";
  }

  private static void advanceTimestamp(ChunkHeaderState stream, long delta) {
    stream.timestampDelta = delta;
    stream.timestamp = (stream.timestamp + delta) & ChunkFormat.TIMESTAMP_MASK;
  }

  private void startChunk(ChunkHeaderState stream) {
    inChunk = stream;
    chunkBytesLeft = Math.min(chunkSize, stream.remaining());
  }

  /** Copies what has arrived of the current chunk's payload; true once the chunk is complete. */
  private boolean readChunkPayload(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int length = Math.min(chunkBytesLeft, in.readableBytes());
    if (length == 0) {
      return false;
    }
    if (pendingBytes + length > limits.maxPendingBytes()) {
      throw new RtmpProtocolException("partially received messages would exceed the limit of "
          + limits.maxPendingBytes() + " bytes per connection" + phase());
    }
    if (!budget.tryReserve(length, publishing, ctx.channel().remoteAddress())) {
      // The budget has logged it (once per burst): many connections at once should not mean as many lines.
      failed = true;
      in.skipBytes(in.readableBytes());
      discardPartialMessages();
      ctx.close();
      return false;
    }
    inChunk.append(ctx.alloc(), in, length);
    pendingBytes += length;
    chunkBytesLeft -= length;
    if (chunkBytesLeft > 0) {
      return false;
    }
    ChunkHeaderState stream = inChunk;
    inChunk = null;
    if (stream.complete()) {
      pendingBytes -= stream.messageLength;
      budget.release(stream.messageLength);
      deliver(stream.takeMessage(), out);
    }
    return true;
  }

  private void deliver(RtmpMessage message, List<Object> out) {
    switch (message.typeId()) {
      case MessageTypes.SET_CHUNK_SIZE -> {
        try {
          chunkSize = checkChunkSize(controlValue(message, "Set Chunk Size") & 0x7FFFFFFF);
        } finally {
          message.release();
        }
      }
      case MessageTypes.ABORT -> {
        try {
          abort(controlValue(message, "Abort Message"));
        } finally {
          message.release();
        }
      }
      default -> out.add(message);
    }
  }

  private static int controlValue(RtmpMessage message, String name) {
    ByteBuf payload = message.payload();
    if (payload.readableBytes() != 4) {
      throw new RtmpProtocolException(name + " payload is " + payload.readableBytes() + " bytes, expected 4");
    }
    return payload.getInt(payload.readerIndex());
  }

  private int checkChunkSize(int size) {
    if (size < 1 || size > limits.maxChunkSize()) {
      throw new RtmpProtocolException("Set Chunk Size " + size + " is outside 1.." + limits.maxChunkSize());
    }
    return size;
  }

  /** An Abort naming a chunk stream with nothing in progress is harmless and ignored. */
  private void abort(int abortedChunkStreamId) {
    ChunkHeaderState stream = chunkStreams.get(abortedChunkStreamId);
    if (stream != null && stream.assembling()) {
      pendingBytes -= stream.received();
      budget.release(stream.received());
      stream.discardMessage();
    }
  }

  private void discardPartialMessages() {
    for (ChunkHeaderState stream : chunkStreams.values()) {
      stream.discardMessage();
    }
    budget.release(pendingBytes);
    pendingBytes = 0;
    inChunk = null;
  }
}
