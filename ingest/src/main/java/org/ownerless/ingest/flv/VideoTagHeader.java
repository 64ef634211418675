package org.ownerless.ingest.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The header at the start of an RTMP video message payload, which is byte for byte the body of an
 * FLV video tag. Two forms exist and are told apart by the top bit of the first byte:
 *
 * <ul>
 *   <li><b>Legacy</b> (FLV spec v10, E.4.3.1): {@code UB[4] FrameType, UB[4] CodecID}; for AVC
 *       (CodecID 7) followed by {@code UI8 AVCPacketType} and {@code SI24 CompositionTime}.
 *   <li><b>Enhanced RTMP</b> (veovera E-RTMP v1/v2, "ExVideoTagHeader"): {@code UB[1] IsExHeader
 *       = 1, UB[3] FrameType, UB[4] VideoPacketType}, optional ModEx blocks, then a {@code FOURCC}
 *       ("hvc1", "av01", "vp09", "avc1"), and for avc1/hvc1 CodedFrames an {@code SI24}
 *       composition time.
 * </ul>
 *
 * <p>Only the header is interpreted: {@link #headerLength()} says where the codec data (avcC,
 * hvcC, length-prefixed NAL units ...) starts, so the remuxer can hand the rest on untouched. The
 * source buffer's reader index is never moved.
 */
public final class VideoTagHeader {
  /** FrameType values shared by both forms (FLV v10 E.4.3.1). */
  public static final int FRAME_KEY = 1;
  public static final int FRAME_INTER = 2;
  public static final int FRAME_DISPOSABLE_INTER = 3;
  public static final int FRAME_GENERATED_KEY = 4;
  public static final int FRAME_COMMAND = 5;

  /** Legacy CodecID for AVC, the only legacy codec with a packet type and composition time. */
  public static final int LEGACY_CODEC_AVC = 7;

  /** Legacy AVCPacketType / Enhanced VideoPacketType values (0..2 mean the same in both). */
  public static final int PACKET_SEQUENCE_START = 0;
  public static final int PACKET_CODED_FRAMES = 1;
  public static final int PACKET_SEQUENCE_END = 2;
  public static final int PACKET_CODED_FRAMES_X = 3;
  public static final int PACKET_METADATA = 4;
  public static final int PACKET_MPEG2TS_SEQUENCE_START = 5;
  public static final int PACKET_MULTITRACK = 6;
  public static final int PACKET_MOD_EX = 7;

  /** {@link #codec()} of an enhanced command frame, which carries no FourCC. */
  public static final String NO_CODEC = "none";

  private static final int EX_HEADER_BIT = 0x80;

  private final int frameType;
  private final boolean enhanced;
  private final int legacyCodecId;
  private final String codec;
  private final int packetType;
  private final int compositionTimeMs;
  private final int headerLength;

  private VideoTagHeader(int frameType, boolean enhanced, int legacyCodecId, String codec,
      int packetType, int compositionTimeMs, int headerLength) {
    this.frameType = frameType;
    this.enhanced = enhanced;
    this.legacyCodecId = legacyCodecId;
    this.codec = codec;
    this.packetType = packetType;
    this.compositionTimeMs = compositionTimeMs;
    this.headerLength = headerLength;
  }

  /** Parses the readable bytes of {@code payload} without consuming them. */
  public static VideoTagHeader parse(ByteBuf payload) {
    return new Parser(payload, payload.readerIndex(), payload.readableBytes()).parse();
  }

  public static VideoTagHeader parse(byte[] payload) {
    return parse(Unpooled.wrappedBuffer(payload));
  }

  /** 1 key, 2 inter, 3 disposable inter, 4 generated key, 5 command; see the FRAME_ constants. */
  public int frameType() {
    return frameType;
  }

  /**
   * A random access point. Only FrameType 1: type 4 ("generated keyframe") is reserved for servers
   * building seek points and ffmpeg's FLV demuxer does not flag it as key either.
   */
  public boolean isKeyframe() {
    return frameType == FRAME_KEY;
  }

  /** A video info/command frame: no picture, just a seek command byte; nothing to remux. */
  public boolean isCommand() {
    return frameType == FRAME_COMMAND;
  }

  public boolean isEnhanced() {
    return enhanced;
  }

  /** The legacy CodecID (2..7 ...), or -1 for the enhanced form. */
  public int legacyCodecId() {
    return legacyCodecId;
  }

  /**
   * The codec as a FourCC-like name: "avc1" for legacy CodecID 7, the FourCC for the enhanced form
   * (e.g. "hvc1", "av01", "vp09"), "flv-codec-N" for other legacy codecs, {@link #NO_CODEC} for an
   * enhanced command frame.
   */
  public String codec() {
    return codec;
  }

  /**
   * The legacy AVCPacketType (0, 1, 2) or the enhanced VideoPacketType (0..5, after any ModEx);
   * -1 for legacy non-AVC codecs and for command frames, which have none.
   */
  public int packetType() {
    return packetType;
  }

  /**
   * The decoder configuration (avcC, hvcC, av1C, vpcC), needed by ffmpeg before any frame. Enhanced
   * MPEG2TSSequenceStart counts too: it is AV1's configuration in its MPEG-2 TS descriptor form.
   */
  public boolean isSequenceHeader() {
    return packetType == PACKET_SEQUENCE_START || packetType == PACKET_MPEG2TS_SEQUENCE_START;
  }

  public boolean isSequenceEnd() {
    return packetType == PACKET_SEQUENCE_END;
  }

  /** The payload after the header is coded picture data (for legacy non-AVC codecs: always). */
  public boolean isCodedFrames() {
    if (isCommand()) {
      return false;
    }
    if (!enhanced && legacyCodecId != LEGACY_CODEC_AVC) {
      return true;
    }
    return packetType == PACKET_CODED_FRAMES || packetType == PACKET_CODED_FRAMES_X;
  }

  /**
   * Presentation minus decode time in ms (SI24, may be negative). 0 where the header carries none,
   * which includes enhanced CodedFramesX whose whole point is an implied zero.
   */
  public int compositionTimeMs() {
    return compositionTimeMs;
  }

  /** Bytes from the start of the payload to the codec data. */
  public int headerLength() {
    return headerLength;
  }

  @Override
  public String toString() {
    return "VideoTagHeader{" + (enhanced ? "enhanced " : "legacy ") + codec + ", frameType="
        + frameType + ", packetType=" + packetType + ", cts=" + compositionTimeMs + ", headerLength="
        + headerLength + '}';
  }

  /** Cursor over the message; each read checks the length so garbage cannot read past the end. */
  private static final class Parser {
    private final ByteBuf buf;
    private final int start;
    private final int length;
    private int pos;

    Parser(ByteBuf buf, int start, int length) {
      this.buf = buf;
      this.start = start;
      this.length = length;
    }

    private void need(int n, String field) {
      if (length - pos < n) {
        throw new FlvFormatException("video tag header truncated: " + field + " needs " + n
            + " byte(s) at offset " + pos + " but the message has " + length);
      }
    }

    private int u8(String field) {
      need(1, field);
      return buf.getUnsignedByte(start + pos++);
    }

    private int u16(String field) {
      need(2, field);
      int v = buf.getUnsignedShort(start + pos);
      pos += 2;
      return v;
    }

    private int si24(String field) {
      need(3, field);
      // getMedium sign-extends the 24-bit big-endian value, which is exactly SI24.
      int v = buf.getMedium(start + pos);
      pos += 3;
      return v;
    }

    VideoTagHeader parse() {
      int first = u8("the first byte");
      if ((first & EX_HEADER_BIT) != 0) {
        return parseEnhanced(first);
      }
      return parseLegacy(first);
    }

    private VideoTagHeader parseLegacy(int first) {
      int frameType = first >> 4;
      int codecId = first & 0x0f;
      checkFrameType(frameType);
      String codec = codecId == LEGACY_CODEC_AVC ? "avc1" : "flv-codec-" + codecId;
      // ffmpeg skips command frames before looking at any AVC fields; a command frame is a UI8
      // seek command, so the AVC packet type/CTS bytes need not be present.
      if (frameType == FRAME_COMMAND || codecId != LEGACY_CODEC_AVC) {
        return new VideoTagHeader(frameType, false, codecId, codec, -1, 0, pos);
      }
      int avcPacketType = u8("AVCPacketType");
      if (avcPacketType > PACKET_SEQUENCE_END) {
        throw new FlvFormatException("video tag header malformed: AVCPacketType " + avcPacketType
            + " (only 0 sequence header, 1 NALU, 2 end of sequence exist)");
      }
      int cts = si24("CompositionTime");
      return new VideoTagHeader(frameType, false, codecId, codec, avcPacketType, cts, pos);
    }

    private VideoTagHeader parseEnhanced(int first) {
      int frameType = (first >> 4) & 0x07;
      int packetType = first & 0x0f;
      checkFrameType(frameType);
      // ModEx blocks (E-RTMP v2) prefix the real packet type with modifier data such as a
      // nanosecond timestamp offset; nothing downstream needs them, so they are skipped. Each
      // block consumes at least two bytes, so the loop is bounded by the message length.
      while (packetType == PACKET_MOD_EX) {
        int size = u8("ModEx data size") + 1;
        if (size == 256) {
          size = u16("ModEx extended data size") + 1;
        }
        need(size, "ModEx data");
        pos += size;
        packetType = u8("ModEx type / packet type") & 0x0f;
      }
      if (packetType == PACKET_MULTITRACK) {
        throw new FlvFormatException("enhanced video Multitrack packets are not supported");
      }
      if (packetType > PACKET_MOD_EX) {
        throw new FlvFormatException("enhanced video header malformed: reserved VideoPacketType "
            + packetType);
      }
      // E-RTMP v2: a command frame (other than Metadata) carries a UI8 command instead of a FourCC.
      if (frameType == FRAME_COMMAND && packetType != PACKET_METADATA) {
        return new VideoTagHeader(frameType, true, -1, NO_CODEC, -1, 0, pos);
      }
      need(4, "FourCC");
      byte[] fourCcBytes = new byte[4];
      buf.getBytes(start + pos, fourCcBytes);
      for (byte b : fourCcBytes) {
        // FourCCs are printable ASCII by construction; anything else means we are misaligned.
        if (b < 0x20 || b > 0x7e) {
          throw new FlvFormatException("enhanced video header malformed: FourCC bytes are not "
              + "printable ASCII");
        }
      }
      pos += 4;
      String fourCc = new String(fourCcBytes, StandardCharsets.US_ASCII);
      int cts = 0;
      // Only AVC and HEVC have B-frame reordering signalled in-band here; CodedFramesX exists to
      // omit the SI24 when it would be zero.
      if (packetType == PACKET_CODED_FRAMES && (fourCc.equals("avc1") || fourCc.equals("hvc1"))) {
        cts = si24("CompositionTime");
      }
      return new VideoTagHeader(frameType, true, -1, fourCc, packetType, cts, pos);
    }

    private static void checkFrameType(int frameType) {
      if (frameType < FRAME_KEY || frameType > FRAME_COMMAND) {
        throw new FlvFormatException("video tag header malformed: reserved FrameType " + frameType);
      }
    }
  }
}
