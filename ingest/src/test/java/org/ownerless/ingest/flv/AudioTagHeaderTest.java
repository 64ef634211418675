package org.ownerless.ingest.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ownerless.ingest.flv.Hex.bytes;
import static org.ownerless.ingest.flv.RealEncoderFixtures.AAC_SEQUENCE_HEADER_44100_STEREO;

import org.junit.jupiter.api.Test;

class AudioTagHeaderTest {

  @Test
  void aacSequenceHeaderFromARealEncoderIsRecognised() {
    AudioTagHeader h = AudioTagHeader.parse(bytes(AAC_SEQUENCE_HEADER_44100_STEREO));
    assertThat(h.soundFormat()).isEqualTo(AudioTagHeader.SOUND_FORMAT_AAC);
    assertThat(h.isAac()).isTrue();
    assertThat(h.codec()).isEqualTo("mp4a");
    assertThat(h.soundRate()).isEqualTo(3);
    assertThat(h.soundSize()).isEqualTo(1);
    assertThat(h.soundType()).isEqualTo(1);
    assertThat(h.isSequenceHeader()).isTrue();
    assertThat(h.packetType()).isZero();
    assertThat(h.headerLength()).isEqualTo(2);
  }

  @Test
  void aacRawFrameIsNotASequenceHeader() {
    AudioTagHeader h = AudioTagHeader.parse(bytes("af01210a"));
    assertThat(h.packetType()).isEqualTo(AudioTagHeader.PACKET_CODED_FRAMES);
    assertThat(h.isSequenceHeader()).isFalse();
  }

  @Test
  void rateSizeAndTypeBitsAreSplitOut() {
    // MP3 (2), 22 kHz (2), 8-bit (0), mono (0): 0010 10 0 0
    AudioTagHeader h = AudioTagHeader.parse(bytes("28fffb"));
    assertThat(h.soundFormat()).isEqualTo(2);
    assertThat(h.codec()).isEqualTo(".mp3");
    assertThat(h.soundRate()).isEqualTo(2);
    assertThat(h.soundSize()).isZero();
    assertThat(h.soundType()).isZero();
    assertThat(h.isAac()).isFalse();
    assertThat(h.packetType()).isEqualTo(-1);
    assertThat(h.isSequenceHeader()).isFalse();
    assertThat(h.headerLength()).isEqualTo(1);
  }

  @Test
  void otherLegacyFormatsGetAGenericName() {
    assertThat(AudioTagHeader.parse(bytes("b2")).codec()).isEqualTo("flv-sound-11");
  }

  @Test
  void enhancedOpusSequenceStartIsRecognised() {
    AudioTagHeader h = AudioTagHeader.parse(bytes("90" + "4f707573" + "4f707573486561640102"));
    assertThat(h.isEnhanced()).isTrue();
    assertThat(h.codec()).isEqualTo("Opus");
    assertThat(h.isSequenceHeader()).isTrue();
    assertThat(h.isAac()).isFalse();
    assertThat(h.soundRate()).isEqualTo(-1);
    assertThat(h.headerLength()).isEqualTo(5);
  }

  @Test
  void enhancedAacWithModExIsRecognised() {
    AudioTagHeader h = AudioTagHeader.parse(bytes("97" + "00" + "2a" + "01" + "6d703461"));
    assertThat(h.isAac()).isTrue();
    assertThat(h.packetType()).isEqualTo(AudioTagHeader.PACKET_CODED_FRAMES);
    assertThat(h.headerLength()).isEqualTo(8);
  }

  @Test
  void truncatedAndReservedHeadersThrowClearly() {
    assertThatThrownBy(() -> AudioTagHeader.parse(new byte[0]))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> AudioTagHeader.parse(bytes("af")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("AACPacketType");
    assertThatThrownBy(() -> AudioTagHeader.parse(bytes("af02")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("AACPacketType 2");
    assertThatThrownBy(() -> AudioTagHeader.parse(bytes("904f70")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("FourCC");
    assertThatThrownBy(() -> AudioTagHeader.parse(bytes("95" + "00" + "4f707573")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("Multitrack");
    assertThatThrownBy(() -> AudioTagHeader.parse(bytes("93" + "4f707573")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("AudioPacketType 3");
    assertThatThrownBy(() -> AudioTagHeader.parse(bytes("97" + "ff")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("ModEx");
  }
}
