package org.ownerless.ingest.flv;

import io.netty.buffer.ByteBuf;

/**
 * An MPEG-4 AudioSpecificConfig (ISO 14496-3 §1.6.2.1), the body of an AAC sequence header after
 * its 2-byte audio tag header. Only the leading fields are read:
 *
 * <pre>
 * audioObjectType        5 bits; 31 escapes to 32 + next 6 bits
 * samplingFrequencyIndex 4 bits; 15 means an explicit 24-bit samplingFrequency follows
 * channelConfiguration   4 bits
 * if audioObjectType is 5 (SBR) or 29 (SBR+PS), "explicit hierarchical signalling":
 *   extensionSamplingFrequencyIndex 4 bits (15 → explicit 24 bits), then the core object type
 * </pre>
 *
 * The GASpecificConfig and any backward-compatible sync extension after these are not needed for
 * a codecs string or a sample rate and are ignored.
 */
public final class AacAudioConfig {
  private static final int AOT_ESCAPE = 31;
  private static final int AOT_SBR = 5;
  private static final int AOT_PS = 29;
  private static final int AOT_ER_BSAC = 22;
  private static final int FREQUENCY_EXPLICIT = 15;

  /** Table 1.18; indexes 13 and 14 are reserved. */
  private static final int[] SAMPLING_FREQUENCIES = {
      96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};

  /** Output channels per channelConfiguration (Table 1.19 and its amendments); -1 = reserved. */
  private static final int[] CHANNELS = {0, 1, 2, 3, 4, 5, 6, 8, -1, -1, -1, 7, 8, 24, 8, -1};

  private final int objectType;
  private final int coreObjectType;
  private final int coreSampleRate;
  private final int sampleRate;
  private final int channelConfiguration;
  private final int channels;

  private AacAudioConfig(int objectType, int coreObjectType, int coreSampleRate, int sampleRate,
      int channelConfiguration, int channels) {
    this.objectType = objectType;
    this.coreObjectType = coreObjectType;
    this.coreSampleRate = coreSampleRate;
    this.sampleRate = sampleRate;
    this.channelConfiguration = channelConfiguration;
    this.channels = channels;
  }

  /** Parses the readable bytes of {@code config} without consuming them. */
  public static AacAudioConfig parse(ByteBuf config) {
    byte[] bytes = new byte[config.readableBytes()];
    config.getBytes(config.readerIndex(), bytes);
    return parse(bytes);
  }

  public static AacAudioConfig parse(byte[] config) {
    BitReader r = new BitReader(config, 0, config.length, "AudioSpecificConfig");
    int objectType = readObjectType(r);
    int coreSampleRate = readSamplingFrequency(r, "samplingFrequency");
    int channelConfiguration = r.readInt(4);
    int channels = CHANNELS[channelConfiguration];
    if (channels < 0) {
      throw new FlvFormatException("AudioSpecificConfig malformed: reserved channelConfiguration "
          + channelConfiguration);
    }
    int coreObjectType = objectType;
    int sampleRate = coreSampleRate;
    if (objectType == AOT_SBR || objectType == AOT_PS) {
      // SBR doubles the output rate over the core AAC rate; the extension rate is what the
      // decoder actually outputs and what a player reports.
      sampleRate = readSamplingFrequency(r, "extensionSamplingFrequency");
      coreObjectType = readObjectType(r);
      if (coreObjectType == AOT_ER_BSAC) {
        r.skipBits(4); // extensionChannelConfiguration
      }
      // Parametric stereo rebuilds stereo from a mono core.
      if (objectType == AOT_PS && channelConfiguration == 1) {
        channels = 2;
      }
    }
    return new AacAudioConfig(objectType, coreObjectType, coreSampleRate, sampleRate,
        channelConfiguration, channels);
  }

  private static int readObjectType(BitReader r) {
    int aot = r.readInt(5);
    if (aot == AOT_ESCAPE) {
      aot = 32 + r.readInt(6);
    }
    if (aot == 0) {
      throw new FlvFormatException("AudioSpecificConfig malformed: audio object type 0 (null)");
    }
    return aot;
  }

  private static int readSamplingFrequency(BitReader r, String field) {
    int index = r.readInt(4);
    if (index == FREQUENCY_EXPLICIT) {
      int explicit = r.readInt(24);
      if (explicit == 0) {
        throw new FlvFormatException("AudioSpecificConfig malformed: " + field + " 0 Hz");
      }
      return explicit;
    }
    if (index >= SAMPLING_FREQUENCIES.length) {
      throw new FlvFormatException("AudioSpecificConfig malformed: reserved " + field
          + "Index " + index);
    }
    return SAMPLING_FREQUENCIES[index];
  }

  /** The signalled audio object type: 2 AAC-LC, 5 HE-AAC (SBR), 29 HE-AACv2 (SBR+PS), ... */
  public int objectType() {
    return objectType;
  }

  /** The object type of the core coder; equals {@link #objectType()} unless SBR/PS is signalled. */
  public int coreObjectType() {
    return coreObjectType;
  }

  /** RFC 6381 codecs parameter: "mp4a.40." + the signalled object type in decimal. */
  public String codecsString() {
    return "mp4a.40." + objectType;
  }

  /** Output sample rate in Hz (for SBR the extension rate, typically twice the core rate). */
  public int sampleRate() {
    return sampleRate;
  }

  /** The core AAC coder's sample rate in Hz. */
  public int coreSampleRate() {
    return coreSampleRate;
  }

  public int channelConfiguration() {
    return channelConfiguration;
  }

  /** Output channel count; 0 when channelConfiguration is 0 (layout given by a PCE instead). */
  public int channels() {
    return channels;
  }

  @Override
  public String toString() {
    return "AacAudioConfig{" + codecsString() + ", " + sampleRate + " Hz, " + channels + " ch}";
  }
}
