package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The tracker's message reader ({@link RequestParser} over {@link JsonScanner}) on the bytes of a
 * WebSocket text frame, parsed from the middle of a larger array as the handler's scratch buffer
 * holds them. Contract: the request, or a {@link TrackerException} whose reply is itself valid JSON;
 * no other exception. And since the scanner claims to accept exactly what Jackson accepts: a frame
 * the parser accepts (valid UTF-8, as the WebSocket layer guarantees) is a JSON object to Jackson
 * too — the tracker forwards offers and answers to other peers verbatim, so accepting malformed
 * JSON would pass it on.
 */
class RequestParserFuzzTest {
  private static final int MAX_OFFERS = 10;
  /**
   * Jackson's defaults, which the parser matches (docs/tracker.md): duplicate keys allowed, nesting up
   * to 1000, and bytes after the top-level object ignored — the tracker never forwards those. (An
   * oracle refusing trailing bytes was this harness's first "finding": the documented rule, not a bug.)
   */
  private static final ObjectMapper JACKSON = new ObjectMapper();

  private final RequestParser parser = new RequestParser();
  private final TrackerRequest request = new TrackerRequest(MAX_OFFERS);

  @FuzzTest(maxDuration = "10m")
  void parse(byte[] frame) throws Exception {
    if (!validUtf8(frame)) {
      return; // the WebSocket decoder closes the connection on such a text frame before we see it
    }
    byte[] scratch = new byte[frame.length + 6];
    System.arraycopy(frame, 0, scratch, 3, frame.length);
    try {
      parser.parse(scratch, 3, 3 + frame.length, request);
    } catch (TrackerException refused) {
      assertThatCode(() -> JACKSON.readTree(refused.reply())).doesNotThrowAnyException();
      return;
    }
    assertThat(request.offerCount).isBetween(0, MAX_OFFERS);
    JsonNode tree = JACKSON.readTree(frame); // throws, and so fails the harness, on JSON Jackson refuses
    assertThat(tree.isObject()).isTrue();
  }

  private static boolean validUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
