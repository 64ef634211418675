package org.ownerless.ingest.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ownerless.ingest.flv.Hex.bytes;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlvWriterTest {
  private final ByteBuf out = Unpooled.buffer();

  @AfterEach
  void release() {
    out.release();
  }

  private String written() {
    return ByteBufUtil.hexDump(out);
  }

  @Test
  void headerWithAudioAndVideoIsNineBytesPlusPreviousTagSizeZero() {
    FlvWriter.writeHeader(out, true, true);
    assertThat(written()).isEqualTo("464c5601" + "05" + "00000009" + "00000000");
    assertThat(out.readableBytes()).isEqualTo(FlvWriter.HEADER_LENGTH);
  }

  @Test
  void headerFlagsAreAudio4AndVideo1() {
    FlvWriter.writeHeader(out, true, false);
    FlvWriter.writeHeader(out, false, true);
    FlvWriter.writeHeader(out, false, false);
    assertThat(written()).isEqualTo(
        "464c56010400000009" + "00000000"
            + "464c56010100000009" + "00000000"
            + "464c56010000000009" + "00000000");
  }

  @Test
  void videoTagIsHeaderPayloadAndPreviousTagSize() {
    ByteBuf payload = Unpooled.wrappedBuffer(bytes("1701000050aabbcc"));
    FlvWriter.writeTag(out, FlvWriter.TAG_VIDEO, 0x000140, payload);
    assertThat(written()).isEqualTo(
        "09" // tag type
            + "000008" // data size
            + "000140" + "00" // timestamp, extended
            + "000000" // stream id
            + "1701000050aabbcc"
            + "00000013"); // 11 + 8
  }

  @Test
  void timestampAbove24BitsGoesIntoTheExtendedByte() {
    FlvWriter.writeTag(out, FlvWriter.TAG_AUDIO, 0x12345678L, Unpooled.wrappedBuffer(bytes("af01")));
    assertThat(written()).isEqualTo("08" + "000002" + "345678" + "12" + "000000" + "af01"
        + "0000000d");
  }

  @Test
  void timestampsWrapAt2To32Milliseconds() {
    FlvWriter.writeTag(out, FlvWriter.TAG_AUDIO, (1L << 32) + 5, Unpooled.wrappedBuffer(bytes("af")));
    FlvWriter.writeTag(out, FlvWriter.TAG_AUDIO, 0xFFFFFFFFL, Unpooled.wrappedBuffer(bytes("af")));
    assertThat(written()).isEqualTo(
        "08000001" + "000005" + "00" + "000000" + "af" + "0000000c"
            + "08000001" + "ffffff" + "ff" + "000000" + "af" + "0000000c");
  }

  @Test
  void scriptTagWithEmptyPayloadHasPreviousTagSize11() {
    FlvWriter.writeTag(out, FlvWriter.TAG_SCRIPT, 0, Unpooled.EMPTY_BUFFER);
    assertThat(written()).isEqualTo("12000000" + "000000" + "00" + "000000" + "0000000b");
  }

  @Test
  void onlyTheReadableBytesAreCopiedAndThePayloadIsNotConsumed() {
    ByteBuf payload = Unpooled.wrappedBuffer(bytes("ffff1700000000"));
    payload.skipBytes(2);
    FlvWriter.writeTag(out, FlvWriter.TAG_VIDEO, 7, payload);
    assertThat(payload.readerIndex()).isEqualTo(2);
    assertThat(written()).isEqualTo("09000005" + "000007" + "00" + "000000" + "1700000000"
        + "00000010");
  }

  @Test
  void unknownTagTypesAndOversizedPayloadsAreProgrammingErrors() {
    assertThatThrownBy(() -> FlvWriter.writeTag(out, 20, 0, Unpooled.EMPTY_BUFFER))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20");
    ByteBuf big = Unpooled.wrappedBuffer(new byte[FlvWriter.MAX_TAG_DATA_SIZE + 1]);
    assertThatThrownBy(() -> FlvWriter.writeTag(out, FlvWriter.TAG_VIDEO, 0, big))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24 bits");
    assertThat(out.readableBytes()).isZero();
  }
}
