package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.ingest.rtmp.ChunkBytes.chunks;
import static org.ownerless.ingest.rtmp.ChunkBytes.sequence;
import static org.ownerless.ingest.rtmp.MessageTypes.ABORT;
import static org.ownerless.ingest.rtmp.MessageTypes.ACKNOWLEDGEMENT;
import static org.ownerless.ingest.rtmp.MessageTypes.AUDIO;
import static org.ownerless.ingest.rtmp.MessageTypes.COMMAND_AMF0;
import static org.ownerless.ingest.rtmp.MessageTypes.SET_CHUNK_SIZE;
import static org.ownerless.ingest.rtmp.MessageTypes.USER_CONTROL;
import static org.ownerless.ingest.rtmp.MessageTypes.VIDEO;
import static org.ownerless.ingest.rtmp.MessageTypes.WINDOW_ACK_SIZE;
import static org.ownerless.ingest.rtmp.Received.message;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hand-built chunk sequences for each header form and control message of RTMP 1.0 §5.3–5.4. */
class ChunkDecoderTest {
  private final ChunkDecoder decoder = new ChunkDecoder();
  private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  private List<Received> decode(ChunkBytes bytes) {
    return Received.of(Inbound.byteAtATime(channel, bytes.toArray()));
  }

  @Test
  void aType0ChunkCarriesAWholeSmallMessageEvenWhenItArrivesByteByByte() {
    List<Received> received = decode(chunks().type0(3, 1000, 5, COMMAND_AMF0, 0).payload("hello"));

    assertThat(received).containsExactly(message(3, COMMAND_AMF0, 1000, 0, ascii("hello")));
  }

  @Test
  void theMessageStreamIdIsLittleEndian() {
    List<Received> received = decode(chunks().u8(0x04).u24(0).u24(1).u8(AUDIO).u8(0x04).u8(0x03).u8(0x02).u8(0x01).u8(0xAA));

    assertThat(received).extracting(Received::messageStreamId).containsExactly(0x01020304);
  }

  @Test
  void aType1HeaderAddsItsDeltaAndReplacesLengthAndType() {
    List<Received> received = decode(chunks()
        .type0(4, 1000, 3, AUDIO, 1).counting(0, 3)
        .type1(4, 20, 5, VIDEO).counting(10, 5));

    assertThat(received).containsExactly(
        message(4, AUDIO, 1000, 1, sequence(0, 3)),
        message(4, VIDEO, 1020, 1, sequence(10, 5)));
  }

  @Test
  void aType2HeaderAddsItsDeltaAndKeepsLengthAndType() {
    List<Received> received = decode(chunks()
        .type0(4, 1000, 3, AUDIO, 1).counting(0, 3)
        .type2(4, 23).counting(10, 3));

    assertThat(received).containsExactly(
        message(4, AUDIO, 1000, 1, sequence(0, 3)),
        message(4, AUDIO, 1023, 1, sequence(10, 3)));
  }

  @Test
  void aType3HeaderThatStartsAMessageRepeatsThePreviousDelta() {
    List<Received> received = decode(chunks()
        .type0(4, 1000, 2, AUDIO, 1).counting(0, 2)
        .type2(4, 40).counting(2, 2)
        .type3(4).counting(4, 2)
        .type3(4).counting(6, 2));

    assertThat(received).extracting(Received::timestamp).containsExactly(1000L, 1040L, 1080L, 1120L);
    assertThat(received).extracting(Received::payloadHex).containsExactly("0001", "0203", "0405", "0607");
  }

  @Test
  void aType3HeaderRightAfterAType0HeaderUsesThatTimestampAsItsDeltaAsTheSpecificationSays() {
    List<Received> received = decode(chunks()
        .type0(4, 100, 1, AUDIO, 1).counting(0, 1)
        .type3(4).counting(1, 1));

    assertThat(received).extracting(Received::timestamp).containsExactly(100L, 200L);
  }

  @Test
  void aMessageLongerThanTheChunkSizeContinuesInType3Chunks() {
    List<Received> received = decode(chunks()
        .type0(5, 7, 300, VIDEO, 1).counting(0, 128)
        .type3(5).counting(128, 128)
        .type3(5).counting(256, 44));

    assertThat(received).containsExactly(message(5, VIDEO, 7, 1, sequence(0, 300)));
  }

  @Test
  void chunksOfDifferentChunkStreamsMayInterleave() {
    List<Received> received = decode(chunks()
        .type0(4, 0, 200, AUDIO, 1).counting(0, 128)
        .type0(6, 5, 10, VIDEO, 1).counting(50, 10)
        .type3(4).counting(128, 72));

    assertThat(received).containsExactly(
        message(6, VIDEO, 5, 1, sequence(50, 10)),
        message(4, AUDIO, 0, 1, sequence(0, 200)));
  }

  @Test
  void anExtendedTimestampIsRepeatedOnType3ContinuationChunksAndIsNotPayload() {
    List<Received> received = decode(chunks()
        .type0(4, 0xFFFFFF, 200, VIDEO, 1).extended(0x12345678L).counting(0, 128)
        .type3(4).extended(0x12345678L).counting(128, 72));

    assertThat(received).containsExactly(message(4, VIDEO, 0x12345678L, 1, sequence(0, 200)));
  }

  @Test
  void anExtendedTimestampExactlyAtTheMarkerValueIsRead() {
    List<Received> received = decode(chunks()
        .type0(4, 0xFFFFFF, 1, VIDEO, 1).extended(0xFFFFFF).counting(0, 1));

    assertThat(received).extracting(Received::timestamp).containsExactly(0xFFFFFFL);
  }

  @Test
  void aType3HeaderThatStartsAMessageAfterAnExtendedDeltaCarriesTheDeltaAgain() {
    List<Received> received = decode(chunks()
        .type0(4, 0, 1, AUDIO, 1).counting(0, 1)
        .type2(4, 0xFFFFFF).extended(0x01000000).counting(1, 1)
        .type3(4).extended(0x01000000).counting(2, 1));

    assertThat(received).extracting(Received::timestamp).containsExactly(0L, 0x01000000L, 0x02000000L);
    assertThat(received).extracting(Received::payloadHex).containsExactly("00", "01", "02");
  }

  @Test
  void anExtendedDeltaOnAType1HeaderIsAddedLikeAnyOther() {
    List<Received> received = decode(chunks()
        .type0(4, 10, 1, AUDIO, 1).counting(0, 1)
        .type1(4, 0xFFFFFF, 2, VIDEO).extended(0x7000_0000L).counting(1, 2));

    assertThat(received).extracting(Received::timestamp).containsExactly(10L, 0x7000_000AL);
  }

  @Test
  void timestampsWrapAroundAtTwoToThe32() {
    List<Received> received = decode(chunks()
        .type0(4, 0xFFFFFF, 1, AUDIO, 1).extended(0xFFFFFFF0L).counting(0, 1)
        .type2(4, 0x20).counting(1, 1));

    assertThat(received).extracting(Received::timestamp).containsExactly(0xFFFFFFF0L, 0x10L);
  }

  @Test
  void aSetChunkSizeMessageIsConsumedAndChangesHowLaterChunksAreSplit() {
    List<Received> received = decode(chunks()
        .control(SET_CHUNK_SIZE, 200)
        .type0(4, 0, 300, VIDEO, 1).counting(0, 200)
        .type3(4).counting(200, 100));

    assertThat(received).containsExactly(message(4, VIDEO, 0, 1, sequence(0, 300)));
    assertThat(decoder.chunkSize()).isEqualTo(200);
  }

  @Test
  void aSetChunkSizeArrivingMidMessageAppliesToTheRemainingChunksOfThatMessage() {
    List<Received> received = decode(chunks()
        .type0(4, 0, 400, VIDEO, 1).counting(0, 128)
        .control(SET_CHUNK_SIZE, 100)
        .type3(4).counting(128, 100)
        .type3(4).counting(228, 100)
        .type3(4).counting(328, 72));

    assertThat(received).containsExactly(message(4, VIDEO, 0, 1, sequence(0, 400)));
  }

  @Test
  void setChunkSizeReadsThe31BitValueAndIgnoresTheReservedTopBit() {
    decode(chunks().control(SET_CHUNK_SIZE, 0x8000_0100L));

    assertThat(decoder.chunkSize()).isEqualTo(256);
  }

  @Test
  void anAbortMessageDropsThePartialMessageOfItsChunkStream() {
    List<Received> received = decode(chunks()
        .type0(4, 0, 300, VIDEO, 1).counting(0, 128)
        .control(ABORT, 4)
        .type0(4, 40, 3, AUDIO, 1).counting(9, 3));

    assertThat(received).containsExactly(message(4, AUDIO, 40, 1, sequence(9, 3)));
    assertThat(decoder.pendingBytes()).isZero();
    assertThat(decoder.pendingCapacity()).isZero();
  }

  @Test
  void anAbortForAChunkStreamWithNothingInProgressIsIgnored() {
    List<Received> received = decode(chunks()
        .control(ABORT, 9)
        .type0(4, 0, 1, AUDIO, 1).counting(0, 1));

    assertThat(received).hasSize(1);
  }

  @Test
  void otherProtocolControlMessagesReachTheSession() {
    List<Received> received = decode(chunks()
        .control(WINDOW_ACK_SIZE, 2_500_000)
        .control(ACKNOWLEDGEMENT, 4096)
        .type0(2, 0, 6, USER_CONTROL, 0).u8(0).u8(3).u32(1).u8(0).u8(0));

    assertThat(received).extracting(Received::typeId).containsExactly(WINDOW_ACK_SIZE, ACKNOWLEDGEMENT, USER_CONTROL);
    assertThat(received.get(0).payloadHex()).isEqualTo("002625a0");
  }

  @Test
  void allThreeBasicHeaderFormsAreRead() {
    List<Received> received = decode(chunks()
        .type0(63, 0, 1, AUDIO, 1).u8(1)
        .type0(64, 0, 1, AUDIO, 1).u8(2)
        .type0(319, 0, 1, AUDIO, 1).u8(3)
        .type0(320, 0, 1, AUDIO, 1).u8(4)
        .type0(65599, 0, 1, AUDIO, 1).u8(5)
        .basic3(0, 100).u24(0).u24(1).u8(AUDIO).u32le(1).u8(6)
        .basic3(3, 64).u8(7));

    assertThat(received).extracting(Received::chunkStreamId).containsExactly(63, 64, 319, 320, 65599, 100, 64);
    assertThat(received).extracting(Received::payloadHex).containsExactly("01", "02", "03", "04", "05", "06", "07");
  }

  @Test
  void aZeroLengthMessageIsEmittedRightAfterItsHeader() {
    List<Received> received = decode(chunks().type0(3, 0, 0, COMMAND_AMF0, 0));

    assertThat(received).containsExactly(message(3, COMMAND_AMF0, 0, 0, new byte[0]));
  }

  @Test
  void bytesReceivedCountsEveryByteThatArrivedIncludingAnUnfinishedHeader() {
    byte[] bytes = chunks().type0(3, 0, 5, COMMAND_AMF0, 0).payload("hello").type0(3, 0, 9, 0, 0).toArray();
    byte[] withPartialHeader = Arrays.copyOf(bytes, bytes.length - 4);

    Inbound.release(Inbound.whole(channel, withPartialHeader));

    assertThat(decoder.bytesReceived()).isEqualTo(withPartialHeader.length);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
