package org.ownerless.ingest.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.InstanceOfAssertFactories.map;

import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs are written out by hand from the AMF0 specification, not produced by the writer. */
class Amf0ReaderTest {

  @Test
  void aNumberIsReadAsADouble() {
    assertThat(Hex.decode("00 3f f0 00 00 00 00 00 00")).isEqualTo(1.0);
    assertThat(Hex.decode("00 80 00 00 00 00 00 00 00")).isEqualTo(-0.0);
  }

  @Test
  void anyNonZeroBooleanByteIsTrue() {
    assertThat(Hex.decode("01 00")).isEqualTo(false);
    assertThat(Hex.decode("01 01")).isEqualTo(true);
    assertThat(Hex.decode("01 7f")).isEqualTo(true);
  }

  @Test
  void aStringIsU16LengthAndUtf8() {
    assertThat(Hex.decode("02 00 07 63 6f 6e 6e 65 63 74")).isEqualTo("connect");
    assertThat(Hex.decode("02 00 02 c3 a9")).isEqualTo("é");
    assertThat(Hex.decode("02 00 00")).isEqualTo("");
  }

  @Test
  void malformedUtf8IsReplacedRatherThanRefused() {
    assertThat(Hex.decode("02 00 03 61 ff 62")).isEqualTo("a\uFFFDb");
  }

  @Test
  void anObjectBecomesAnInsertionOrderedMap() {
    assertThat(Hex.decode("03 00 03 61 70 70 02 00 04 6c 69 76 65 00 00 09"))
        .isEqualTo(Map.of("app", "live"));
    Object ordered = Hex.decode("03 00 01 62 01 01 00 01 61 05 00 00 09");
    assertThat(ordered).asInstanceOf(map(String.class, Object.class))
        .containsExactly(entry("b", true), entry("a", null));
  }

  @Test
  void anEmptyPropertyNameNotFollowedByTheEndMarkerIsAnOrdinaryProperty() {
    assertThat(Hex.decode("03 00 00 01 01 00 00 09")).isEqualTo(Map.of("", true));
  }

  @Test
  void nullIsJavaNullAndUndefinedAndUnsupportedAreTheUndefinedSingleton() {
    assertThat(Hex.decode("05")).isNull();
    assertThat(Hex.decode("06")).isSameAs(Amf0.UNDEFINED);
    assertThat(Hex.decode("0d")).isSameAs(Amf0.UNDEFINED);
  }

  @Test
  void anEcmaArrayBecomesAMap() {
    assertThat(Hex.decode("08 00 00 00 01 00 08 64 75 72 61 74 69 6f 6e 00 00 00 00 00 00 00 00 00 00 00 09"))
        .isEqualTo(Map.of("duration", 0.0));
  }

  @Test
  void anEcmaArrayCountIsIgnoredInFavourOfTheEndMarker() {
    String body = "00 01 61 00 3f f0 00 00 00 00 00 00 00 01 62 01 00 00 00 09";
    Map<String, Object> expected = new java.util.LinkedHashMap<>();
    expected.put("a", 1.0);
    expected.put("b", false);
    assertThat(Hex.decode("08 00 00 00 00 " + body)).isEqualTo(expected);
    assertThat(Hex.decode("08 00 00 00 01 " + body)).isEqualTo(expected);
    assertThat(Hex.decode("08 ff ff ff ff " + body)).isEqualTo(expected);
  }

  @Test
  void aStrictArrayBecomesAListOfExactlyItsCount() {
    ByteBuf in = Hex.buffer("0a 00 00 00 02 00 3f f0 00 00 00 00 00 00 02 00 01 61 05");
    assertThat(Amf0Reader.read(in)).isEqualTo(List.of(1.0, "a"));
    assertThat(in.readableBytes()).isEqualTo(1);
    assertThat(Hex.decode("0a 00 00 00 03 05 06 05")).isEqualTo(Arrays.asList(null, Amf0.UNDEFINED, null));
  }

  @Test
  void aDateBecomesAnInstantAndItsTimeZoneIsIgnored() {
    assertThat(Hex.decode("0b 40 8f 40 00 00 00 00 00 00 00")).isEqualTo(Instant.ofEpochSecond(1));
    assertThat(Hex.decode("0b 40 8f 40 00 00 00 00 00 ff c4")).isEqualTo(Instant.ofEpochSecond(1));
    assertThat(Hex.decode("0b 42 75 d3 ef 79 80 00 00 00 00")).isEqualTo(Instant.ofEpochMilli(1_500_000_000_000L));
  }

  @Test
  void aLongStringIsU32LengthAndUtf8() {
    assertThat(Hex.decode("0c 00 00 00 02 68 69")).isEqualTo("hi");
  }

  @Test
  void anXmlDocumentIsReadAsItsText() {
    assertThat(Hex.decode("0f 00 00 00 04 3c 78 2f 3e")).isEqualTo("<x/>");
  }

  @Test
  void aTypedObjectIsAMapAndItsClassNameIsDropped() {
    assertThat(Hex.decode("10 00 03 46 6f 6f 00 01 78 00 3f f0 00 00 00 00 00 00 00 00 09"))
        .isEqualTo(Map.of("x", 1.0));
  }

  @Test
  void readAllReturnsEveryValueUntilTheBufferIsEmpty() {
    ByteBuf in = Hex.buffer("02 00 07 63 6f 6e 6e 65 63 74 00 3f f0 00 00 00 00 00 00 05 06");
    assertThat(Amf0Reader.readAll(in)).containsExactly("connect", 1.0, null, Amf0.UNDEFINED);
    assertThat(in.isReadable()).isFalse();
  }

  @Test
  void readAllOfNothingIsAnEmptyList() {
    assertThat(Amf0Reader.readAll(Hex.buffer(""))).isEmpty();
  }

  @Test
  void readingStartsAtTheReaderIndexNotAtTheStartOfTheBuffer() {
    ByteBuf in = Hex.buffer("ff ff 01 01");
    in.skipBytes(2);
    assertThat(Amf0Reader.readAll(in)).containsExactly(true);
  }
}
