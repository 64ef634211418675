package org.ownerless.ingest.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ownerless.ingest.flv.Hex.bytes;
import static org.ownerless.ingest.flv.RealEncoderFixtures.AVC_END_OF_SEQUENCE;
import static org.ownerless.ingest.flv.RealEncoderFixtures.AVC_KEYFRAME_NALU_PREFIX;
import static org.ownerless.ingest.flv.RealEncoderFixtures.AVC_SEQUENCE_HEADER_1280X720;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class VideoTagHeaderTest {

  @Test
  void legacyAvcSequenceHeaderIsAKeyframeSequenceHeaderWithAFiveByteHeader() {
    VideoTagHeader h = VideoTagHeader.parse(bytes(AVC_SEQUENCE_HEADER_1280X720));
    assertThat(h.isEnhanced()).isFalse();
    assertThat(h.legacyCodecId()).isEqualTo(7);
    assertThat(h.codec()).isEqualTo("avc1");
    assertThat(h.frameType()).isEqualTo(VideoTagHeader.FRAME_KEY);
    assertThat(h.isKeyframe()).isTrue();
    assertThat(h.isSequenceHeader()).isTrue();
    assertThat(h.isCodedFrames()).isFalse();
    assertThat(h.packetType()).isEqualTo(VideoTagHeader.PACKET_SEQUENCE_START);
    assertThat(h.compositionTimeMs()).isZero();
    assertThat(h.headerLength()).isEqualTo(5);
  }

  @Test
  void legacyAvcKeyframeNaluCarriesItsCompositionTime() {
    VideoTagHeader h = VideoTagHeader.parse(bytes(AVC_KEYFRAME_NALU_PREFIX));
    assertThat(h.isKeyframe()).isTrue();
    assertThat(h.isSequenceHeader()).isFalse();
    assertThat(h.isCodedFrames()).isTrue();
    assertThat(h.compositionTimeMs()).isEqualTo(80);
    assertThat(h.headerLength()).isEqualTo(5);
  }

  @Test
  void legacyAvcInterFrameIsNotAKeyframe() {
    VideoTagHeader h = VideoTagHeader.parse(bytes("2701000028"));
    assertThat(h.frameType()).isEqualTo(VideoTagHeader.FRAME_INTER);
    assertThat(h.isKeyframe()).isFalse();
    assertThat(h.compositionTimeMs()).isEqualTo(40);
  }

  @Test
  void compositionTimeIsSigned24Bit() {
    assertThat(VideoTagHeader.parse(bytes("2701ffffd8")).compositionTimeMs()).isEqualTo(-40);
    assertThat(VideoTagHeader.parse(bytes("27017fffff")).compositionTimeMs()).isEqualTo(0x7fffff);
  }

  @Test
  void legacyAvcEndOfSequenceIsRecognised() {
    VideoTagHeader h = VideoTagHeader.parse(bytes(AVC_END_OF_SEQUENCE));
    assertThat(h.isSequenceEnd()).isTrue();
    assertThat(h.isSequenceHeader()).isFalse();
    assertThat(h.isCodedFrames()).isFalse();
  }

  @Test
  void otherLegacyCodecsHaveAOneByteHeaderAndNoPacketType() {
    VideoTagHeader h = VideoTagHeader.parse(bytes("24")); // inter frame, VP6 (codec id 4)
    assertThat(h.codec()).isEqualTo("flv-codec-4");
    assertThat(h.legacyCodecId()).isEqualTo(4);
    assertThat(h.packetType()).isEqualTo(-1);
    assertThat(h.isSequenceHeader()).isFalse();
    assertThat(h.isCodedFrames()).isTrue();
    assertThat(h.headerLength()).isEqualTo(1);
  }

  @Test
  void legacyCommandFrameNeedsNoAvcFields() {
    VideoTagHeader h = VideoTagHeader.parse(bytes("5700"));
    assertThat(h.isCommand()).isTrue();
    assertThat(h.isCodedFrames()).isFalse();
    assertThat(h.isSequenceHeader()).isFalse();
    assertThat(h.headerLength()).isEqualTo(1);
  }

  @Test
  void enhancedHvc1KeyframeSequenceStartIsRecognised() {
    // 0x90 = IsExHeader | FrameType 1 << 4 | PacketType 0 (SequenceStart), then "hvc1", hvcC...
    VideoTagHeader h = VideoTagHeader.parse(bytes("90" + "68766331" + "01016000"));
    assertThat(h.isEnhanced()).isTrue();
    assertThat(h.isKeyframe()).isTrue();
    assertThat(h.isSequenceHeader()).isTrue();
    assertThat(h.codec()).isEqualTo("hvc1");
    assertThat(h.legacyCodecId()).isEqualTo(-1);
    assertThat(h.headerLength()).isEqualTo(5);
  }

  @Test
  void enhancedHvc1CodedFramesCarryACompositionTime() {
    VideoTagHeader h = VideoTagHeader.parse(bytes("a1" + "68766331" + "000050" + "0000"));
    assertThat(h.isKeyframe()).isFalse();
    assertThat(h.frameType()).isEqualTo(VideoTagHeader.FRAME_INTER);
    assertThat(h.isCodedFrames()).isTrue();
    assertThat(h.compositionTimeMs()).isEqualTo(80);
    assertThat(h.headerLength()).isEqualTo(8);
  }

  @Test
  void enhancedCodedFramesXImpliesZeroCompositionTime() {
    VideoTagHeader h = VideoTagHeader.parse(bytes("93" + "68766331" + "00000010"));
    assertThat(h.packetType()).isEqualTo(VideoTagHeader.PACKET_CODED_FRAMES_X);
    assertThat(h.isCodedFrames()).isTrue();
    assertThat(h.compositionTimeMs()).isZero();
    assertThat(h.headerLength()).isEqualTo(5);
  }

  @Test
  void enhancedAv1CodedFramesHaveNoCompositionTime() {
    VideoTagHeader h = VideoTagHeader.parse(bytes("91" + "61763031" + "12000a"));
    assertThat(h.codec()).isEqualTo("av01");
    assertThat(h.headerLength()).isEqualTo(5);
    assertThat(h.compositionTimeMs()).isZero();
  }

  @Test
  void enhancedSequenceEndMetadataAndTsSequenceStartAreRecognised() {
    assertThat(VideoTagHeader.parse(bytes("92" + "76703039")).isSequenceEnd()).isTrue();
    VideoTagHeader metadata = VideoTagHeader.parse(bytes("94" + "68766331"));
    assertThat(metadata.packetType()).isEqualTo(VideoTagHeader.PACKET_METADATA);
    assertThat(metadata.isSequenceHeader()).isFalse();
    assertThat(metadata.isCodedFrames()).isFalse();
    assertThat(VideoTagHeader.parse(bytes("95" + "61763031")).isSequenceHeader()).isTrue();
  }

  @Test
  void enhancedModExBlocksAreSkipped() {
    // ModEx (7) with 3 bytes of data (size-1 = 2), then ModExType 0 / PacketType 1.
    VideoTagHeader h = VideoTagHeader.parse(bytes("97" + "02" + "0003e8" + "01" + "61763031"));
    assertThat(h.packetType()).isEqualTo(VideoTagHeader.PACKET_CODED_FRAMES);
    assertThat(h.codec()).isEqualTo("av01");
    assertThat(h.headerLength()).isEqualTo(10);
  }

  @Test
  void enhancedModExWithA16BitSizeIsSkipped() {
    StringBuilder hex = new StringBuilder("97" + "ff" + "0100"); // 0x0100 + 1 = 257 bytes
    hex.append("00".repeat(257)).append("03").append("68766331");
    VideoTagHeader h = VideoTagHeader.parse(bytes(hex.toString()));
    assertThat(h.packetType()).isEqualTo(VideoTagHeader.PACKET_CODED_FRAMES_X);
    assertThat(h.headerLength()).isEqualTo(1 + 1 + 2 + 257 + 1 + 4);
  }

  @Test
  void enhancedCommandFrameHasNoFourCc() {
    VideoTagHeader h = VideoTagHeader.parse(bytes("d1" + "00"));
    assertThat(h.isCommand()).isTrue();
    assertThat(h.codec()).isEqualTo(VideoTagHeader.NO_CODEC);
    assertThat(h.isCodedFrames()).isFalse();
    assertThat(h.headerLength()).isEqualTo(1);
  }

  @Test
  void enhancedMultitrackIsRejectedClearly() {
    assertThatThrownBy(() -> VideoTagHeader.parse(bytes("96" + "00" + "68766331")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("Multitrack");
  }

  @Test
  void parsingDoesNotMoveTheReaderIndex() {
    ByteBuf buf = Unpooled.wrappedBuffer(bytes("00" + AVC_SEQUENCE_HEADER_1280X720));
    buf.readByte();
    VideoTagHeader h = VideoTagHeader.parse(buf);
    assertThat(h.isSequenceHeader()).isTrue();
    assertThat(buf.readerIndex()).isEqualTo(1);
  }

  @Test
  void emptyAndTruncatedHeadersThrowClearly() {
    assertThatThrownBy(() -> VideoTagHeader.parse(new byte[0]))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> VideoTagHeader.parse(bytes("17")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("AVCPacketType");
    assertThatThrownBy(() -> VideoTagHeader.parse(bytes("170100")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("CompositionTime");
    assertThatThrownBy(() -> VideoTagHeader.parse(bytes("906876")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("FourCC");
    assertThatThrownBy(() -> VideoTagHeader.parse(bytes("91" + "68766331" + "00")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("CompositionTime");
    assertThatThrownBy(() -> VideoTagHeader.parse(bytes("97" + "05" + "0000")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("ModEx");
  }

  @Test
  void reservedValuesAreMalformed() {
    assertThatThrownBy(() -> VideoTagHeader.parse(bytes("0700000000")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("FrameType 0");
    assertThatThrownBy(() -> VideoTagHeader.parse(bytes("1703000000")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("AVCPacketType 3");
    assertThatThrownBy(() -> VideoTagHeader.parse(bytes("98" + "68766331")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("VideoPacketType 8");
    assertThatThrownBy(() -> VideoTagHeader.parse(bytes("90" + "00010203")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("FourCC");
  }
}
