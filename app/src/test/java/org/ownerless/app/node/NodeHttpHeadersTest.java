package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.viewer.ViewerAssets;

/**
 * What a browser on another website may do with a node's answers: read the stream's files (viewers
 * anywhere verify them), but not the node's metrics, and never frame the page that carries the tip
 * buttons. A real node on loopback, asked over real HTTP; nothing is published, so no ffmpeg runs.
 */
class NodeHttpHeadersTest {
  private static final String ELSEWHERE = "https://attacker.example";
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path data;
  static Node node;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeSettings.builder().name("show").dataDir(data).host("127.0.0.1").httpPort(0).rtmpPort(0)
        .publishToken("headers-test-token").build(), Signer.generate());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void theWatchPageMayBeFramedOnlyByItsOwnOrigin() throws Exception {
    HttpResponse<byte[]> res = get(node.watchUrl());
    assertThat(res.statusCode()).isEqualTo(200);
    assertFramedOnlyBySelf(res);
  }

  @Test
  void theStaticCopyOfTheViewerPageCarriesTheSamePolicy() throws Exception {
    HttpResponse<byte[]> page = get(node.publicUrl() + "viewer/watch.html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertFramedOnlyBySelf(page);
    assertThat(page.headers().firstValue("content-security-policy"))
        .isEqualTo(get(node.watchUrl()).headers().firstValue("content-security-policy"));
  }

  @Test
  void theViewersContentNamedCodeMayBeCachedForeverAndWhatNamesItIsRevalidated() throws Exception {
    List<String> chunks = ViewerAssets.names().stream().filter(n -> n.matches("chunk-.*\\.js")).toList();
    assertThat(chunks).as("the build names its code chunks chunk-<hash>.js").isNotEmpty();
    for (String chunk : chunks) {
      assertThat(get(node.publicUrl() + "viewer/" + chunk).headers().firstValue("cache-control"))
          .as(chunk).contains("public, max-age=31536000, immutable");
      assertThat(get(node.publicUrl() + "viewer/" + chunk + ".map").headers().firstValue("cache-control"))
          .as(chunk + ".map").isIn(Optional.of("no-cache"), Optional.empty());
    }
    for (String named : List.of("viewer.js", "hls.worker.js", "watch.html", "viewer.css")) {
      assertThat(get(node.publicUrl() + "viewer/" + named).headers().firstValue("cache-control"))
          .as(named).contains("no-cache");
    }
    assertThat(get(node.watchUrl()).headers().firstValue("cache-control")).contains("no-cache");
  }

  @Test
  void metricsAreNotReadableByOtherWebsites() throws Exception {
    HttpResponse<byte[]> res = get(node.publicUrl() + "metrics");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void theWatchPageAndViewerFilesAreNotOfferedCrossOrigin() throws Exception {
    assertThat(get(node.watchUrl()).headers().firstValue("access-control-allow-origin")).isEmpty();
    assertThat(get(node.publicUrl() + "viewer/watch.html").headers().firstValue("access-control-allow-origin"))
        .isEmpty();
  }

  @Test
  void streamFilesStayReadableFromAnyWebsiteErrorsIncluded() throws Exception {
    Path announce = data.resolve(node.stream().path()).resolve("announce.json");
    assertThat(announce).exists();
    HttpResponse<byte[]> file = get(node.streamUrl() + "announce.json");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("access-control-allow-origin")).contains("*");
    HttpResponse<byte[]> missing = get(node.streamUrl() + "720p/seg-0-99.ts");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("access-control-allow-origin")).contains("*");
  }

  private static void assertFramedOnlyBySelf(HttpResponse<byte[]> res) {
    String csp = res.headers().firstValue("content-security-policy").orElse("");
    assertThat(csp).contains("frame-ancestors 'self'").doesNotContain("frame-ancestors *");
    assertThat(res.headers().firstValue("x-frame-options")).contains("SAMEORIGIN");
    assertThat(res.headers().firstValue("x-content-type-options")).contains("nosniff");
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Origin", ELSEWHERE)
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
