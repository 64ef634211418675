package org.ownerless.ingest.flv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The header at the start of an RTMP audio message payload (= FLV audio tag body).
 *
 * <p>Legacy form (FLV spec v10, E.4.2.1): {@code UB[4] SoundFormat, UB[2] SoundRate, UB[1]
 * SoundSize, UB[1] SoundType}; for AAC (SoundFormat 10) followed by {@code UI8 AACPacketType}
 * (0 = AudioSpecificConfig, 1 = raw frame). For AAC the rate/size/type bits are fixed
 * (44 kHz, 16 bit, stereo) and meaningless: the real values are in the AudioSpecificConfig.
 *
 * <p>Enhanced RTMP v2 reuses SoundFormat 9 as "ExHeader": the low nibble becomes the
 * AudioPacketType, optional ModEx blocks follow, then a FourCC ("Opus", "fLaC", "ac-3", "ec-3",
 * ".mp3", "mp4a"). It is recognised so that such a publisher gets a precise error or pass-through
 * rather than a misreading of those bits as a legacy rate.
 */
public final class AudioTagHeader {
  public static final int SOUND_FORMAT_MP3 = 2;
  public static final int SOUND_FORMAT_EX_HEADER = 9;
  public static final int SOUND_FORMAT_AAC = 10;

  /** AACPacketType / enhanced AudioPacketType values. */
  public static final int PACKET_SEQUENCE_START = 0;
  public static final int PACKET_CODED_FRAMES = 1;
  public static final int PACKET_SEQUENCE_END = 2;
  public static final int PACKET_MULTICHANNEL_CONFIG = 4;
  public static final int PACKET_MULTITRACK = 5;
  public static final int PACKET_MOD_EX = 7;

  private final int soundFormat;
  private final int soundRate;
  private final int soundSize;
  private final int soundType;
  private final String codec;
  private final int packetType;
  private final int headerLength;

  private AudioTagHeader(int soundFormat, int soundRate, int soundSize, int soundType,
      String codec, int packetType, int headerLength) {
    this.soundFormat = soundFormat;
    this.soundRate = soundRate;
    this.soundSize = soundSize;
    this.soundType = soundType;
    this.codec = codec;
    this.packetType = packetType;
    this.headerLength = headerLength;
  }

  /** Parses the readable bytes of {@code payload} without consuming them. */
  public static AudioTagHeader parse(ByteBuf payload) {
    int start = payload.readerIndex();
    int length = payload.readableBytes();
    if (length < 1) {
      throw new FlvFormatException("audio tag header truncated: empty message");
    }
    int first = payload.getUnsignedByte(start);
    int soundFormat = first >> 4;
    if (soundFormat == SOUND_FORMAT_EX_HEADER) {
      return parseEnhanced(payload, start, length, first & 0x0f);
    }
    int rate = (first >> 2) & 0x03;
    int size = (first >> 1) & 0x01;
    int type = first & 0x01;
    if (soundFormat != SOUND_FORMAT_AAC) {
      String codec = soundFormat == SOUND_FORMAT_MP3 ? ".mp3" : "flv-sound-" + soundFormat;
      return new AudioTagHeader(soundFormat, rate, size, type, codec, -1, 1);
    }
    if (length < 2) {
      throw new FlvFormatException("audio tag header truncated: AAC message without AACPacketType");
    }
    int aacPacketType = payload.getUnsignedByte(start + 1);
    if (aacPacketType > PACKET_CODED_FRAMES) {
      throw new FlvFormatException("audio tag header malformed: AACPacketType " + aacPacketType
          + " (only 0 sequence header, 1 raw exist)");
    }
    return new AudioTagHeader(soundFormat, rate, size, type, "mp4a", aacPacketType, 2);
  }

  public static AudioTagHeader parse(byte[] payload) {
    return parse(Unpooled.wrappedBuffer(payload));
  }

  private static AudioTagHeader parseEnhanced(ByteBuf buf, int start, int length, int packetType) {
    int pos = 1;
    // ModEx blocks: UI8 size-1 (255 → UI16 size-1), data, then UB[4] ModExType + UB[4] packet
    // type. Skipped: they modify timing precision only. Each pass consumes ≥ 2 bytes, so bounded.
    while (packetType == PACKET_MOD_EX) {
      if (length - pos < 1) {
        throw truncated("ModEx data size", pos, length);
      }
      int size = buf.getUnsignedByte(start + pos++) + 1;
      if (size == 256) {
        if (length - pos < 2) {
          throw truncated("ModEx extended data size", pos, length);
        }
        size = buf.getUnsignedShort(start + pos) + 1;
        pos += 2;
      }
      if (length - pos < size + 1) {
        throw truncated("ModEx data", pos, length);
      }
      pos += size;
      packetType = buf.getUnsignedByte(start + pos++) & 0x0f;
    }
    if (packetType == PACKET_MULTITRACK) {
      throw new FlvFormatException("enhanced audio Multitrack packets are not supported");
    }
    if (packetType == 3 || packetType == 6 || packetType > PACKET_MOD_EX) {
      throw new FlvFormatException("enhanced audio header malformed: reserved AudioPacketType "
          + packetType);
    }
    if (length - pos < 4) {
      throw truncated("FourCC", pos, length);
    }
    byte[] fourCc = new byte[4];
    buf.getBytes(start + pos, fourCc);
    for (byte b : fourCc) {
      if (b < 0x20 || b > 0x7e) {
        throw new FlvFormatException("enhanced audio header malformed: FourCC bytes are not "
            + "printable ASCII");
      }
    }
    pos += 4;
    return new AudioTagHeader(SOUND_FORMAT_EX_HEADER, -1, -1, -1,
        new String(fourCc, StandardCharsets.US_ASCII), packetType, pos);
  }

  private static FlvFormatException truncated(String field, int pos, int length) {
    return new FlvFormatException("audio tag header truncated: " + field + " at offset " + pos
        + " but the message has " + length + " byte(s)");
  }

  /** SoundFormat nibble: 10 AAC, 2 MP3, 9 enhanced ExHeader, ... */
  public int soundFormat() {
    return soundFormat;
  }

  /** Legacy SoundRate code: 0 = 5.5 kHz, 1 = 11 kHz, 2 = 22 kHz, 3 = 44 kHz; -1 if enhanced. */
  public int soundRate() {
    return soundRate;
  }

  /** Legacy SoundSize: 0 = 8-bit, 1 = 16-bit samples; -1 if enhanced. */
  public int soundSize() {
    return soundSize;
  }

  /** Legacy SoundType: 0 = mono, 1 = stereo; -1 if enhanced. */
  public int soundType() {
    return soundType;
  }

  public boolean isAac() {
    return soundFormat == SOUND_FORMAT_AAC
        || (soundFormat == SOUND_FORMAT_EX_HEADER && codec.equals("mp4a"));
  }

  public boolean isEnhanced() {
    return soundFormat == SOUND_FORMAT_EX_HEADER;
  }

  /** "mp4a" for legacy AAC, ".mp3" for legacy MP3, the FourCC if enhanced, else "flv-sound-N". */
  public String codec() {
    return codec;
  }

  /** AACPacketType or enhanced AudioPacketType; -1 for legacy codecs without one. */
  public int packetType() {
    return packetType;
  }

  /** The decoder configuration (AudioSpecificConfig for AAC), needed before any frame. */
  public boolean isSequenceHeader() {
    return packetType == PACKET_SEQUENCE_START;
  }

  /** Bytes from the start of the payload to the codec data. */
  public int headerLength() {
    return headerLength;
  }

  @Override
  public String toString() {
    return "AudioTagHeader{" + codec + ", soundFormat=" + soundFormat + ", packetType="
        + packetType + ", headerLength=" + headerLength + '}';
  }
}
