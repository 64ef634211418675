package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.origin.http.StreamTree.STREAM;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorsTest {
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
  void everyAnswerUnderStreamsAllowsAnyOriginAndExposesTheRangeHeaders() throws Exception {
    String etag = Http.header(Http.get(origin.uri(STREAM + "master.m3u8")), "etag");
    for (HttpResponse<byte[]> res : java.util.List.of(
        Http.get(origin.uri(STREAM + "master.m3u8"), "Origin", "https://viewer.example"),
        Http.get(origin.uri(STREAM + "master.m3u8"), "If-None-Match", etag),
        Http.get(origin.uri(STREAM + "720p/seg00001.ts"), "Range", "bytes=0-1"),
        Http.get(origin.uri(STREAM + "missing.ts")),
        Http.send("POST", origin.uri(STREAM + "master.m3u8")))) {
      assertThat(Http.header(res, "access-control-allow-origin")).as("status %d", res.statusCode()).isEqualTo("*");
      assertThat(Http.header(res, "access-control-expose-headers")).isEqualTo("Content-Length, Content-Range, ETag");
    }
  }

  @Test
  void aPreflightIsAnsweredNoContentAllowingReadsWithRange() throws Exception {
    HttpResponse<byte[]> res = Http.send("OPTIONS", origin.uri(STREAM + "720p/seg00001.ts"),
        "Origin", "https://viewer.example",
        "Access-Control-Request-Method", "GET",
        "Access-Control-Request-Headers", "range");
    assertThat(res.statusCode()).isEqualTo(204);
    assertThat(res.body()).isEmpty();
    assertThat(Http.header(res, "access-control-allow-origin")).isEqualTo("*");
    assertThat(Http.header(res, "access-control-allow-methods")).isEqualTo("GET, HEAD, OPTIONS");
    assertThat(Http.header(res, "access-control-allow-headers")).isEqualTo("Range");
  }

  @Test
  void aDecoderErrorUnderStreamsStillCarriesTheCorsHeader() throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      RawClient.Response res = c.send("GET /streams/x HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n").read();
      assertThat(res.status()).isEqualTo(400);
      assertThat(res.header("access-control-allow-origin")).isEqualTo("*");
    }
  }

  @Test
  void metricsAndPathsOutsideStreamsAreNotReadableByOtherWebsites() throws Exception {
    for (HttpResponse<byte[]> res : java.util.List.of(
        Http.get(origin.uri("/metrics"), "Origin", "https://attacker.example"),
        Http.get(origin.uri("/elsewhere"), "Origin", "https://attacker.example"),
        Http.send("OPTIONS", origin.uri("/metrics"), "Origin", "https://attacker.example",
            "Access-Control-Request-Method", "GET"))) {
      assertThat(res.headers().firstValue("access-control-allow-origin")).as("status %d", res.statusCode()).isEmpty();
    }
  }

  @Test
  void pipelinedRequestsEachGetTheirOwnDecision() throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\nGET " + STREAM + "master.m3u8 HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Response metrics = c.read();
      RawClient.Response file = c.read();
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.header("access-control-allow-origin")).isNull();
      assertThat(file.status()).isEqualTo(200);
      assertThat(file.header("access-control-allow-origin")).isEqualTo("*");
    }
  }
}
