package org.ownerless.ingest.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ownerless.ingest.flv.Hex.bytes;
import static org.ownerless.ingest.flv.RealEncoderFixtures.AAC_SEQUENCE_HEADER_44100_STEREO;
import static org.ownerless.ingest.flv.RealEncoderFixtures.AAC_SEQUENCE_HEADER_48000_MONO;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class AacAudioConfigTest {

  @Test
  void aacLc44100StereoIsMp4a402() {
    AacAudioConfig c = AacAudioConfig.parse(bytes("1210"));
    assertThat(c.objectType()).isEqualTo(2);
    assertThat(c.codecsString()).isEqualTo("mp4a.40.2");
    assertThat(c.sampleRate()).isEqualTo(44100);
    assertThat(c.channels()).isEqualTo(2);
    assertThat(c.channelConfiguration()).isEqualTo(2);
  }

  @Test
  void realEncoderSequenceHeadersAfterTheirTagHeader() {
    ByteBuf stereo = Unpooled.wrappedBuffer(bytes(AAC_SEQUENCE_HEADER_44100_STEREO));
    int skip = AudioTagHeader.parse(stereo).headerLength();
    AacAudioConfig c = AacAudioConfig.parse(stereo.skipBytes(skip));
    assertThat(c.codecsString()).isEqualTo("mp4a.40.2");
    assertThat(c.sampleRate()).isEqualTo(44100);
    assertThat(c.channels()).isEqualTo(2);
    assertThat(stereo.readerIndex()).isEqualTo(2);

    AacAudioConfig mono = AacAudioConfig.parse(bytes(AAC_SEQUENCE_HEADER_48000_MONO.substring(4)));
    assertThat(mono.sampleRate()).isEqualTo(48000);
    assertThat(mono.channels()).isEqualTo(1);
  }

  @Test
  void heAacSignalsObjectType5AndOutputsTheExtensionRate() {
    // AOT 5, core 22050 Hz (index 7), stereo, extension 44100 Hz (index 4), core AOT 2:
    // 00101 0111 0010 0100 00010 + padding
    AacAudioConfig c = AacAudioConfig.parse(bytes("2b920800"));
    assertThat(c.objectType()).isEqualTo(5);
    assertThat(c.codecsString()).isEqualTo("mp4a.40.5");
    assertThat(c.coreObjectType()).isEqualTo(2);
    assertThat(c.coreSampleRate()).isEqualTo(22050);
    assertThat(c.sampleRate()).isEqualTo(44100);
    assertThat(c.channels()).isEqualTo(2);
  }

  @Test
  void heAacV2ParametricStereoOutputsStereoFromAMonoCore() {
    // AOT 29, 24000 Hz (index 6), mono, extension 48000 Hz (index 3), core AOT 2:
    // 11101 0110 0001 0011 00010 + padding
    AacAudioConfig c = AacAudioConfig.parse(bytes("eb098800"));
    assertThat(c.codecsString()).isEqualTo("mp4a.40.29");
    assertThat(c.channelConfiguration()).isEqualTo(1);
    assertThat(c.channels()).isEqualTo(2);
    assertThat(c.sampleRate()).isEqualTo(48000);
  }

  @Test
  void escapedObjectTypeAndExplicitFrequencyAreRead() {
    // AOT 31 escape + 6 bits 10 → 42 (USAC); frequency index 15 + 24-bit 0x00ac44 (44100); 6 ch:
    // 11111 001010 1111 000000001010110001000100 0110 + padding
    AacAudioConfig c = AacAudioConfig.parse(bytes("f95e015888c0"));
    assertThat(c.objectType()).isEqualTo(42);
    assertThat(c.codecsString()).isEqualTo("mp4a.40.42");
    assertThat(c.sampleRate()).isEqualTo(44100);
    assertThat(c.channels()).isEqualTo(6);
  }

  @Test
  void channelConfiguration7IsSevenPointOne() {
    assertThat(AacAudioConfig.parse(bytes("11b8")).channels()).isEqualTo(8);
  }

  @Test
  void truncatedAndReservedConfigsThrowClearly() {
    assertThatThrownBy(() -> AacAudioConfig.parse(new byte[0]))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("AudioSpecificConfig truncated");
    assertThatThrownBy(() -> AacAudioConfig.parse(bytes("12")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> AacAudioConfig.parse(bytes("f9")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> AacAudioConfig.parse(bytes("0210")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("object type 0");
    assertThatThrownBy(() -> AacAudioConfig.parse(bytes("1690"))) // frequency index 13
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("samplingFrequencyIndex 13");
    assertThatThrownBy(() -> AacAudioConfig.parse(bytes("1240"))) // channel configuration 8
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("channelConfiguration 8");
    assertThatThrownBy(() -> AacAudioConfig.parse(bytes("2b92"))) // HE-AAC cut before core AOT
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("truncated");
  }
}
