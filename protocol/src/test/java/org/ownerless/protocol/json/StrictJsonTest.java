package org.ownerless.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ownerless.protocol.ProtocolException;

class StrictJsonTest {
  @ParameterizedTest(name = "{0} is refused: {2}")
  @CsvSource(delimiter = '|', value = {
      "a float                  | {\"a\":1.5}                       | floating-point",
      "an exponent              | {\"a\":1e3}                       | floating-point",
      "a negative zero float    | {\"a\":-0.0}                      | floating-point",
      "null                     | {\"a\":null}                      | null is not allowed",
      "an unsafe integer        | {\"a\":9007199254740992}          | safe range",
      "a duplicate key          | {\"a\":1,\"a\":2}                 | Duplicate field",
      "trailing content         | {\"a\":1} {}                      | malformed JSON",
      "a lone surrogate         | {\"a\":\"\\ud800x\"}              | unpaired UTF-16 surrogate",
      "NaN                      | {\"a\":NaN}                       | malformed JSON",
      "truncated input          | {\"a\":                           | malformed JSON",
      "empty input              | ''                                | empty JSON",
  })
  void restrictedModelRefuses(String what, String json, String message) {
    assertThatThrownBy(() -> StrictJson.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class).hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0} is accepted")
  @CsvSource(delimiter = '|', value = {
      "the largest safe integer | {\"a\":9007199254740991}",
      "a surrogate pair         | {\"a\":\"\\ud83d\\ude00\"}",
      "nested arrays            | {\"a\":[[1,2],[true,\"x\"]]}",
  })
  void restrictedModelAccepts(String what, String json) throws Exception {
    assertThat(StrictJson.parse(json.getBytes(StandardCharsets.UTF_8)).isObject()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void deepNestingAndHugeDocumentsAreRefusedBeforeParsingTheirContent() {
    String deep = "[".repeat(1000) + "]".repeat(1000);
    assertThatThrownBy(() -> StrictJson.parse(deep.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("malformed JSON");
    byte[] huge = new byte[StrictJson.MAX_BYTES + 1];
    assertThatThrownBy(() -> StrictJson.parse(huge)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("too large");
  }

  private static final String DOC = "{\"a\":\"\u00e9\"}";

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] hex(String h) {
    return java.util.HexFormat.of().parseHex(h.replace(" ", ""));
  }

  @ParameterizedTest(name = "a document in {0} is refused as not UTF-8")
  @CsvSource(delimiter = '|', value = {
      "UTF-16LE          |                    | NUL byte",
      "UTF-16BE          |                    | NUL byte",
      "UTF-16LE with BOM | FF FE              | byte 0xFF",
      "UTF-16BE with BOM | FE FF              | byte 0xFE",
      "UTF-32LE          |                    | NUL byte",
      "UTF-32BE          |                    | NUL byte",
      "UTF-32LE with BOM | FF FE 00 00        | byte 0xFF",
      "UTF-32BE with BOM | 00 00 FE FF        | NUL byte",
  })
  void otherEncodingsAreRefused(String charset, String bom, String message) {
    String name = charset.replace(" with BOM", "");
    byte[] body = DOC.getBytes(java.nio.charset.Charset.forName(name));
    byte[] doc = bom == null ? body : concat(hex(bom), body);
    assertThatThrownBy(() -> StrictJson.parse(doc))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("not UTF-8").hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0} is refused: {2}")
  @CsvSource(delimiter = '|', value = {
      "overlong '/' (C0 AF)               | 22 C0 AF 22          | overlong encoding at byte 1",
      "overlong NUL (C0 80)               | 22 C0 80 22          | overlong encoding at byte 1",
      "overlong C1                        | 22 C1 BF 22          | overlong encoding at byte 1",
      "3-byte overlong '/' (E0 80 AF)     | 22 E0 80 AF 22       | overlong encoding at byte 1",
      "4-byte overlong (F0 80 80 AF)      | 22 F0 80 80 AF 22    | overlong encoding at byte 1",
      "encoded surrogate (ED A0 80)       | 22 ED A0 80 22       | encoded UTF-16 surrogate at byte 1",
      "encoded low surrogate (ED BF BF)   | 22 ED BF BF 22       | encoded UTF-16 surrogate at byte 1",
      "above U+10FFFF (F4 90 80 80)       | 22 F4 90 80 80 22    | above U+10FFFF at byte 1",
      "above U+10FFFF (F5 80 80 80)       | 22 F5 80 80 80 22    | above U+10FFFF at byte 1",
      "truncated sequence at the end      | 22 61 22 E2 82       | truncated sequence at byte 3",
      "truncated sequence before a quote  | 22 E2 82 22          | invalid continuation byte at byte 3",
      "a stray continuation byte          | 22 80 22             | unexpected continuation byte at byte 1",
      "a lone FF                          | 7B 22 61 22 3A 22 FF 22 7D | invalid byte 0xFF at byte 6",
  })
  void invalidUtf8IsRefused(String what, String bytes, String message) {
    assertThatThrownBy(() -> StrictJson.parse(hex(bytes)))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("not UTF-8: ").hasMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void validUtf8AndALeadingUtf8BomAreAccepted() throws Exception {
    // The largest code point, the last before the surrogates, the first after, 2/3/4-byte forms.
    String s = "\"caf\u00e9 \u2713 \ud7ff \ue000 \ud83d\ude00 \udbff\udfff\"";
    assertThat(StrictJson.parse(s.getBytes(StandardCharsets.UTF_8)).textValue())
        .isEqualTo(s.substring(1, s.length() - 1));
    // A UTF-8 BOM is dropped, as the viewer's TextDecoder drops it (strict-json.test.js).
    assertThat(StrictJson.parse(concat(hex("EF BB BF"), DOC.getBytes(StandardCharsets.UTF_8))).get("a").textValue())
        .isEqualTo("\u00e9");
    // Only one: a second BOM is content (U+FEFF is not JSON whitespace).
    assertThatThrownBy(() -> StrictJson.parse(concat(hex("EF BB BF EF BB BF"), DOC.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(ProtocolException.class);
  }
}
