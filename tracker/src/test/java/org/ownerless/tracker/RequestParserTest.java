package org.ownerless.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hand-written message reader: what it accepts, what it refuses and with which failure reason. */
class RequestParserTest {
  static final String HASH = "aaaaaaaaaaaaaaaaaaa\u00ff";
  static final String PEER = "-A0001-aaaaaaaaaaaaa";
  final RequestParser parser = new RequestParser();
  final TrackerRequest r = new TrackerRequest(10);

  TrackerRequest parse(String json) throws TrackerException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    // Parse from the middle of a larger array, as frames copied into a scratch buffer are.
    byte[] padded = new byte[b.length + 6];
    System.arraycopy(b, 0, padded, 3, b.length);
    parser.parse(padded, 3, 3 + b.length, r);
    return r;
  }

  String failure(String json) {
    try {
      parse(json);
    } catch (TrackerException e) {
      return e.reply();
    }
    throw new AssertionError("accepted: " + json);
  }

  static String announce(String extra) {
    return "{\"action\":\"announce\",\"info_hash\":\"" + HASH + "\",\"peer_id\":\"" + PEER + "\"" + extra + "}";
  }

  String slice(int start, int end) {
    return new String(r.source, start, end - start, StandardCharsets.UTF_8);
  }

  @Test
  void readsAnAnnounceWithOffersAsByteRanges() throws Exception {
    parse(announce(",\"numwant\":3,\"left\":0,\"event\":\"completed\",\"offers\":["
        + "{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\",\"nested\":{\"a\":[1,2.5e3,{\"b\":null}]}},"
        + "\"offer_id\":\"offer-id-0000000000\\u00e9\"}]"));
    assertThat(r.action).isEqualTo("announce");
    assertThat(r.infoHash().toString()).isEqualTo(HASH);
    assertThat(r.peerId.toString()).isEqualTo(PEER);
    assertThat(r.numwant).isEqualTo(3);
    assertThat(r.left).isZero();
    assertThat(r.event).isEqualTo(TrackerRequest.Event.COMPLETED);
    assertThat(r.offerCount).isEqualTo(1);
    assertThat(slice(r.offerStart[0], r.offerEnd[0]))
        .isEqualTo("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\",\"nested\":{\"a\":[1,2.5e3,{\"b\":null}]}}");
    assertThat(new WireId(r.offerIdHigh(0), r.offerIdMiddle(0), r.offerIdLow(0)).toString())
        .isEqualTo("offer-id-0000000000\u00e9");
  }

  @Test
  void readsAnAnswer() throws Exception {
    parse(announce(",\"answer\":{\"type\":\"answer\",\"sdp\":\"x\"} ,\"to_peer_id\":\"" + PEER
        + "\",\"offer_id\":\"" + PEER + "\""));
    assertThat(slice(r.answerStart, r.answerEnd)).isEqualTo("{\"type\":\"answer\",\"sdp\":\"x\"}");
    assertThat(r.toPeerId.toString()).isEqualTo(PEER);
    assertThat(r.offerIdValid).isTrue();
  }

  @Test
  void escapedIdsAndKeysMeanTheirCharacters() throws Exception {
    // \u0061 is 'a', \u00ff is ÿ (latin-1), and a key spelled with an escape is still that key.
    parse("{\"\\u0061ction\":\"announce\",\"info_hash\":\"\\u0061aaaaaaaaaaaaaaaaaa\\u00ff\",\"peer_id\":\""
        + PEER + "\",\"event\":\"\\u0073topped\"}");
    assertThat(r.infoHash().toString()).isEqualTo(HASH);
    assertThat(r.event).isEqualTo(TrackerRequest.Event.STOPPED);
  }

  @Test
  void idsOutsideLatin1OrOfTheWrongLengthAreInvalid() {
    assertThat(failure(announce("").replace(PEER, "\u0100bcdefghijklmnopqrs"))).contains("invalid peer_id");
    assertThat(failure(announce("").replace(PEER, "\\u0100bcdefghijklmnopqrs"))).contains("invalid peer_id");
    assertThat(failure(announce("").replace(PEER, "\uD83D\uDE00cdefghijklmnopqr"))).contains("invalid peer_id");
    assertThat(failure(announce("").replace(PEER, "short"))).contains("invalid peer_id");
    assertThat(failure(announce("").replace(PEER, PEER + "x"))).contains("invalid peer_id");
    assertThat(failure(announce("").replace(HASH, "x"))).contains("invalid info_hash");
    assertThat(failure("{\"action\":\"announce\",\"info_hash\":\"" + HASH + "\",\"peer_id\":7}"))
        .contains("invalid peer_id");
  }

  @Test
  void malformedJsonIsRefusedAsInvalidJson() {
    String invalid = "{\"action\":\"announce\",\"failure reason\":\"invalid JSON\"}";
    for (String bad : new String[] {
        "{not json", "{\"action\":\"announce\"", "{\"action\":\"announce\",}", "{\"action\" \"announce\"}",
        "{\"action\":\"ann\u0001ounce\"}", "{\"action\":\"\\x\"}", "{\"action\":\"\\u12\"}", "{\"a\":01}",
        "{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":[1,]}", "{\"a\":[1 2]}", "{'a':1}",
        "{\"a\":1}".replace("1", "NaN"), "x", "-", "tx", "{\"offers\":[{\"offer\":{\"sdp\":\"v=0}}]}"}) {
      assertThat(failure(bad)).as(bad).isEqualTo(invalid);
    }
  }

  @Test
  void aValueThatIsNotAnObjectIsNamedSo() {
    for (String notObject : new String[] {"[1]", "\"s\"", "12", "true", "null", "", "   "}) {
      assertThat(failure(notObject)).as(notObject).contains("a message must be a JSON object");
    }
  }

  @Test
  void nestingIsLimitedLikeJacksons() throws Exception {
    String deep = "[".repeat(999) + "]".repeat(999);
    parse(announce(",\"x\":" + deep)); // the root object and 999 arrays: 1000 levels
    assertThat(failure(announce(",\"x\":[" + deep + "]"))).contains("invalid JSON");
    assertThat(failure(announce(",\"x\":" + "[".repeat(50_000)))).contains("invalid JSON"); // no stack overflow
  }

  @Test
  void offersAreCheckedOneByOne() {
    String one = "{\"offer\":{\"type\":\"offer\"},\"offer_id\":\"" + PEER + "\"}";
    assertThat(failure(announce(",\"offers\":[" + (one + ",").repeat(10) + one + "]")))
        .isEqualTo("{\"action\":\"announce\",\"failure reason\":\"too many offers (limit 10)\"}");
    assertThat(failure(announce(",\"offers\":[1]"))).contains("invalid offer");
    assertThat(failure(announce(",\"offers\":[{\"offer\":\"sdp\",\"offer_id\":\"" + PEER + "\"}]")))
        .contains("invalid offer");
    assertThat(failure(announce(",\"offers\":[{\"offer\":{},\"offer_id\":\"short\"}]"))).contains("invalid offer");
    assertThat(failure(announce(",\"answer\":{},\"to_peer_id\":\"" + PEER + "\""))).contains("invalid answer");
  }

  @Test
  void failureOrderAndActionsAreThoseClientsAlwaysSaw() {
    assertThat(failure("{\"action\":\"x\",\"info_hash\":1}")).contains("invalid action");
    assertThat(failure("{\"action\":\"scrape\",\"info_hash\":[1]}"))
        .isEqualTo("{\"action\":\"scrape\",\"failure reason\":\"invalid info_hash\"}");
    StringBuilder many = new StringBuilder("{\"action\":\"scrape\",\"info_hash\":[");
    for (int i = 0; i < 65; i++) many.append(i == 0 ? "" : ",").append('"').append(HASH).append('"');
    assertThat(failure(many + "]}")).contains("\"scrape\"", "too many info_hash values (limit 64)");
    assertThat(failure("{\"action\":\"announce\",\"peer_id\":\"" + PEER + "\"}")).contains("invalid info_hash");
  }

  @Test
  void numbersFollowTheOldRules() throws Exception {
    assertThat(parse(announce(",\"numwant\":5000")).numwant).isEqualTo(1000);
    assertThat(parse(announce(",\"numwant\":-3")).numwant).isZero();
    assertThat(parse(announce(",\"numwant\":2.5")).numwant).isEqualTo(50);
    assertThat(parse(announce(",\"numwant\":\"7\"")).numwant).isEqualTo(50);
    assertThat(parse(announce(",\"left\":0.5")).left).isZero();
    assertThat(parse(announce(",\"left\":99999999999999999999999")).left).isEqualTo(Long.MAX_VALUE);
    assertThat(parse(announce(",\"left\":\"0\"")).left).isEqualTo(1);
    assertThat(failure(announce(",\"numwant\":99999999999999999999"))).contains("invalid JSON");
  }

  @Test
  void aScrapeWithoutHashesMeansAllSwarms() throws Exception {
    parse("{\"action\":\"scrape\"}");
    assertThat(r.isScrape()).isTrue();
    assertThat(r.hasInfoHash).isFalse();
    parse("{\"action\":\"scrape\",\"info_hash\":[\"" + HASH + "\",\"" + HASH + "\"]}");
    assertThat(r.infoHashCount).isEqualTo(2);
  }

  @Test
  void theReusedRequestForgetsThePreviousMessage() throws Exception {
    parse(announce(",\"offers\":[{\"offer\":{},\"offer_id\":\"" + PEER + "\"}],\"answer\":{},\"to_peer_id\":\""
        + PEER + "\",\"offer_id\":\"" + PEER + "\",\"left\":0"));
    parse(announce(""));
    assertThat(r.offerCount).isZero();
    assertThat(r.hasAnswer()).isFalse();
    assertThat(r.left).isEqualTo(1);
    assertThat(r.event).isEqualTo(TrackerRequest.Event.NONE);
  }

  @Test
  void repliesEscapeIdsLikeTheStringWriter() {
    String id = "\"\\\n\r\t\u0001\u007f\u0080\u00ffabcdefghijk";
    io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer();
    WireId.of(id).writeJson(b);
    String json = b.toString(StandardCharsets.UTF_8);
    String expected = new JsonOut().field("k", id).toString();
    assertThat("{\"k\":" + json + "}").isEqualTo(expected);
    assertThat(WireId.of("x".repeat(21))).isNull();
    assertThat(WireId.of("\u0100" + "x".repeat(19))).isNull();
  }
}
