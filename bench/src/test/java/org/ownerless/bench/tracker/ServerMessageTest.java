package org.ownerless.bench.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerMessageTest {
  private final ServerMessage m = new ServerMessage();

  private boolean scan(String json) {
    byte[] b = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8); // from the middle of an array
    return m.scan(b, 2, b.length - 2);
  }

  private String raw(int from, int to) {
    return new String(m.bytes, from, to - from, StandardCharsets.UTF_8);
  }

  @Test
  void findsAnOffersRawIdsPastAnSdpFullOfBracesQuotesAndEscapes() {
    String offer = "{\"action\":\"announce\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n{[\\\"}]\\\\\"},"
        + "\"offer_id\":\"a\\\"b\\\\c\u00e9\",\"peer_id\":\"p\u00ff1\",\"info_hash\":\"h2\"}";
    assertThat(scan(offer)).isTrue();
    assertThat(m.offer).isTrue();
    assertThat(m.announce).isTrue();
    assertThat(m.answer || m.failure || m.replyFields).isFalse();
    assertThat(raw(m.offerIdStart, m.offerIdEnd)).isEqualTo("\"a\\\"b\\\\c\u00e9\"");
    assertThat(raw(m.peerIdStart, m.peerIdEnd)).isEqualTo("\"p\u00ff1\"");
    assertThat(raw(m.infoHashStart, m.infoHashEnd)).isEqualTo("\"h2\"");
  }

  @Test
  void tellsRepliesAnswersFailuresAndScrapesApart() {
    assertThat(scan("{\"action\":\"announce\",\"interval\":120,\"info_hash\":\"h\",\"complete\":0,\"incomplete\":3}")).isTrue();
    assertThat(m.announce && m.replyFields && !m.offer).isTrue();
    assertThat(scan(" { \"action\" : \"announce\" , \"answer\" : {\"sdp\":\"x\"} , \"offer_id\":\"o\",\"peer_id\":\"p\" } ")).isTrue();
    assertThat(m.answer && !m.offer && !m.replyFields).isTrue();
    assertThat(scan("{\"failure reason\":\"unknown or expired offer_id\",\"action\":\"announce\"}")).isTrue();
    assertThat(m.failure).isTrue();
    assertThat(scan("{\"action\":\"scrape\",\"files\":{}}")).isTrue();
    assertThat(m.scrape && !m.announce).isTrue();
    assertThat(scan("{}")).isTrue();
    assertThat(m.announce || m.offer || m.failure).as("fields of the previous message are reset").isFalse();
  }

  @Test
  void aNonStringIdIsNotCopiedBack() {
    assertThat(scan("{\"offer\":{},\"offer_id\":12,\"peer_id\":null}")).isTrue();
    assertThat(m.offerIdStart).isEqualTo(-1);
    assertThat(m.peerIdStart).isEqualTo(-1);
  }

  @Test
  void rejectsWhatIsNotOneWholeObject() {
    assertThat(scan("")).isFalse();
    assertThat(scan("[1]")).isFalse();
    assertThat(scan("{\"action\":\"announce\"")).isFalse();
    assertThat(scan("{\"action\":\"annou")).isFalse();
    assertThat(scan("{\"offer\":{\"sdp\":\"}\"}")).isFalse();
    assertThat(scan("{\"interval\":120")).isFalse();
    assertThat(scan("{action:1}")).isFalse();
    assertThat(scan("{\"a\" 1}")).isFalse();
  }
}
