package org.ownerless.ingest.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Input from a publisher is untrusted: it must be refused with {@link Amf0Exception}, quickly,
 * without the decoder allocating what the input merely claims to need.
 */
class Amf0HostileInputTest {

  /** Far above what refusing any of these inputs needs, far below what trusting their counts costs. */
  private static final long ALLOCATION_BUDGET = 1 << 20;

  private static Amf0Exception refusal(ByteBuf in) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    Throwable thrown = catchThrowable(() -> Amf0Reader.readAll(in));
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    assertThat(thrown).isInstanceOf(Amf0Exception.class);
    assertThat(allocated).as("bytes allocated while refusing").isLessThan(ALLOCATION_BUDGET);
    return (Amf0Exception) thrown;
  }

  private static Amf0Exception refusal(String spacedHex) {
    return refusal(Hex.buffer(spacedHex));
  }

  private static Object everyType() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("number", 1.5);
    all.put("boolean", true);
    all.put("string", "connect");
    all.put("long", "x".repeat(70_000));
    all.put("null", null);
    all.put("undefined", Amf0.UNDEFINED);
    all.put("ecma", new EcmaArray(Map.of("k", "v")));
    all.put("strict", Arrays.asList(1.0, null, List.of()));
    all.put("date", Instant.ofEpochMilli(1_500_000_000_000L));
    all.put("", Map.of());
    return all;
  }

  @Test
  void aValueCutOffAtAnyBytePositionIsRefusedAsTruncated() {
    ByteBuf whole = Unpooled.buffer();
    Amf0Writer.write(whole, everyType());
    byte[] bytes = ByteBufUtil.getBytes(whole);
    for (int length = 0; length < bytes.length; length++) {
      ByteBuf cut = Unpooled.wrappedBuffer(bytes, 0, length);
      Throwable thrown = catchThrowable(() -> Amf0Reader.read(cut));
      assertThat(thrown).as("cut after %d of %d bytes", length, bytes.length)
          .isInstanceOf(Amf0Exception.class)
          .hasMessageContainingAll("byte offset");
      assertThat(cut.readerIndex()).as("reader index restored").isZero();
    }
    assertThat(Amf0Reader.read(Unpooled.wrappedBuffer(bytes))).isNotNull();
  }

  @Test
  void aStringClaimingSixtyFiveThousandBytesWithThreeLeftIsRefusedAtItsLength() {
    Amf0Exception e = refusal("02 ff ff 61 62 63");
    assertThat(e.offset()).isEqualTo(1);
    assertThat(e).hasMessageContainingAll("65535", "3", "byte offset 1");
  }

  @Test
  void aLongStringClaimingFourGigabytesIsRefusedWithoutAllocating() {
    assertThat(refusal("0c ff ff ff ff 61")).hasMessageContaining("4294967295");
    assertThat(refusal("0f ff ff ff ff 61")).hasMessageContaining("XML document");
  }

  @Test
  void aStrictArrayClaimingTwoBillionElementsIsRefusedWithoutAllocating() {
    Amf0Exception e = refusal("0a 7f ff ff ff 05 05 05");
    assertThat(e).hasMessageContaining("2147483647");
    assertThat(e.offset()).isZero();
  }

  @Test
  void aStrictArrayOverTheEntryLimitIsRefusedEvenWhenTheBytesAreThere() {
    int count = Amf0Reader.MAX_ENTRIES + 1;
    ByteBuf in = Unpooled.buffer().writeByte(Amf0.STRICT_ARRAY_MARKER).writeInt(count);
    for (int i = 0; i < count; i++) {
      in.writeByte(Amf0.NULL_MARKER);
    }
    assertThat(refusal(in)).hasMessageContaining("limit 1024");
  }

  @Test
  void anObjectOverTheEntryLimitIsRefusedButOneAtTheLimitIsRead() {
    ByteBuf atLimit = objectOfNulls(Amf0Reader.MAX_ENTRIES);
    assertThat((Map<?, ?>) Amf0Reader.read(atLimit)).hasSize(Amf0Reader.MAX_ENTRIES);
    assertThat(refusal(objectOfNulls(Amf0Reader.MAX_ENTRIES + 1))).hasMessageContaining("more than 1024 entries");
  }

  private static ByteBuf objectOfNulls(int entries) {
    ByteBuf in = Unpooled.buffer().writeByte(Amf0.ECMA_ARRAY_MARKER).writeInt(0);
    for (int i = 0; i < entries; i++) {
      byte[] name = Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      in.writeShort(name.length).writeBytes(name).writeByte(Amf0.NULL_MARKER);
    }
    return in.writeShort(0).writeByte(Amf0.OBJECT_END_MARKER);
  }

  @Test
  void aThousandNestedObjectsAreRefusedAtTheDepthLimit() {
    ByteBuf in = Unpooled.buffer();
    for (int i = 0; i < 1000; i++) {
      in.writeByte(Amf0.OBJECT_MARKER).writeShort(1).writeByte('a');
    }
    Amf0Exception e = refusal(in);
    assertThat(e).hasMessageContaining("nested deeper than 16");
    assertThat(e.offset()).isEqualTo(16 * 4);
  }

  @Test
  void aThousandNestedArraysOfEveryContainerKindAreRefusedAtTheDepthLimit() {
    ByteBuf arrays = Unpooled.buffer();
    ByteBuf mixed = Unpooled.buffer();
    for (int i = 0; i < 1000; i++) {
      arrays.writeByte(Amf0.STRICT_ARRAY_MARKER).writeInt(1);
      switch (i % 3) {
        case 0 -> mixed.writeByte(Amf0.ECMA_ARRAY_MARKER).writeInt(1).writeShort(1).writeByte('a');
        case 1 -> mixed.writeByte(Amf0.TYPED_OBJECT_MARKER).writeShort(1).writeByte('T').writeShort(1).writeByte('a');
        default -> mixed.writeByte(Amf0.STRICT_ARRAY_MARKER).writeInt(1);
      }
    }
    assertThat(refusal(arrays)).hasMessageContaining("nested deeper");
    assertThat(refusal(mixed)).hasMessageContaining("nested deeper");
  }

  @Test
  void sixteenLevelsOfNestingAreStillAccepted() {
    ByteBuf in = Unpooled.buffer();
    for (int i = 0; i < Amf0Reader.MAX_DEPTH; i++) {
      in.writeByte(Amf0.STRICT_ARRAY_MARKER).writeInt(1);
    }
    in.writeByte(Amf0.NULL_MARKER);
    assertThat(Amf0Reader.read(in)).isInstanceOf(List.class);
  }

  @Test
  void aReferenceIsRefused() {
    assertThat(refusal("07 00 01")).hasMessageContaining("references are not supported");
    assertThat(refusal("03 00 01 61 07 00 00 00 00 09")).hasMessageContaining("byte offset 4");
  }

  @Test
  void anAmf3SwitchIsRefusedNamingItsMarker() {
    assertThat(refusal("11 06 07 61 62 63")).hasMessageContaining("0x11");
  }

  @Test
  void reservedAndUnknownMarkersAreRefusedNamingTheMarker() {
    assertThat(refusal("04")).hasMessageContaining("0x04");
    assertThat(refusal("0e")).hasMessageContaining("0x0E");
    assertThat(refusal("ff")).hasMessageContaining("0xFF");
  }

  @Test
  void anObjectEndMarkerOutsideAnObjectIsRefused() {
    assertThat(refusal("09")).hasMessageContaining("object end marker");
    assertThat(refusal("0a 00 00 00 01 09")).hasMessageContaining("byte offset 5");
    assertThat(refusal("03 00 01 61 09")).hasMessageContaining("object end marker");
  }

  @Test
  void anObjectWithoutItsEndMarkerIsRefusedAsTruncated() {
    assertThat(refusal("03 00 03 61 70 70 02 00 04 6c 69 76 65")).hasMessageContaining("truncated");
    assertThat(refusal("03 00 00")).hasMessageContaining("truncated");
  }

  @Test
  void aDateThatIsNotANumberOrOutOfRangeIsRefused() {
    assertThat(refusal("0b 7f f8 00 00 00 00 00 00 00 00")).hasMessageContaining("Date range");
    assertThat(refusal("0b 7f f0 00 00 00 00 00 00 00 00")).hasMessageContaining("Date range");
  }

  @Test
  void moreThanTheEntryLimitOfTopLevelValuesIsRefused() {
    byte[] nulls = new byte[Amf0Reader.MAX_ENTRIES + 1];
    Arrays.fill(nulls, (byte) Amf0.NULL_MARKER);
    assertThat(refusal(Unpooled.wrappedBuffer(nulls))).hasMessageContaining("top-level");
  }

  @Test
  void aFailedReadAllLeavesTheReaderIndexWhereItWas() {
    ByteBuf in = Hex.buffer("05 05 02 00 09 61");
    in.skipBytes(1);
    catchThrowable(() -> Amf0Reader.readAll(in));
    assertThat(in.readerIndex()).isEqualTo(1);
  }

  @Test
  void garbageAfterAValidPrefixFailsTheWholeSequence() {
    List<Object> untouched = new ArrayList<>();
    Throwable thrown = catchThrowable(() -> untouched.addAll(Amf0Reader.readAll(Hex.buffer("02 00 01 61 ff"))));
    assertThat(thrown).isInstanceOf(Amf0Exception.class).hasMessageContaining("byte offset 4");
    assertThat(untouched).isEmpty();
  }
}
