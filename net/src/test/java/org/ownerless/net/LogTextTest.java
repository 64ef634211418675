package org.ownerless.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {
  @Test
  void aForgedLogLineStaysOnTheLineOfTheValue() {
    assertThat(LogText.quote("live\n2026-01-01 INFO forged\r\n"))
        .isEqualTo("\"live\\n2026-01-01 INFO forged\\r\\n\"");
  }

  @Test
  void everyControlAndSeparatorIsEscaped() {
    assertThat(LogText.quote("a\u0000b\u001bc\u007fd\u0085e\u009bf\tg")).isEqualTo(
        "\"a\\u0000b\\u001Bc\\u007Fd\\u0085e\\u009Bf\\tg\"");
    assertThat(LogText.quote("x\u2028y\u2029z")).isEqualTo("\"x\\u2028y\\u2029z\"");
  }

  @Test
  void bidiOverridesAndInvisibleCharactersAreEscaped() {
    // RLO would show "live" where the bytes say something else; LRI/PDI, ZWSP, BOM and a tag character likewise.
    assertThat(LogText.quote("a\u202Eb\u2066c\u2069d\u200Be\uFEFFf")).isEqualTo(
        "\"a\\u202Eb\\u2066c\\u2069d\\u200Be\\uFEFFf\"");
    assertThat(LogText.quote("t" + new String(Character.toChars(0xE0041)))).isEqualTo("\"t\\uDB40\\uDC41\"");
  }

  @Test
  void backslashAndQuoteAreEscapedSoAnEscapeCannotBeFaked() {
    assertThat(LogText.quote("a\\nb\"c")).isEqualTo("\"a\\\\nb\\\"c\"");
  }

  @Test
  void ordinaryTextIncludingNonLatinScriptIsKeptAsItIs() {
    assertThat(LogText.quote("rtmp://host/live — ライブ 😀")).isEqualTo("\"rtmp://host/live — ライブ 😀\"");
  }

  @Test
  void aLongValueIsCutAndSaysItsLength() {
    String quoted = LogText.quote("x".repeat(100_000));
    assertThat(quoted).isEqualTo("\"" + "x".repeat(LogText.MAX_CHARS) + "\"… (100000 chars)");
    assertThat(LogText.quote("y".repeat(LogText.MAX_CHARS))).isEqualTo("\"" + "y".repeat(LogText.MAX_CHARS) + "\"");
  }

  @Test
  void aDetailKeepsMoreOfAMessageEscapedTheSameWay() {
    String message = "http://upstream/x: unknown field 'a\nb' " + "z".repeat(2000);
    assertThat(LogText.detail(message)).startsWith("\"http://upstream/x: unknown field 'a\\nb' zz")
        .endsWith("z\"… (" + message.length() + " chars)");
    // 1000 characters of the original shown (one of them escaped into two), then the quote and the length.
    assertThat(LogText.detail(message)).hasSize(1 + LogText.MAX_DETAIL_CHARS + 1 + 1 + "… (2039 chars)".length());
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String s = "x".repeat(LogText.MAX_CHARS - 1) + "😀" + "tail";
    assertThat(LogText.quote(s)).isEqualTo("\"" + "x".repeat(LogText.MAX_CHARS - 1) + "\"… (" + s.length() + " chars)");
  }

  @Test
  void nullIsNamedNotPrinted() {
    assertThat(LogText.quote((String) null)).isEqualTo("(none)");
    assertThat(LogText.quote((Object) null)).isEqualTo("(none)");
  }

  @Test
  void inlineKeepsReadableTextAsItIsAndEscapesOnlyWhatBreaksALine() {
    assertThat(LogText.inline("src/manifest.json: MALFORMED: unknown field 'a\"b\\c'"))
        .isEqualTo("src/manifest.json: MALFORMED: unknown field 'a\"b\\c'");
    assertThat(LogText.inline("x\nOK forged\u001b[2K\u2028\u202e")).isEqualTo("x\\nOK forged\\u001B[2K\\u2028\\u202E");
    assertThat(LogText.inline("a".repeat(20_000))).as("a whole proof stays copyable").hasSize(20_000);
    assertThat(LogText.inline(null)).isEqualTo("(none)");
  }
}
