package org.ownerless.ingest.flv;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An AVCDecoderConfigurationRecord ("avcC", ISO 14496-15 §5.3.3.1), the body of an AVC sequence
 * header after its 5-byte video tag header. It carries the SPS/PPS that ffmpeg needs to decode and
 * the NAL length size used by every following coded-frames message.
 *
 * <pre>
 * UI8  configurationVersion = 1
 * UI8  AVCProfileIndication          (copy of SPS profile_idc)
 * UI8  profile_compatibility         (copy of the SPS constraint flags byte)
 * UI8  AVCLevelIndication            (copy of SPS level_idc)
 * UB6  reserved '111111'b, UB2 lengthSizeMinusOne
 * UB3  reserved '111'b,    UB5 numOfSequenceParameterSets, then per SPS: UI16 length, bytes
 * UI8  numOfPictureParameterSets, then per PPS: UI16 length, bytes
 * [high-profile extension: chroma format, bit depths, SPS extensions — ignored]
 * </pre>
 *
 * Reserved bits are not checked: some encoders write them as zero and decoders accept that.
 */
public final class AvcDecoderConfig {
  private final int configurationVersion;
  private final int profileIndication;
  private final int profileCompatibility;
  private final int levelIndication;
  private final int nalLengthSize;
  private final List<byte[]> sps;
  private final List<byte[]> pps;

  private AvcDecoderConfig(int configurationVersion, int profileIndication,
      int profileCompatibility, int levelIndication, int nalLengthSize, List<byte[]> sps,
      List<byte[]> pps) {
    this.configurationVersion = configurationVersion;
    this.profileIndication = profileIndication;
    this.profileCompatibility = profileCompatibility;
    this.levelIndication = levelIndication;
    this.nalLengthSize = nalLengthSize;
    this.sps = sps;
    this.pps = pps;
  }

  /** Parses the readable bytes of {@code record} without consuming them. */
  public static AvcDecoderConfig parse(ByteBuf record) {
    byte[] bytes = new byte[record.readableBytes()];
    record.getBytes(record.readerIndex(), bytes);
    return parse(bytes);
  }

  public static AvcDecoderConfig parse(byte[] record) {
    Cursor c = new Cursor(record);
    int version = c.u8("configurationVersion");
    if (version != 1) {
      // Version 1 is the only one defined; a different value usually means the caller passed
      // the message including its video tag header, or a different codec's record.
      throw new FlvFormatException("avcC malformed: configurationVersion " + version
          + ", expected 1");
    }
    int profile = c.u8("AVCProfileIndication");
    int compatibility = c.u8("profile_compatibility");
    int level = c.u8("AVCLevelIndication");
    int lengthSizeMinusOne = c.u8("lengthSizeMinusOne") & 0x03;
    if (lengthSizeMinusOne == 2) {
      // §5.3.3.1.2: only 1, 2 or 4 byte NAL lengths are allowed.
      throw new FlvFormatException("avcC malformed: NAL length size 3 is not allowed");
    }
    int numSps = c.u8("numOfSequenceParameterSets") & 0x1f;
    List<byte[]> sps = new ArrayList<>(numSps);
    for (int i = 0; i < numSps; i++) {
      sps.add(c.parameterSet("SPS " + i));
    }
    int numPps = c.u8("numOfPictureParameterSets");
    List<byte[]> pps = new ArrayList<>(Math.min(numPps, record.length));
    for (int i = 0; i < numPps; i++) {
      pps.add(c.parameterSet("PPS " + i));
    }
    return new AvcDecoderConfig(version, profile, compatibility, level, lengthSizeMinusOne + 1,
        List.copyOf(sps), List.copyOf(pps));
  }

  private static final class Cursor {
    private final byte[] b;
    private int pos;

    Cursor(byte[] b) {
      this.b = b;
    }

    int u8(String field) {
      if (pos >= b.length) {
        throw new FlvFormatException("avcC truncated: " + field + " at offset " + pos
            + " but the record has " + b.length + " byte(s)");
      }
      return b[pos++] & 0xff;
    }

    byte[] parameterSet(String name) {
      int len = (u8(name + " length") << 8) | u8(name + " length");
      if (len == 0) {
        throw new FlvFormatException("avcC malformed: " + name + " is empty");
      }
      // Checked before allocating, so a forged length cannot make us allocate beyond the input.
      if (b.length - pos < len) {
        throw new FlvFormatException("avcC truncated: " + name + " declares " + len
            + " bytes, only " + (b.length - pos) + " remain");
      }
      byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + len);
      pos += len;
      return out;
    }
  }

  public int configurationVersion() {
    return configurationVersion;
  }

  public int profileIndication() {
    return profileIndication;
  }

  public int profileCompatibility() {
    return profileCompatibility;
  }

  public int levelIndication() {
    return levelIndication;
  }

  /** Bytes of the big-endian length before each NAL unit in coded-frames messages: 1, 2 or 4. */
  public int nalLengthSize() {
    return nalLengthSize;
  }

  /** The SPS NAL units (with NAL header), in record order. Arrays are copies; do not rely on identity. */
  public List<byte[]> sps() {
    return sps.stream().map(byte[]::clone).toList();
  }

  public List<byte[]> pps() {
    return pps.stream().map(byte[]::clone).toList();
  }

  /**
   * The RFC 6381 codecs parameter, "avc1." + profile, compatibility and level as two lowercase
   * hex digits each (e.g. avc1.64001f for High 3.1), as HLS playlists and MSE expect.
   */
  public String codecsString() {
    return String.format(Locale.ROOT, "avc1.%02x%02x%02x", profileIndication, profileCompatibility,
        levelIndication);
  }

  /** The first SPS, parsed; it gives the resolution. */
  public H264Sps firstSps() {
    if (sps.isEmpty()) {
      throw new FlvFormatException("avcC has no SPS");
    }
    return H264Sps.parse(sps.get(0));
  }

  @Override
  public String toString() {
    return "AvcDecoderConfig{" + codecsString() + ", nalLengthSize=" + nalLengthSize + ", sps="
        + sps.size() + ", pps=" + pps.size() + '}';
  }
}
