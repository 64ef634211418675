package org.ownerless.ingest.rtmp.amf;

import static org.ownerless.ingest.rtmp.amf.Amf0.*;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes AMF0 values from untrusted publishers.
 *
 * <p>Cost is bounded by the input, not by what the input claims: every declared length or count is
 * compared with the bytes actually left before anything is allocated for it, nesting is capped so
 * recursion cannot exhaust the stack, and every container is capped in entries. Since each entry
 * consumes at least one byte, decoding time and memory stay linear in the message size, which the
 * RTMP chunk layer bounds.
 *
 * <p>On failure the buffer's reader index is left where it was, so callers may log or skip the
 * whole message.
 */
public final class Amf0Reader {
  /** Deepest container nesting accepted; real commands and metadata nest two or three levels. */
  public static final int MAX_DEPTH = 16;
  /** Most entries accepted in one object, array, or top-level value sequence. */
  public static final int MAX_ENTRIES = 1024;

  /** ECMAScript's Date range (ECMA-262, "Time Values"): AMF0 dates are ActionScript Dates. */
  private static final double MAX_DATE_MILLIS = 8.64e15;

  private Amf0Reader() {}

  /** Reads values until the buffer is exhausted, as RTMP command and data messages are laid out. */
  public static List<Object> readAll(ByteBuf in) {
    int start = in.readerIndex();
    try {
      List<Object> values = new ArrayList<>();
      while (in.isReadable()) {
        if (values.size() == MAX_ENTRIES) {
          throw new Amf0Exception("more than " + MAX_ENTRIES + " top-level values", in.readerIndex());
        }
        values.add(readValue(in, 0));
      }
      return values;
    } catch (Amf0Exception e) {
      in.readerIndex(start);
      throw e;
    }
  }

  /** Reads exactly one value; the bytes after it are left unread. */
  public static Object read(ByteBuf in) {
    int start = in.readerIndex();
    try {
      return readValue(in, 0);
    } catch (Amf0Exception e) {
      in.readerIndex(start);
      throw e;
    }
  }

  /** {@code depth} counts the containers enclosing the value about to be read. */
  private static Object readValue(ByteBuf in, int depth) {
    int at = in.readerIndex();
    need(in, 1, "value marker");
    int marker = in.readUnsignedByte();
    switch (marker) {
      case NUMBER_MARKER:
        need(in, 8, "number");
        return in.readDouble();
      case BOOLEAN_MARKER:
        need(in, 1, "boolean");
        return in.readUnsignedByte() != 0;
      case STRING_MARKER:
        return readShortString(in, "string");
      case OBJECT_MARKER:
        return readProperties(in, enter(depth, at), "object");
      case NULL_MARKER:
        return null;
      case UNDEFINED_MARKER:
      case UNSUPPORTED_MARKER:
        return UNDEFINED;
      case REFERENCE_MARKER:
        throw new Amf0Exception("references are not supported", at);
      case ECMA_ARRAY_MARKER: {
        int inner = enter(depth, at);
        // The count is only a hint and some encoders get it wrong; the end marker is authoritative.
        need(in, 4, "ECMA array count");
        in.skipBytes(4);
        return readProperties(in, inner, "ECMA array");
      }
      case OBJECT_END_MARKER:
        throw new Amf0Exception("object end marker outside an object", at);
      case STRICT_ARRAY_MARKER:
        return readStrictArray(in, enter(depth, at), at);
      case DATE_MARKER:
        return readDate(in, at);
      case LONG_STRING_MARKER:
        return readLongString(in, "long string");
      case XML_DOCUMENT_MARKER:
        return readLongString(in, "XML document");
      case TYPED_OBJECT_MARKER: {
        int inner = enter(depth, at);
        // The class name only matters to ActionScript deserialisation; the data is in the properties.
        readShortString(in, "typed object class name");
        return readProperties(in, inner, "typed object");
      }
      case AVMPLUS_OBJECT_MARKER:
        throw new Amf0Exception("AMF3 values (marker 0x11) are not supported", at);
      default:
        throw new Amf0Exception(String.format("unknown AMF0 marker 0x%02X", marker), at);
    }
  }

  private static int enter(int depth, int at) {
    if (depth >= MAX_DEPTH) {
      throw new Amf0Exception("containers nested deeper than " + MAX_DEPTH, at);
    }
    return depth + 1;
  }

  private static Map<String, Object> readProperties(ByteBuf in, int depth, String what) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (int count = 0; ; count++) {
      int at = in.readerIndex();
      String name = readShortString(in, what + " property name");
      // An empty name is legal on its own; only empty name + end marker closes the object.
      if (name.isEmpty()) {
        need(in, 1, what + " value marker");
        if (in.getUnsignedByte(in.readerIndex()) == OBJECT_END_MARKER) {
          in.skipBytes(1);
          return properties;
        }
      }
      if (count == MAX_ENTRIES) {
        throw new Amf0Exception(what + " has more than " + MAX_ENTRIES + " entries", at);
      }
      properties.put(name, readValue(in, depth));
    }
  }

  private static List<Object> readStrictArray(ByteBuf in, int depth, int at) {
    need(in, 4, "strict array count");
    long count = in.readUnsignedInt();
    // Every element takes at least its marker byte, so a larger count is a lie.
    if (count > in.readableBytes()) {
      throw new Amf0Exception(
          "strict array declares " + count + " elements but only " + in.readableBytes() + " bytes are left", at);
    }
    if (count > MAX_ENTRIES) {
      throw new Amf0Exception("strict array declares " + count + " elements (limit " + MAX_ENTRIES + ")", at);
    }
    List<Object> elements = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      elements.add(readValue(in, depth));
    }
    return elements;
  }

  private static Instant readDate(ByteBuf in, int at) {
    need(in, 10, "date");
    double millis = in.readDouble();
    // The specification says the time zone must be 0 and readers should ignore it.
    in.skipBytes(2);
    if (!(Math.abs(millis) <= MAX_DATE_MILLIS)) {
      throw new Amf0Exception("date " + millis + " ms is outside the ActionScript Date range", at);
    }
    return Instant.ofEpochMilli((long) Math.floor(millis));
  }

  private static String readShortString(ByteBuf in, String what) {
    need(in, 2, what + " length");
    int at = in.readerIndex();
    return readUtf8(in, in.readUnsignedShort(), what, at);
  }

  private static String readLongString(ByteBuf in, String what) {
    need(in, 4, what + " length");
    int at = in.readerIndex();
    return readUtf8(in, in.readUnsignedInt(), what, at);
  }

  /** Malformed UTF-8 becomes U+FFFD rather than an error: a garbled name is not worth a dropped stream. */
  private static String readUtf8(ByteBuf in, long length, String what, int at) {
    if (length > in.readableBytes()) {
      throw new Amf0Exception(
          what + " declares " + length + " bytes but only " + in.readableBytes() + " are left", at);
    }
    String text = in.toString(in.readerIndex(), (int) length, StandardCharsets.UTF_8);
    in.skipBytes((int) length);
    return text;
  }

  private static void need(ByteBuf in, int bytes, String what) {
    if (in.readableBytes() < bytes) {
      throw new Amf0Exception(
          "truncated " + what + ": needs " + bytes + " bytes but only " + in.readableBytes() + " are left",
          in.readerIndex());
    }
  }
}
