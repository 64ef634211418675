package org.ownerless.ingest.rtmp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds chunk-stream bytes field by field, straight from the layouts in RTMP 1.0 §5.3, so the
 * decoder tests do not depend on the encoder. Timestamp fields are written as given: a test that
 * wants an extended timestamp writes 0xFFFFFF and then calls {@link #extended}.
 */
final class ChunkBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static ChunkBytes chunks() {
    return new ChunkBytes();
  }

  /** The shortest basic header form for {@code csid}. */
  ChunkBytes basic(int headerType, int csid) {
    if (csid < 64) {
      return u8(headerType << 6 | csid);
    }
    if (csid < 320) {
      return u8(headerType << 6).u8(csid - 64);
    }
    return basic3(headerType, csid);
  }

  /** The 3-byte basic header form, which can also carry ids 64..319. */
  ChunkBytes basic3(int headerType, int csid) {
    return u8(headerType << 6 | 1).u8((csid - 64) & 0xFF).u8((csid - 64) >> 8);
  }

  ChunkBytes type0(int csid, long timestamp, int length, int typeId, int messageStreamId) {
    return basic(0, csid).u24(timestamp).u24(length).u8(typeId).u32le(messageStreamId);
  }

  ChunkBytes type1(int csid, long delta, int length, int typeId) {
    return basic(1, csid).u24(delta).u24(length).u8(typeId);
  }

  ChunkBytes type2(int csid, long delta) {
    return basic(2, csid).u24(delta);
  }

  ChunkBytes type3(int csid) {
    return basic(3, csid);
  }

  /**
   * The first {@code sent} payload bytes (counting up from 0) of a message of {@code length} bytes
   * on {@code csid}, cut into chunks of {@code chunkSize} with Type 3 headers between them.
   */
  ChunkBytes message(int csid, int typeId, int length, int sent, int chunkSize) {
    type0(csid, 0, length, typeId, 1);
    for (int offset = 0; offset < sent; offset += chunkSize) {
      if (offset > 0) {
        type3(csid);
      }
      for (int i = offset; i < Math.min(sent, offset + chunkSize); i++) {
        out.write(i);
      }
    }
    return this;
  }

  ChunkBytes extended(long timestamp) {
    return u32(timestamp);
  }

  /** A complete control message (stream 0) with a 4-byte big-endian value, on chunk stream 2. */
  ChunkBytes control(int typeId, long value) {
    return type0(2, 0, 4, typeId, 0).u32(value);
  }

  ChunkBytes payload(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  ChunkBytes payload(String ascii) {
    return payload(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code length} bytes counting up from {@code first}, so misplaced bytes show in a diff. */
  ChunkBytes counting(int first, int length) {
    for (int i = 0; i < length; i++) {
      out.write(first + i);
    }
    return this;
  }

  ChunkBytes u8(int value) {
    out.write(value);
    return this;
  }

  ChunkBytes u24(long value) {
    return u8((int) (value >> 16) & 0xFF).u8((int) (value >> 8) & 0xFF).u8((int) value & 0xFF);
  }

  ChunkBytes u32(long value) {
    return u8((int) (value >> 24) & 0xFF).u24(value & 0xFFFFFF);
  }

  ChunkBytes u32le(int value) {
    return u8(value & 0xFF).u8((value >> 8) & 0xFF).u8((value >> 16) & 0xFF).u8((value >>> 24) & 0xFF);
  }

  byte[] toArray() {
    return out.toByteArray();
  }

  static byte[] sequence(int first, int length) {
    return chunks().counting(first, length).toArray();
  }
}
