package org.ownerless.ingest.cmaf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One ISO BMFF box held whole: its four-character type and every byte of it, header included. The
 * child accessors read the payload of container boxes ({@code moov}, {@code trak}, {@code moof}, ...).
 */
public record Mp4Box(String type, byte[] bytes) {
  /** Where the payload starts: after the 8-byte header, or 16 with a 64-bit size. */
  int payloadOffset() {
    return ByteBuffer.wrap(bytes).getInt(0) == 1 ? 16 : 8;
  }

  /** The payload of a full box (version and flags in its first four bytes), from after them. */
  ByteBuffer fullBoxBody() throws Mp4FormatException {
    ByteBuffer b = payload();
    if (b.remaining() < 4) {
      throw new Mp4FormatException("'" + type + "' is too short for a full box header");
    }
    b.position(b.position() + 4);
    return b;
  }

  int version() {
    return bytes[payloadOffset()] & 0xff;
  }

  int flags() {
    int at = payloadOffset();
    return ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
  }

  ByteBuffer payload() {
    int at = payloadOffset();
    return ByteBuffer.wrap(bytes, at, bytes.length - at).slice();
  }

  /** The boxes inside this container box, in order. */
  List<Mp4Box> children() throws Mp4FormatException {
    return parseAll(payload(), type);
  }

  /** The first child of this type, if any. */
  Optional<Mp4Box> child(String childType) throws Mp4FormatException {
    for (Mp4Box c : children()) {
      if (c.type.equals(childType)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The first child of this type, or a format error naming what is missing. */
  Mp4Box require(String childType) throws Mp4FormatException {
    return child(childType).orElseThrow(() -> new Mp4FormatException("'" + type + "' has no '" + childType + "'"));
  }

  /** Every box in {@code data}, which must hold whole boxes and nothing else. */
  static List<Mp4Box> parseAll(ByteBuffer data, String parent) throws Mp4FormatException {
    List<Mp4Box> boxes = new ArrayList<>();
    ByteBuffer b = data.slice();
    while (b.hasRemaining()) {
      if (b.remaining() < 8) {
        throw new Mp4FormatException("a box header inside '" + parent + "' is cut off");
      }
      long size = Integer.toUnsignedLong(b.getInt(b.position()));
      if (size == 1) {
        if (b.remaining() < 16) {
          throw new Mp4FormatException("a 64-bit box size inside '" + parent + "' is cut off");
        }
        size = b.getLong(b.position() + 8);
      }
      if (size < 8 || size > b.remaining()) {
        throw new Mp4FormatException("a box inside '" + parent + "' claims " + size + " bytes; " + b.remaining()
            + " are left");
      }
      byte[] box = new byte[(int) size];
      b.get(box);
      boxes.add(new Mp4Box(new String(box, 4, 4, StandardCharsets.ISO_8859_1), box));
    }
    return boxes;
  }
}
