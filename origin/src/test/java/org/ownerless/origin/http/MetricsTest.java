package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ownerless.origin.http.StreamTree.STREAM;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {
  @TempDir Path data;
  StreamTree tree;
  RunningOrigin origin;

  @BeforeEach
  void start() throws Exception {
    tree = StreamTree.in(data);
    origin = RunningOrigin.start(b -> b.staticRoot("/streams/", tree.streams));
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  /** The server under test scrapes its own registry, as the node will. */
  private String scrape() throws Exception {
    return origin.registry.scrape();
  }

  private static double value(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    assertThat(m.find()).as("series %s in%n%s", series, scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void theMetricsRouteServesThePrometheusTextFormat() throws Exception {
    Http.get(origin.uri(STREAM + "master.m3u8"));
    Http.get(origin.uri(STREAM + "missing.ts"));

    HttpResponse<byte[]> res = Http.get(origin.uri("/metrics"));
    String body = new String(res.body(), StandardCharsets.UTF_8);

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Http.header(res, "content-type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(body).contains("# TYPE ownerless_http_requests_total counter");
    assertThat(value(body, "ownerless_http_requests_total{status=\"2xx\"}")).isEqualTo(1.0);
    assertThat(value(body, "ownerless_http_requests_total{status=\"4xx\"}")).isEqualTo(1.0);
    assertThat(value(body, "ownerless_http_bytes_served_total"))
        .isGreaterThanOrEqualTo(Files.size(tree.show().resolve("master.m3u8")));
    assertThat(value(body, "ownerless_http_active_connections")).isGreaterThanOrEqualTo(1.0);
    assertThat(Http.send("POST", origin.uri("/metrics")).statusCode()).isEqualTo(405);
  }

  @Test
  void bytesServedCountsBodiesOfFilesRangesAndErrorsButNotHeadRequests() throws Exception {
    long m3u8 = Files.size(tree.show().resolve("master.m3u8"));
    Http.get(origin.uri(STREAM + "master.m3u8"));
    Http.get(origin.uri(STREAM + "master.m3u8"), "Range", "bytes=0-3");
    Http.send("HEAD", origin.uri(STREAM + "master.m3u8"));
    Http.get(origin.uri(STREAM + "missing.ts")); // "not found\n"

    // Bytes count once the server's write completed, which can trail the client's read a little.
    double expected = m3u8 + 4 + "not found\n".length();
    await("bytes served to reach " + expected).atMost(Duration.ofSeconds(5))
        .until(() -> value(origin.registry.scrape(), "ownerless_http_bytes_served_total") == expected);
    String s = scrape();
    assertThat(value(s, "ownerless_http_requests_total{status=\"2xx\"}")).isEqualTo(3.0);
    assertThat(value(s, "ownerless_http_requests_total{status=\"4xx\"}")).isEqualTo(1.0);
  }

  @Test
  void notModifiedAndMalformedRequestsAreCountedByClass() throws Exception {
    String etag = Http.header(Http.get(origin.uri(STREAM + "master.m3u8")), "etag");
    Http.get(origin.uri(STREAM + "master.m3u8"), "If-None-Match", etag);
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send("GET /streams/../x HTTP/1.1\r\nHost: x\r\n\r\n").read();
    }
    String s = scrape();
    assertThat(value(s, "ownerless_http_requests_total{status=\"3xx\"}")).isEqualTo(1.0);
    assertThat(value(s, "ownerless_http_requests_total{status=\"4xx\"}")).isEqualTo(1.0);
  }

  @Test
  void activeConnectionsFollowsOpenSockets() throws Exception {
    RawClient a = RawClient.connect(origin.port);
    RawClient b = RawClient.connect(origin.port);
    try {
      await("two connections").atMost(Duration.ofSeconds(5)).until(() -> origin.activeConnections() == 2);
      assertThat(value(scrape(), "ownerless_http_active_connections")).isEqualTo(2.0);
    } finally {
      a.close();
      b.close();
    }
    await("connections released").atMost(Duration.ofSeconds(5)).until(() -> origin.activeConnections() == 0);
  }
}
