package org.ownerless.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;

/**
 * Splits outgoing {@link RtmpMessage}s into chunks (RTMP 1.0 §5.3) and releases them.
 *
 * <p>A message starts with a Type 0 header unless the previous message on its chunk stream had the
 * same message stream id and an earlier or equal timestamp; then a Type 1 header (new length or
 * type) or Type 2 header (delta only) is enough. A Type 3 header never starts a message: peers
 * disagree on what delta it implies after a Type 0 header, and the saving is a few bytes.
 */
public final class ChunkEncoder extends MessageToByteEncoder<RtmpMessage> {
  private record LastMessage(int messageStreamId, int typeId, int length, long timestamp) {}

  private final IntObjectMap<LastMessage> lastMessages = new IntObjectHashMap<>();
  private int chunkSize = ChunkFormat.DEFAULT_CHUNK_SIZE;

  public ChunkEncoder() {
    super(RtmpMessage.class);
  }

  /**
   * Chunk size for messages encoded from now on. {@link ProtocolControlHandler} calls this on the
   * channel's event loop right after writing our Set Chunk Size message, so that message itself
   * still goes out in the size the peer currently expects.
   */
  public void setChunkSize(int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be 1..2147483647, got " + chunkSize);
    }
    this.chunkSize = chunkSize;
  }

  /** Sizes the buffer exactly; never throws, so a bad message is rejected in encode and released. */
  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, RtmpMessage msg, boolean preferDirect) {
    int csid = Math.max(ChunkFormat.MIN_CHUNK_STREAM_ID, Math.min(ChunkFormat.MAX_CHUNK_STREAM_ID, msg.chunkStreamId()));
    int length = msg.payload().readableBytes();
    int chunks = Math.max(1, (int) ((length + (long) chunkSize - 1) / chunkSize));
    long size = (long) chunks * (ChunkFormat.basicHeaderLength(csid) + 4)
        + ChunkFormat.messageHeaderLength(0) + length;
    int initial = (int) Math.min(size, Integer.MAX_VALUE - 8);
    return preferDirect ? ctx.alloc().ioBuffer(initial) : ctx.alloc().heapBuffer(initial);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, RtmpMessage msg, ByteBuf out) {
    int csid = msg.chunkStreamId();
    ByteBuf payload = msg.payload();
    int length = payload.readableBytes();
    check(msg, length);

    LastMessage last = lastMessages.get(csid);
    long timestamp = msg.timestamp();
    int headerType;
    long timestampField;
    if (last == null || last.messageStreamId() != msg.messageStreamId() || timestamp < last.timestamp()) {
      headerType = 0;
      timestampField = timestamp;
    } else {
      headerType = last.typeId() == msg.typeId() && last.length() == length ? 2 : 1;
      timestampField = timestamp - last.timestamp();
    }
    boolean extended = timestampField >= ChunkFormat.EXTENDED_TIMESTAMP_MARKER;

    writeBasicHeader(out, headerType, csid);
    out.writeMedium(extended ? ChunkFormat.EXTENDED_TIMESTAMP_MARKER : (int) timestampField);
    if (headerType <= 1) {
      out.writeMedium(length);
      out.writeByte(msg.typeId());
    }
    if (headerType == 0) {
      out.writeIntLE(msg.messageStreamId());
    }
    int offset = 0;
    do {
      if (offset > 0) {
        writeBasicHeader(out, 3, csid);
      }
      if (extended) {
        // Repeated on continuation chunks too, as FFmpeg and librtmp expect (§5.3.1.3).
        out.writeInt((int) timestampField);
      }
      int part = Math.min(chunkSize, length - offset);
      out.writeBytes(payload, payload.readerIndex() + offset, part);
      offset += part;
    } while (offset < length);

    lastMessages.put(csid, new LastMessage(msg.messageStreamId(), msg.typeId(), length, timestamp));
  }

  private static void check(RtmpMessage msg, int length) {
    int csid = msg.chunkStreamId();
    if (csid < ChunkFormat.MIN_CHUNK_STREAM_ID || csid > ChunkFormat.MAX_CHUNK_STREAM_ID) {
      throw new IllegalArgumentException("chunk stream id " + csid + " is outside 2..65599");
    }
    if (msg.typeId() < 0 || msg.typeId() > 255) {
      throw new IllegalArgumentException("message type id " + msg.typeId() + " does not fit in a byte");
    }
    if (length > ChunkFormat.MAX_MESSAGE_LENGTH) {
      throw new IllegalArgumentException("message of " + length + " bytes exceeds the 24-bit length field");
    }
  }

  private static void writeBasicHeader(ByteBuf out, int headerType, int csid) {
    int typeBits = headerType << 6;
    switch (ChunkFormat.basicHeaderLength(csid)) {
      case 1 -> out.writeByte(typeBits | csid);
      case 2 -> {
        out.writeByte(typeBits);
        out.writeByte(csid - 64);
      }
      default -> {
        out.writeByte(typeBits | 1);
        out.writeShortLE(csid - 64);
      }
    }
  }
}
