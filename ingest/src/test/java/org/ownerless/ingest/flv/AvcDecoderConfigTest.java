package org.ownerless.ingest.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ownerless.ingest.flv.Hex.bytes;
import static org.ownerless.ingest.flv.RealEncoderFixtures.AVC_SEQUENCE_HEADER_1280X720;
import static org.ownerless.ingest.flv.RealEncoderFixtures.SPS_1280X720_HIGH;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AvcDecoderConfigTest {
  private static final String RECORD_1280X720 = AVC_SEQUENCE_HEADER_1280X720.substring(10);

  @Test
  void aRealSequenceHeaderGivesItsCodecsStringAndParameterSets() {
    ByteBuf message = Unpooled.wrappedBuffer(bytes(AVC_SEQUENCE_HEADER_1280X720));
    VideoTagHeader header = VideoTagHeader.parse(message);
    AvcDecoderConfig config = AvcDecoderConfig.parse(
        message.slice(header.headerLength(), message.readableBytes() - header.headerLength()));

    assertThat(config.codecsString()).isEqualTo("avc1.64001f");
    assertThat(config.configurationVersion()).isEqualTo(1);
    assertThat(config.profileIndication()).isEqualTo(100);
    assertThat(config.profileCompatibility()).isZero();
    assertThat(config.levelIndication()).isEqualTo(31);
    assertThat(config.nalLengthSize()).isEqualTo(4);
    assertThat(config.sps()).singleElement().satisfies(
        sps -> assertThat(Hex.hex(sps)).isEqualTo(SPS_1280X720_HIGH));
    assertThat(config.pps()).singleElement().satisfies(
        pps -> assertThat(Hex.hex(pps)).isEqualTo("68ebe3cb22c0"));
    assertThat(config.firstSps().width()).isEqualTo(1280);
    assertThat(config.firstSps().height()).isEqualTo(720);
  }

  @Test
  void parsingDoesNotMoveTheReaderIndex() {
    ByteBuf record = Unpooled.wrappedBuffer(bytes(RECORD_1280X720));
    AvcDecoderConfig.parse(record);
    assertThat(record.readerIndex()).isZero();
  }

  @Test
  void codecsStringIsLowercaseHexWithConstraintFlags() {
    // Constrained Baseline 3.0: profile 66 (0x42), constraint_set0+1 (0xc0), level 30 (0x1e).
    AvcDecoderConfig config = AvcDecoderConfig.parse(bytes("0142c01effe000"));
    assertThat(config.codecsString()).isEqualTo("avc1.42c01e");
    assertThat(config.sps()).isEmpty();
    assertThat(config.pps()).isEmpty();
  }

  @Test
  void twoByteNalLengthsAndSeveralParameterSetsAreRead() {
    AvcDecoderConfig config = AvcDecoderConfig.parse(bytes(
        "01 4d 40 1e fd e2 0002 6701 0003 670203 02 0001 68 0002 6801"));
    assertThat(config.nalLengthSize()).isEqualTo(2);
    assertThat(config.sps()).extracting(Hex::hex).containsExactly("6701", "670203");
    assertThat(config.pps()).extracting(Hex::hex).containsExactly("68", "6801");
  }

  @Test
  void returnedParameterSetsAreCopies() {
    AvcDecoderConfig config = AvcDecoderConfig.parse(bytes(RECORD_1280X720));
    config.sps().get(0)[0] = 0;
    assertThat(config.sps().get(0)[0]).isEqualTo((byte) 0x67);
  }

  @Test
  void theIgnoredHighProfileExtensionMayBeAbsent() {
    byte[] full = bytes(RECORD_1280X720);
    AvcDecoderConfig config = AvcDecoderConfig.parse(Arrays.copyOf(full, full.length - 4));
    assertThat(config.pps()).hasSize(1);
  }

  @Test
  void aRecordWithoutSpsHasNoFirstSps() {
    AvcDecoderConfig config = AvcDecoderConfig.parse(bytes("0164001fffe000"));
    assertThatThrownBy(config::firstSps)
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("no SPS");
  }

  @Test
  void theWholeMessageIncludingTheTagHeaderIsNotARecord() {
    assertThatThrownBy(() -> AvcDecoderConfig.parse(bytes(AVC_SEQUENCE_HEADER_1280X720)))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("configurationVersion 23");
  }

  @Test
  void aThreeByteNalLengthIsNotAllowed() {
    assertThatThrownBy(() -> AvcDecoderConfig.parse(bytes("0164001ffee000")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("NAL length size 3");
  }

  @Test
  void aParameterSetLongerThanTheRecordIsRejectedBeforeAllocating() {
    assertThatThrownBy(() -> AvcDecoderConfig.parse(bytes("0164001fffe1ffff67")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("declares 65535 bytes");
  }

  @Test
  void anEmptyParameterSetIsRejected() {
    assertThatThrownBy(() -> AvcDecoderConfig.parse(bytes("0164001fffe10000")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("SPS 0 is empty");
  }

  @Test
  void everyTruncationOfARealRecordBeforeItsLastPpsEndsThrows() {
    byte[] full = bytes(RECORD_1280X720);
    // The last 4 bytes (fd f8 f8 00) are the optional high-profile extension, which is ignored.
    for (int len = 0; len < full.length - 4; len++) {
      byte[] cut = Arrays.copyOf(full, len);
      assertThatThrownBy(() -> AvcDecoderConfig.parse(cut))
          .as("record cut to %d bytes", len)
          .isInstanceOf(FlvFormatException.class);
    }
  }
}
