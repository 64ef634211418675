package org.ownerless.ingest.rtmp.amf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Lets tests state wire layouts as spaced hex, the way the specification prints them. */
final class Hex {
  private Hex() {}

  static ByteBuf buffer(String spacedHex) {
    return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(spacedHex.replaceAll("\\s+", "")));
  }

  static String of(ByteBuf buf) {
    return ByteBufUtil.hexDump(buf).replaceAll("(..)(?!$)", "$1 ");
  }

  static String encode(Object value) {
    ByteBuf out = Unpooled.buffer();
    Amf0Writer.write(out, value);
    return of(out);
  }

  static String encodeAll(Object... values) {
    ByteBuf out = Unpooled.buffer();
    Amf0Writer.writeAll(out, values);
    return of(out);
  }

  static Object decode(String spacedHex) {
    ByteBuf in = buffer(spacedHex);
    Object value = Amf0Reader.read(in);
    if (in.isReadable()) {
      throw new AssertionError(in.readableBytes() + " bytes left after the value");
    }
    return value;
  }
}
