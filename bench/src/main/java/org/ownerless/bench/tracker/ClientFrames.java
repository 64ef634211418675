package org.ownerless.bench.tracker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Client-to-server WebSocket text frames built in place: the payload is written after room for
 * the longest header, then the header goes in front and the payload is masked where it lies.
 * Netty's frame encoder would copy every payload into a second buffer to mask it; the generator
 * must stay cheaper than the servers it measures, so it skips that copy. Every frame gets its own
 * random non-zero masking key like a browser's: a zero key would let a server skip unmasking
 * (Netty does), which would favour one server over the other.
 */
final class ClientFrames {
  /** FIN + opcode 1 (text) + 2..8 length bytes + 4 key bytes at most. */
  static final int HEADROOM = 14;

  private ClientFrames() {}

  /** A buffer whose writer index is past the header room: write the payload, then {@link #seal}. */
  static ByteBuf open(ByteBufAllocator alloc, int payloadCapacity) {
    ByteBuf b = alloc.buffer(HEADROOM + payloadCapacity);
    b.writerIndex(HEADROOM);
    return b;
  }

  /**
   * Puts the header in front of the payload written since {@link #open} and masks the payload
   * with {@code key} (must be non-zero); the buffer's readable bytes are then the whole frame.
   */
  static ByteBuf seal(ByteBuf b, int key) {
    if (key == 0) throw new IllegalArgumentException("a zero masking key lets servers skip unmasking");
    int payload = b.writerIndex() - HEADROOM;
    int header = 2 + (payload < 126 ? 0 : payload <= 0xFFFF ? 2 : 8) + 4;
    int at = HEADROOM - header;
    b.setByte(at, 0x81); // FIN, text
    if (payload < 126) {
      b.setByte(at + 1, 0x80 | payload);
    } else if (payload <= 0xFFFF) {
      b.setByte(at + 1, 0x80 | 126);
      b.setShort(at + 2, payload);
    } else {
      b.setByte(at + 1, 0x80 | 127);
      b.setLong(at + 2, payload);
    }
    b.setInt(HEADROOM - 4, key);
    mask(b, HEADROOM, b.writerIndex(), key);
    b.readerIndex(at);
    return b;
  }

  /** XORs bytes [from, to) with the 4-byte key, eight bytes at a time (ByteBuf is big-endian). */
  private static void mask(ByteBuf b, int from, int to, int key) {
    long key8 = (key & 0xFFFFFFFFL) | ((long) key << 32);
    int i = from;
    for (; i + 8 <= to; i += 8) b.setLong(i, b.getLong(i) ^ key8);
    for (int k = 0; i < to; i++, k++) b.setByte(i, b.getByte(i) ^ (key >>> (24 - 8 * (k & 3))));
  }
}
