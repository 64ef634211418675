package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.origin.http.StreamTree.STREAM;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLimitsTest {
  @TempDir Path data;
  RunningOrigin origin;

  @BeforeEach
  void start() throws Exception {
    origin = RunningOrigin.serving(StreamTree.in(data).streams);
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  @Test
  void headersLargerThanTheLimitAreAnswered431AndTheConnectionClosed() throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send("GET " + STREAM + "master.m3u8 HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n");
      RawClient.Response res = c.read();
      assertThat(res.status()).isEqualTo(431);
      assertThat(c.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void manySmallHeadersAddingUpPastTheLimitAreAnswered431() throws Exception {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < 800; i++) { // ~12 KiB in all, each line short
      headers.append("X-H").append(i).append(": value\r\n");
    }
    try (RawClient c = RawClient.connect(origin.port)) {
      RawClient.Response res = c.send("GET / HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n").read();
      assertThat(res.status()).isEqualTo(431);
    }
  }

  @Test
  void aRequestLineLongerThanTheLimitIsAnswered414AndTheConnectionClosed() throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send("GET /streams/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Response res = c.read();
      assertThat(res.status()).isEqualTo(414);
      assertThat(c.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void garbageBytesAreAnswered400AndTheConnectionClosed() throws Exception {
    byte[] garbage = new byte[300];
    new java.util.Random(7).nextBytes(garbage);
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) (garbage[i] == '\r' || garbage[i] == '\n' ? 'x' : garbage[i]);
    }
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send("G\u00e9T".getBytes(StandardCharsets.ISO_8859_1));
      c.send(" ".getBytes(StandardCharsets.US_ASCII));
      c.send(garbage);
      c.send(" HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      RawClient.Response res = c.read();
      assertThat(res.status()).isEqualTo(400);
      assertThat(res.text()).doesNotContain("Exception", "at io.netty");
      assertThat(c.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void aTlsHandshakeOnThePlainPortIsAnswered400AndClosed() throws Exception {
    byte[] clientHelloStart = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, ' ', 'x', ' ',
        'y', '\r', '\n', '\r', '\n'};
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send(clientHelloStart);
      assertThat(c.read().status()).isEqualTo(400);
      assertThat(c.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void aGetWithABodyIsAnswered413AndTheConnectionClosed() throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send("GET " + STREAM + "master.m3u8 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
      assertThat(c.read().status()).isEqualTo(413);
      assertThat(c.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void aChunkedGetIsAnswered413() throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
      assertThat(c.read().status()).isEqualTo(413);
    }
  }

  @Test
  void aPostBodyLargerThanTheAggregatorLimitIsAnswered413() throws Exception {
    HttpResponse<byte[]> res = Http.builder().build().send(
        HttpRequest.newBuilder(origin.uri(STREAM + "master.m3u8"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[20_000])).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(res.statusCode()).isEqualTo(413);
  }

  @Test
  void conflictingContentLengthsAreABadRequest() throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
      assertThat(c.read().status()).isEqualTo(400);
    }
  }
}
