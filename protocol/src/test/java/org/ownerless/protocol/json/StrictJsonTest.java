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
}
