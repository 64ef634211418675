package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.origin.http.StreamTree.STREAM;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeepAliveTest {
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
  void oneConnectionCarriesSeveralRequestsOneAfterAnother() throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      RawClient.Response first = c.send(RawClient.get(STREAM + "master.m3u8")).read();
      RawClient.Response second = c.send(RawClient.get(STREAM + "missing.json")).read();
      RawClient.Response third = c.send(RawClient.get(STREAM + "announce.json")).read();

      assertThat(first.status()).isEqualTo(200);
      assertThat(first.text()).startsWith("#EXTM3U");
      assertThat(second.status()).isEqualTo(404);
      assertThat(third.status()).isEqualTo(200);
      assertThat(third.text()).contains("STREAM_ANNOUNCE");
      assertThat(origin.activeConnections()).isEqualTo(1.0);
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send(RawClient.get(STREAM + "announce.json") + RawClient.get(STREAM + "master.m3u8"));
      assertThat(c.read().text()).contains("STREAM_ANNOUNCE");
      assertThat(c.read().text()).startsWith("#EXTM3U");
    }
  }

  @Test
  void connectionCloseIsHonouredAfterTheResponse() throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send("GET " + STREAM + "master.m3u8 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      RawClient.Response res = c.read();
      assertThat(res.status()).isEqualTo(200);
      assertThat(res.header("connection")).isEqualTo("close");
      assertThat(c.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void anHttp10ClientAskingForKeepAliveIsToldItWasGranted() throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send("GET " + STREAM + "master.m3u8 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      RawClient.Response first = c.read();
      c.send("GET " + STREAM + "announce.json HTTP/1.0\r\n\r\n");
      RawClient.Response second = c.read();
      assertThat(first.header("connection")).isEqualTo("keep-alive");
      assertThat(second.status()).isEqualTo(200);
      assertThat(c.closedByServerWithin(Duration.ofSeconds(5))).isTrue(); // 1.0 without keep-alive
    }
  }

  @Test
  void anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    origin.close();
    origin = RunningOrigin.start(b -> b.staticRoot("/streams/", data.resolve("streams"))
        .limits(OriginLimits.defaults().withIdleTimeout(Duration.ofMillis(500))));
    try (RawClient c = RawClient.connect(origin.port)) {
      assertThat(c.send(RawClient.get(STREAM + "master.m3u8")).read().status()).isEqualTo(200);
      assertThat(c.closedByServerWithin(Duration.ofSeconds(5))).isTrue();
    }
  }
}
