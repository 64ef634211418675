package org.ownerless.ingest.rtmp;

/**
 * Bounds on what one publisher can make the chunk decoder hold. RTMP lets the peer declare message
 * lengths, chunk sizes and chunk stream ids freely, so without these a single connection could
 * pin gigabytes with a few header bytes.
 *
 * @param maxMessageLength largest message (declared length) accepted; a keyframe of a high-bitrate
 *     1080p stream is well under the 8 MiB default
 * @param maxChunkSize largest value a peer's Set Chunk Size may announce
 * @param maxChunkStreams distinct chunk stream ids one connection may use (encoders use about 5)
 * @param maxPendingBytes payload bytes of all partially assembled messages of one connection
 *     together
 */
public record ChunkLimits(int maxMessageLength, int maxChunkSize, int maxChunkStreams, long maxPendingBytes) {
  /** For a publisher whose token was accepted. */
  public static final ChunkLimits DEFAULTS = new ChunkLimits(8 << 20, 0xFFFFFF, 64, 32L << 20);
  /**
   * Until a publish is accepted. connect, createStream and publish are a few hundred bytes each, so
   * anyone who can open a socket gets only this much instead of {@link #DEFAULTS}' 32 MiB.
   */
  public static final ChunkLimits BEFORE_PUBLISH = new ChunkLimits(64 << 10, 0xFFFFFF, 64, 128L << 10);

  public ChunkLimits {
    if (maxMessageLength < 1 || maxChunkSize < 1 || maxChunkStreams < 1 || maxPendingBytes < 1) {
      throw new IllegalArgumentException("chunk limits must be positive: " + maxMessageLength + ", "
          + maxChunkSize + ", " + maxChunkStreams + ", " + maxPendingBytes);
    }
  }
}
