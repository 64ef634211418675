package org.ownerless.ingest.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random trees of the value types RTMP messages carry. Doubles include NaN, infinities and -0.0,
 * which {@code Double.equals} compares bit-exactly, so the property also proves numbers survive
 * unchanged.
 */
class Amf0RoundTripPropertyTest {

  private static final int MAX_TREE_DEPTH = 4;

  @Property(tries = 500)
  void anyValueReadsBackAsWhatWasWritten(@ForAll("values") Object value) {
    ByteBuf wire = Unpooled.buffer();
    Amf0Writer.write(wire, value);

    Object decoded = Amf0Reader.read(wire);

    assertThat(decoded).isEqualTo(asRead(value));
    assertThat(wire.isReadable()).isFalse();
  }

  @Property(tries = 200)
  void anySequenceOfValuesReadsBackInOrder(@ForAll("sequences") List<Object> values) {
    ByteBuf wire = Unpooled.buffer();
    Amf0Writer.writeAll(wire, values.toArray());

    assertThat(Amf0Reader.readAll(wire)).isEqualTo(asRead(values));
  }

  @Property(tries = 500)
  void corruptingAnyByteOfAValidEncodingYieldsAValueOrAnAmf0ExceptionOnly(
      @ForAll("values") Object value,
      @ForAll @IntRange(min = 0) int position,
      @ForAll byte replacement) {
    ByteBuf wire = Unpooled.buffer();
    Amf0Writer.write(wire, value);
    wire.setByte(position % wire.readableBytes(), replacement);

    Throwable thrown = catchThrowable(() -> Amf0Reader.readAll(wire));

    assertThat(thrown).satisfiesAnyOf(
        t -> assertThat(t).isNull(),
        t -> assertThat(t).isInstanceOf(Amf0Exception.class));
  }

  @Property(tries = 1000)
  void arbitraryBytesYieldValuesOrAnAmf0ExceptionOnly(@ForAll @Size(max = 64) byte[] bytes) {
    Throwable thrown = catchThrowable(() -> Amf0Reader.readAll(Unpooled.wrappedBuffer(bytes)));

    assertThat(thrown).satisfiesAnyOf(
        t -> assertThat(t).isNull(),
        t -> assertThat(t).isInstanceOf(Amf0Exception.class));
  }

  @Property(tries = 200)
  void reEncodingWhatWasReadReproducesTheSameBytes(@ForAll("values") Object value) {
    ByteBuf first = Unpooled.buffer();
    Amf0Writer.write(first, value);
    byte[] sent = ByteBufUtil.getBytes(first);

    ByteBuf second = Unpooled.buffer();
    Amf0Writer.write(second, Amf0Reader.read(first));

    // Only the ECMA-array form is lost on reading; it is re-encoded as an anonymous object.
    if (!containsEcmaArray(value)) {
      assertThat(ByteBufUtil.getBytes(second)).isEqualTo(sent);
    }
  }

  @Provide
  Arbitrary<Object> values() {
    return value(MAX_TREE_DEPTH);
  }

  @Provide
  Arbitrary<List<Object>> sequences() {
    return value(2).list().ofMaxSize(6);
  }

  private static Arbitrary<Object> value(int depth) {
    Arbitrary<Object> leaf = Arbitraries.oneOf(
        Arbitraries.doubles().withStandardSpecialValues().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b),
        text().map(s -> (Object) s),
        Arbitraries.just(Amf0.UNDEFINED).map(u -> (Object) u))
        .injectNull(0.1);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> child = Arbitraries.lazy(() -> value(depth - 1));
    Arbitrary<Map<String, Object>> map = Arbitraries.maps(text(), child).ofMaxSize(5);
    return Arbitraries.frequencyOf(
        Tuple.of(4, leaf),
        Tuple.of(1, child.list().ofMaxSize(5).map(l -> (Object) l)),
        Tuple.of(1, map.map(m -> (Object) m)),
        Tuple.of(1, map.map(m -> (Object) new EcmaArray(m))));
  }

  /** Valid Unicode (no lone surrogates, which no encoding can carry), including astral code points. */
  private static Arbitrary<String> text() {
    return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
        .list().ofMaxSize(12)
        .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
  }

  /** What the reader returns for a written value: maps for both object forms. */
  private static Object asRead(Object value) {
    if (value instanceof EcmaArray array) {
      return asRead(array.entries());
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> read = new LinkedHashMap<>();
      map.forEach((k, v) -> read.put(k, asRead(v)));
      return read;
    }
    if (value instanceof List<?> list) {
      List<Object> read = new ArrayList<>();
      list.forEach(v -> read.add(asRead(v)));
      return read;
    }
    return value;
  }

  private static boolean containsEcmaArray(Object value) {
    if (value instanceof EcmaArray) {
      return true;
    }
    if (value instanceof Map<?, ?> map) {
      return map.values().stream().anyMatch(Amf0RoundTripPropertyTest::containsEcmaArray);
    }
    if (value instanceof List<?> list) {
      return list.stream().anyMatch(Amf0RoundTripPropertyTest::containsEcmaArray);
    }
    return false;
  }
}
