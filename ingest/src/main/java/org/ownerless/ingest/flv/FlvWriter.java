package org.ownerless.ingest.flv;

import io.netty.buffer.ByteBuf;

/**
 * Writes an FLV byte stream (FLV spec v10, Annex E.2–E.3) of the kind ffmpeg reads with
 * {@code -f flv -i pipe:0}. RTMP audio/video/data message payloads already are FLV tag bodies,
 * so remuxing is only framing: a header once, then per message an 11-byte tag header, the payload
 * and the size of the tag just written ("PreviousTagSize", which lets readers walk backwards).
 *
 * <pre>
 * header:  "FLV" UI8 version=1, UI8 flags (0x04 audio | 0x01 video), UI32 header size = 9,
 *          UI32 PreviousTagSize0 = 0
 * tag:     UI8 type (8 audio, 9 video, 18 script data), UI24 data size,
 *          UI24 timestamp (low 24 bits), UI8 timestamp extended (high 8 bits), UI24 stream id = 0,
 *          data, UI32 PreviousTagSize = 11 + data size
 * </pre>
 */
public final class FlvWriter {
  public static final int TAG_AUDIO = 8;
  public static final int TAG_VIDEO = 9;
  public static final int TAG_SCRIPT = 18;

  /** Bytes of the file header plus PreviousTagSize0. */
  public static final int HEADER_LENGTH = 9 + 4;
  /** Bytes of a tag header. */
  public static final int TAG_HEADER_LENGTH = 11;
  /** The data size field is 24 bits. */
  public static final int MAX_TAG_DATA_SIZE = 0xFFFFFF;

  private static final int FLAG_AUDIO = 0x04;
  private static final int FLAG_VIDEO = 0x01;

  private FlvWriter() {}

  /** Writes the 9-byte FLV header followed by PreviousTagSize0 (13 bytes in all). */
  public static void writeHeader(ByteBuf out, boolean hasAudio, boolean hasVideo) {
    out.writeByte('F').writeByte('L').writeByte('V');
    out.writeByte(1);
    out.writeByte((hasAudio ? FLAG_AUDIO : 0) | (hasVideo ? FLAG_VIDEO : 0));
    out.writeInt(9);
    out.writeInt(0);
  }

  /**
   * Writes one tag with the readable bytes of {@code payload} as data; the payload's reader index
   * is not moved, so the caller may still forward the same buffer elsewhere.
   *
   * @param timestampMs decode timestamp in ms; only the low 32 bits are written, so RTMP's
   *     32-bit timestamps wrap exactly as the sender's did
   * @throws IllegalArgumentException for a tag type other than 8, 9, 18 or more than 16 MiB of
   *     data, which would be a programming error (RTMP message lengths are 24-bit too)
   */
  public static void writeTag(ByteBuf out, int tagType, long timestampMs, ByteBuf payload) {
    if (tagType != TAG_AUDIO && tagType != TAG_VIDEO && tagType != TAG_SCRIPT) {
      throw new IllegalArgumentException("FLV tag type must be 8, 9 or 18, got " + tagType);
    }
    int size = payload.readableBytes();
    if (size > MAX_TAG_DATA_SIZE) {
      throw new IllegalArgumentException("FLV tag data of " + size + " bytes exceeds 24 bits");
    }
    long ts = timestampMs & 0xFFFFFFFFL;
    out.writeByte(tagType);
    out.writeMedium(size);
    // The timestamp is split: the low 24 bits first, then the high byte as "TimestampExtended".
    out.writeMedium((int) (ts & 0xFFFFFF));
    out.writeByte((int) (ts >>> 24));
    out.writeMedium(0); // StreamID, always 0
    out.writeBytes(payload, payload.readerIndex(), size);
    out.writeInt(TAG_HEADER_LENGTH + size);
  }
}
