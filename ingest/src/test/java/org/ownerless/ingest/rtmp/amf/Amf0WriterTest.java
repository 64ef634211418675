package org.ownerless.ingest.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected bytes are written out by hand from the AMF0 specification, not produced by the code. */
class Amf0WriterTest {

  @Test
  void numberOneIsTheNumberMarkerAndABigEndianDouble() {
    assertThat(Hex.encode(1.0)).isEqualTo("00 3f f0 00 00 00 00 00 00");
  }

  @Test
  void everyJavaNumberIsWrittenAsADouble() {
    assertThat(Hex.encode(15)).isEqualTo("00 40 2e 00 00 00 00 00 00");
    assertThat(Hex.encode(15L)).isEqualTo("00 40 2e 00 00 00 00 00 00");
    assertThat(Hex.encode(new BigDecimal("15"))).isEqualTo("00 40 2e 00 00 00 00 00 00");
    assertThat(Hex.encode(-0.0)).isEqualTo("00 80 00 00 00 00 00 00 00");
  }

  @Test
  void booleansAreOneByteAfterTheMarker() {
    assertThat(Hex.encode(true)).isEqualTo("01 01");
    assertThat(Hex.encode(false)).isEqualTo("01 00");
  }

  @Test
  void stringConnectIsMarkerU16LengthAndUtf8() {
    assertThat(Hex.encode("connect")).isEqualTo("02 00 07 63 6f 6e 6e 65 63 74");
  }

  @Test
  void stringLengthCountsUtf8BytesNotChars() {
    assertThat(Hex.encode("é")).isEqualTo("02 00 02 c3 a9");
    assertThat(Hex.encode("\uD83C\uDFA5")).isEqualTo("02 00 04 f0 9f 8e a5");
  }

  @Test
  void anUnpairedSurrogateBecomesAQuestionMarkAndTheLengthStillMatches() {
    assertThat(Hex.encode("a\uD800b")).isEqualTo("02 00 03 61 3f 62");
  }

  @Test
  void theLongStringMarkerIsUsedOnlyAboveSixtyFiveThousandFiveHundredThirtyFiveBytes() {
    ByteBuf fits = Unpooled.buffer();
    Amf0Writer.write(fits, "a".repeat(0xFFFF));
    assertThat(Hex.of(fits.slice(0, 3))).isEqualTo("02 ff ff");
    assertThat(fits.readableBytes()).isEqualTo(3 + 0xFFFF);

    ByteBuf tooLong = Unpooled.buffer();
    Amf0Writer.write(tooLong, "a".repeat(0x10000));
    assertThat(Hex.of(tooLong.slice(0, 5))).isEqualTo("0c 00 01 00 00");
    assertThat(tooLong.readableBytes()).isEqualTo(5 + 0x10000);
  }

  @Test
  void theLongStringThresholdIsInBytesSoMultiByteTextSwitchesEarlier() {
    ByteBuf out = Unpooled.buffer();
    Amf0Writer.write(out, "é".repeat(40_000));
    assertThat(Hex.of(out.slice(0, 5))).isEqualTo("0c 00 01 38 80");
  }

  @Test
  void anObjectIsNamedPropertiesThenAnEmptyNameAndTheEndMarker() {
    assertThat(Hex.encode(Map.of("app", "live")))
        .isEqualTo("03 00 03 61 70 70 02 00 04 6c 69 76 65 00 00 09");
    assertThat(Hex.encode(Map.of())).isEqualTo("03 00 00 09");
  }

  @Test
  void objectPropertiesKeepTheMapsIterationOrder() {
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("b", true);
    ordered.put("a", null);
    assertThat(Hex.encode(ordered)).isEqualTo("03 00 01 62 01 01 00 01 61 05 00 00 09");
  }

  @Test
  void nullAndUndefinedAreBareMarkers() {
    assertThat(Hex.encode(null)).isEqualTo("05");
    assertThat(Hex.encode(Amf0.UNDEFINED)).isEqualTo("06");
  }

  @Test
  void anEcmaArrayCarriesItsCountBeforeTheProperties() {
    assertThat(Hex.encode(new EcmaArray(Map.of("duration", 0.0))))
        .isEqualTo("08 00 00 00 01 00 08 64 75 72 61 74 69 6f 6e 00 00 00 00 00 00 00 00 00 00 00 09");
  }

  @Test
  void anEcmaArrayIsASnapshotOfTheCallersMap() {
    Map<String, Object> live = new HashMap<>();
    live.put("width", 1280);
    EcmaArray array = new EcmaArray(live);
    live.put("height", 720);
    assertThat(array.entries()).containsOnlyKeys("width");
  }

  @Test
  void aListIsAStrictArrayWithItsCount() {
    assertThat(Hex.encode(List.of(1.0, "a")))
        .isEqualTo("0a 00 00 00 02 00 3f f0 00 00 00 00 00 00 02 00 01 61");
    assertThat(Hex.encode(List.of())).isEqualTo("0a 00 00 00 00");
  }

  @Test
  void aDateIsMillisecondsAsADoubleAndAZeroTimeZone() {
    assertThat(Hex.encode(Instant.ofEpochSecond(1))).isEqualTo("0b 40 8f 40 00 00 00 00 00 00 00");
    assertThat(Hex.encode(Instant.ofEpochMilli(1_500_000_000_000L)))
        .isEqualTo("0b 42 75 d3 ef 79 80 00 00 00 00");
  }

  @Test
  void subMillisecondPrecisionIsTruncatedTowardsThePast() {
    assertThat(Hex.encode(Instant.ofEpochSecond(1, 999_999))).isEqualTo(Hex.encode(Instant.ofEpochSecond(1)));
  }

  @Test
  void writeAllConcatenatesValuesWithoutSeparators() {
    assertThat(Hex.encodeAll("connect", 1.0, null))
        .isEqualTo("02 00 07 63 6f 6e 6e 65 63 74 00 3f f0 00 00 00 00 00 00 05");
  }

  @Test
  void typesWithoutAnAmf0FormAreRefused() {
    assertThatThrownBy(() -> Hex.encode(new Object())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
    assertThatThrownBy(() -> Hex.encode('c')).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hex.encode(new byte[1])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hex.encode(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("property names must be strings");
  }

  @Test
  void aPropertyNameLongerThanAU16CanSayIsRefused() {
    assertThatThrownBy(() -> Hex.encode(Map.of("k".repeat(0x10000), 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void datesOutsideTheActionScriptRangeAreRefused() {
    assertThatThrownBy(() -> Hex.encode(Instant.MAX)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hex.encode(Instant.ofEpochMilli(8_640_000_000_000_001L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whatTheReaderWouldRefuseIsNotWritten() {
    List<Object> tooMany = new ArrayList<>(Arrays.asList(new Object[Amf0Reader.MAX_ENTRIES + 1]));
    assertThatThrownBy(() -> Hex.encode(tooMany)).isInstanceOf(IllegalArgumentException.class);

    Object deep = List.of();
    for (int i = 1; i < Amf0Reader.MAX_DEPTH; i++) {
      deep = List.of(deep);
    }
    Object deepest = deep;
    assertThat(Hex.encode(deepest)).startsWith("0a");
    assertThatThrownBy(() -> Hex.encode(List.of(deepest))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMapThatContainsItselfFailsCleanlyInsteadOfOverflowingTheStack() {
    Map<String, Object> loop = new HashMap<>();
    loop.put("self", loop);
    assertThatThrownBy(() -> Hex.encode(loop)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested deeper");
  }

  @Test
  void aFailedWriteLeavesNothingInTheBuffer() {
    ByteBuf out = Unpooled.buffer();
    Amf0Writer.write(out, "kept");
    int before = out.writerIndex();
    assertThatThrownBy(() -> Amf0Writer.writeAll(out, "dropped", Map.of("x", new Object())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(out.writerIndex()).isEqualTo(before);
  }
}
