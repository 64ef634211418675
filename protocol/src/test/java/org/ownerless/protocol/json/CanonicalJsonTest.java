package org.ownerless.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 8785 behaviour on the restricted model; expected strings derived by hand from the RFC. */
class CanonicalJsonTest {
  private static String canonical(String json) throws Exception {
    return CanonicalJson.string(StrictJson.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void keysAreSortedByUtf16CodeUnitsNotByCodePoints() throws Exception {
    // RFC 8785 §3.2.3: U+1F600 (surrogates D83D DE00) sorts before U+FB33, unlike code-point order.
    String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
        + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
    String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\","
        + "\"€\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
    assertThat(canonical(input)).isEqualTo(expected);
  }

  @Test
  void stringsUseMinimalEscapingAndRawUnicode() throws Exception {
    // RFC 8785 §3.2.2.2: only " \ and controls are escaped; controls without a short form as lowercase \\u00xx.
    String input = "{\"s\":\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\"}";
    assertThat(canonical(input)).isEqualTo("{\"s\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void whitespaceAndKeyOrderOfTheInputDoNotMatter() throws Exception {
    String a = "{ \"b\" : [ 1 , -2 , true ] ,\n \"a\" : { \"z\" : \"x\" , \"y\" : 0 } }";
    String b = "{\"a\":{\"y\":0,\"z\":\"x\"},\"b\":[1,-2,true]}";
    assertThat(canonical(a)).isEqualTo(canonical(b)).isEqualTo(b);
  }

  @Test
  void integersAreWrittenPlainAcrossTheSafeRange() throws Exception {
    assertThat(canonical("{\"n\":[0,-0,9007199254740991,-9007199254740991,1000000]}"))
        .isEqualTo("{\"n\":[0,0,9007199254740991,-9007199254740991,1000000]}");
  }
}
