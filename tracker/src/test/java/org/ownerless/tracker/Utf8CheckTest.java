package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8CheckTest {
  private static boolean jdkSaysValid(byte[] b, int from, int to) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean valid(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < b.length; i++) b[i] = (byte) bytes[i];
    return Utf8Check.isValid(b, 0, b.length);
  }

  @Test
  void acceptsEveryKindOfCharacterAndRefusesTheClassicTraps() {
    byte[] text = "plain ascii long enough for the fast path, é ÿ € 𝄞 and more ascii".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8Check.isValid(text, 0, text.length)).isTrue();
    assertThat(valid()).isTrue();
    assertThat(valid(0xC3, 0x28)).as("bad continuation").isFalse();
    assertThat(valid(0xC0, 0xAF)).as("overlong two-byte").isFalse();
    assertThat(valid(0xE0, 0x80, 0xAF)).as("overlong three-byte").isFalse();
    assertThat(valid(0xF0, 0x80, 0x80, 0xAF)).as("overlong four-byte").isFalse();
    assertThat(valid(0xED, 0xA0, 0x80)).as("surrogate").isFalse();
    assertThat(valid(0xF4, 0x90, 0x80, 0x80)).as("above U+10FFFF").isFalse();
    assertThat(valid(0x80)).as("lone continuation").isFalse();
    assertThat(valid('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 0xE2, 0x82)).as("truncated after a fast-path block").isFalse();
    assertThat(valid(0xF4, 0x8F, 0xBF, 0xBF)).as("U+10FFFF itself").isTrue();
  }

  @Test
  void agreesWithTheJdkDecoderOnRandomBytesAtEveryOffset() {
    Random r = new Random(17);
    for (int n = 0; n < 200_000; n++) {
      byte[] b = new byte[r.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        // Mostly ASCII with some lead and continuation bytes, so both answers come up often.
        int kind = r.nextInt(10);
        b[i] = (byte) (kind < 6 ? r.nextInt(0x80) : kind < 8 ? 0x80 + r.nextInt(0x40) : 0xC0 + r.nextInt(0x40));
      }
      int from = b.length == 0 ? 0 : r.nextInt(b.length);
      assertThat(Utf8Check.isValid(b, from, b.length)).as("%s from %d", java.util.HexFormat.of().formatHex(b), from)
          .isEqualTo(jdkSaysValid(b, from, b.length));
    }
  }
}
