package org.ownerless.ingest.rtmp.amf;

import static org.ownerless.ingest.rtmp.amf.Amf0.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes Java values as AMF0.
 *
 * <p>The writer refuses anything {@link Amf0Reader} would refuse (nesting beyond {@link
 * Amf0Reader#MAX_DEPTH}, containers beyond {@link Amf0Reader#MAX_ENTRIES}), so whatever this server
 * sends, another ownerless node can read; the depth cap also turns a self-referencing map into an
 * exception instead of a stack overflow. On failure nothing is left half-written in the buffer.
 */
public final class Amf0Writer {
  /** ECMAScript's Date range (ECMA-262, "Time Values"): AMF0 dates are ActionScript Dates. */
  private static final long MAX_DATE_MILLIS = 8_640_000_000_000_000L;

  private Amf0Writer() {}

  public static void write(ByteBuf out, Object value) {
    int start = out.writerIndex();
    try {
      writeValue(out, value, 0);
    } catch (RuntimeException e) {
      out.writerIndex(start);
      throw e;
    }
  }

  public static void writeAll(ByteBuf out, Object... values) {
    Objects.requireNonNull(values, "values (pass an Object[] holding null to write a single AMF0 null)");
    int start = out.writerIndex();
    try {
      for (Object value : values) {
        writeValue(out, value, 0);
      }
    } catch (RuntimeException e) {
      out.writerIndex(start);
      throw e;
    }
  }

  /** {@code depth} counts the containers enclosing the value about to be written. */
  private static void writeValue(ByteBuf out, Object value, int depth) {
    if (value == null) {
      out.writeByte(NULL_MARKER);
    } else if (value == UNDEFINED) {
      out.writeByte(UNDEFINED_MARKER);
    } else if (value instanceof Number number) {
      out.writeByte(NUMBER_MARKER);
      out.writeDouble(number.doubleValue());
    } else if (value instanceof Boolean bool) {
      out.writeByte(BOOLEAN_MARKER);
      out.writeByte(bool ? 1 : 0);
    } else if (value instanceof String text) {
      writeString(out, text);
    } else if (value instanceof EcmaArray array) {
      int inner = enter(depth, array.entries().size());
      out.writeByte(ECMA_ARRAY_MARKER);
      out.writeInt(array.entries().size());
      writeProperties(out, array.entries(), inner);
    } else if (value instanceof Map<?, ?> map) {
      int inner = enter(depth, map.size());
      out.writeByte(OBJECT_MARKER);
      writeProperties(out, map, inner);
    } else if (value instanceof List<?> list) {
      int inner = enter(depth, list.size());
      out.writeByte(STRICT_ARRAY_MARKER);
      out.writeInt(list.size());
      for (Object element : list) {
        writeValue(out, element, inner);
      }
    } else if (value instanceof Instant instant) {
      writeDate(out, instant);
    } else {
      throw new IllegalArgumentException("AMF0 has no encoding for " + value.getClass().getName());
    }
  }

  private static int enter(int depth, int size) {
    if (depth >= Amf0Reader.MAX_DEPTH) {
      throw new IllegalArgumentException(
          "containers nested deeper than " + Amf0Reader.MAX_DEPTH + " (or a container contains itself)");
    }
    if (size > Amf0Reader.MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "container has " + size + " entries (limit " + Amf0Reader.MAX_ENTRIES + ")");
    }
    return depth + 1;
  }

  private static void writeProperties(ByteBuf out, Map<?, ?> properties, int depth) {
    for (Map.Entry<?, ?> entry : properties.entrySet()) {
      if (!(entry.getKey() instanceof String name)) {
        throw new IllegalArgumentException("AMF0 property names must be strings, got " + entry.getKey());
      }
      int length = ByteBufUtil.utf8Bytes(name);
      if (length > MAX_SHORT_STRING_BYTES) {
        throw new IllegalArgumentException("property name of " + length + " UTF-8 bytes exceeds " + MAX_SHORT_STRING_BYTES);
      }
      writeUtf8(out, name, length, false);
      writeValue(out, entry.getValue(), depth);
    }
    // The object end is an empty property name followed by the end marker.
    out.writeShort(0);
    out.writeByte(OBJECT_END_MARKER);
  }

  private static void writeString(ByteBuf out, String text) {
    int length = ByteBufUtil.utf8Bytes(text);
    boolean longForm = length > MAX_SHORT_STRING_BYTES;
    out.writeByte(longForm ? LONG_STRING_MARKER : STRING_MARKER);
    writeUtf8(out, text, length, longForm);
  }

  /** Unpaired surrogates are written as '?' (Netty's choice), which {@code utf8Bytes} already counts. */
  private static void writeUtf8(ByteBuf out, String text, int length, boolean longForm) {
    if (longForm) {
      out.writeInt(length);
    } else {
      out.writeShort(length);
    }
    ByteBufUtil.reserveAndWriteUtf8(out, text, length);
  }

  private static void writeDate(ByteBuf out, Instant instant) {
    long millis;
    try {
      millis = instant.toEpochMilli();
    } catch (ArithmeticException e) {
      millis = Long.MAX_VALUE;
    }
    if (millis > MAX_DATE_MILLIS || millis < -MAX_DATE_MILLIS) {
      throw new IllegalArgumentException(instant + " is outside the ActionScript Date range");
    }
    out.writeByte(DATE_MARKER);
    // Sub-millisecond precision has no place in the format; it is truncated towards the past.
    out.writeDouble(millis);
    // The specification requires time zone 0: the instant is already UTC.
    out.writeShort(0);
  }
}
