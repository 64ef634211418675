package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Strings are skipped eight bytes at a time: every special byte must still be seen at every offset. */
class JsonScannerStringTest {
  private static int skip(String json, int start) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    JsonScanner s = new JsonScanner();
    s.reset(b, start, b.length);
    s.skipString();
    return s.pos;
  }

  @Test
  void theClosingQuoteAndEveryEscapeAreFoundWhereverTheyFallInAWord() {
    for (int start = 0; start < 8; start++) {
      String pad = "x".repeat(start);
      for (int len = 0; len < 40; len++) {
        for (int at = 0; at <= len; at++) {
          String plain = "a".repeat(at) + "\\\"" + "é".repeat(len - at);   // an escaped quote inside
          String json = pad + "\"" + plain + "\"tail\"";
          assertThat(skip(json, start)).as("start %d len %d at %d", start, len, at)
              .isEqualTo(pad.length() + 2 + plain.getBytes(StandardCharsets.UTF_8).length);
        }
      }
    }
  }

  @Test
  void aControlByteOrAMissingQuoteAnywhereIsMalformed() {
    for (int at = 0; at < 30; at++) {
      String bad = "\"" + "a".repeat(at) + "\u0001" + "b".repeat(30 - at) + "\"";
      assertThatThrownBy(() -> skip(bad, 0)).as("control byte at %d", at).isInstanceOf(JsonScanner.Malformed.class);
      String open = "\"" + "a".repeat(at);
      assertThatThrownBy(() -> skip(open, 0)).as("unterminated, %d bytes", at).isInstanceOf(JsonScanner.Malformed.class);
      String danglingEscape = "\"" + "a".repeat(at) + "\\";
      assertThatThrownBy(() -> skip(danglingEscape, 0)).isInstanceOf(JsonScanner.Malformed.class);
    }
  }
}
