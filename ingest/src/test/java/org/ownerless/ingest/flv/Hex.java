package org.ownerless.ingest.flv;

import java.util.HexFormat;

/** Fixture bytes are written as hex in the tests, as dumped from real encoder output. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
