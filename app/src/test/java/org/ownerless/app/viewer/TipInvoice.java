package org.ownerless.app.viewer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Well-formed BOLT11 invoices for the browser tests: bech32 with a valid checksum, an amount in the
 * human-readable part, a payment hash {@code p} and a description hash {@code h}, signed as BOLT #11
 * says by a test node key (the viewer recovers the node key from the signature and refuses an
 * invoice that does not verify). The same construction as viewer/src/test/js/tips/invoice-fixture.js.
 */
final class TipInvoice {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  private TipInvoice() {}

  /** A mainnet invoice for exactly {@code msat} millisatoshis. */
  static String make(long msat, String paymentHashHex, String descriptionHashHex) {
    // "n" (0.1 sat = 100 msat) when it divides, else "p" (0.1 msat per unit, times ten).
    String amount = msat % 100 == 0 ? (msat / 100) + "n" : (msat * 10) + "p";
    List<Integer> words = new ArrayList<>();
    long timestamp = System.currentTimeMillis() / 1000;
    for (int i = 6; i >= 0; i--) {
      words.add((int) ((timestamp >> (5 * i)) & 31));
    }
    field(words, 1, HexFormat.of().parseHex(paymentHashHex));
    field(words, 23, HexFormat.of().parseHex(descriptionHashHex));
    String hrp = "lnbc" + amount;
    words.addAll(toWords(InvoiceSignature.sign(hrp, words)));
    return bech32(hrp, words);
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256Hex(String utf8) {
    return sha256Hex(utf8.getBytes(StandardCharsets.UTF_8));
  }

  private static void field(List<Integer> words, int type, byte[] data) {
    List<Integer> w = toWords(data);
    words.add(type);
    words.add(w.size() >> 5);
    words.add(w.size() & 31);
    words.addAll(w);
  }

  static List<Integer> toWords(byte[] bytes) {
    List<Integer> words = new ArrayList<>();
    int acc = 0;
    int bits = 0;
    for (byte b : bytes) {
      acc = (acc << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        words.add((acc >> bits) & 31);
      }
      acc &= (1 << bits) - 1;
    }
    if (bits > 0) {
      words.add((acc << (5 - bits)) & 31);
    }
    return words;
  }

  private static String bech32(String hrp, List<Integer> words) {
    List<Integer> values = new ArrayList<>();
    for (char c : hrp.toCharArray()) {
      values.add(c >> 5);
    }
    values.add(0);
    for (char c : hrp.toCharArray()) {
      values.add(c & 31);
    }
    values.addAll(words);
    values.addAll(List.of(0, 0, 0, 0, 0, 0));
    int mod = polymod(values) ^ 1;
    StringBuilder out = new StringBuilder(hrp).append('1');
    for (int w : words) {
      out.append(CHARSET.charAt(w));
    }
    for (int i = 0; i < 6; i++) {
      out.append(CHARSET.charAt((mod >>> (5 * (5 - i))) & 31));
    }
    return out.toString();
  }

  private static int polymod(List<Integer> values) {
    int chk = 1;
    for (int v : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          chk ^= GENERATOR[i];
        }
      }
    }
    return chk;
  }
}
