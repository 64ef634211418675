package org.ownerless.ingest.rtmp;

/** Wire constants of the chunk layer (RTMP 1.0 §5.3) shared by the decoder and the encoder. */
final class ChunkFormat {
  /** Both directions start here until a Set Chunk Size says otherwise (§5.4.1). */
  static final int DEFAULT_CHUNK_SIZE = 128;

  /** Ids 0 and 1 are escape values of the basic header and 65599 is the 3-byte form's ceiling. */
  static final int MIN_CHUNK_STREAM_ID = 2;
  static final int MAX_CHUNK_STREAM_ID = 65599;

  /** A 24-bit timestamp field holding this value means "the real value follows in 4 bytes". */
  static final int EXTENDED_TIMESTAMP_MARKER = 0xFFFFFF;

  /** The message length field is 24 bits wide. */
  static final int MAX_MESSAGE_LENGTH = 0xFFFFFF;

  /** Timestamps are unsigned 32-bit milliseconds and wrap around. */
  static final long TIMESTAMP_MASK = 0xFFFFFFFFL;

  /** Message header lengths by header type 0..3 (§5.3.1.2). */
  private static final int[] MESSAGE_HEADER_LENGTHS = {11, 7, 3, 0};

  private ChunkFormat() {}

  static int messageHeaderLength(int headerType) {
    return MESSAGE_HEADER_LENGTHS[headerType];
  }

  /** Length of the shortest basic header that can carry {@code chunkStreamId}. */
  static int basicHeaderLength(int chunkStreamId) {
    if (chunkStreamId < 64) {
      return 1;
    }
    return chunkStreamId < 320 ? 2 : 3;
  }
}
