package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.origin.http.StreamTree.STREAM;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaticFilesTest {
  @TempDir Path data;
  StreamTree tree;
  RunningOrigin origin;

  @BeforeEach
  void start() throws Exception {
    tree = StreamTree.in(data);
    origin = RunningOrigin.serving(tree.streams);
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  @ParameterizedTest
  @CsvSource({
    "announce.json, application/json",
    "master.m3u8, application/vnd.apple.mpegurl",
    "720p/index.m3u8, application/vnd.apple.mpegurl",
    "720p/manifest.json, application/json",
    "720p/roots/1-3.json, application/json",
    "720p/seg00001.ts, video/mp2t",
    "720p/seg00001.m4s, video/iso.segment",
    "720p/init.mp4, video/mp4",
    "page.html, text/html; charset=utf-8",
    "app.js, text/javascript",
    "style.css, text/css",
    "logo.svg, image/svg+xml",
    "logo.png, image/png",
    "blob.bin, application/octet-stream",
  })
  void eachFileIsServedWithTheContentTypeOfItsExtension(String file, String type) throws Exception {
    HttpResponse<byte[]> res = Http.get(origin.uri(STREAM + file));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Http.header(res, "content-type")).isEqualTo(type);
    assertThat(res.body()).isEqualTo(java.nio.file.Files.readAllBytes(tree.show().resolve(file)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"720p/seg00001.ts", "720p/seg00001.m4s"})
  void segmentsMayBeCachedForeverBecauseTheyNeverChange(String segment) throws Exception {
    HttpResponse<byte[]> res = Http.get(origin.uri(STREAM + segment));
    assertThat(Http.header(res, "cache-control")).isEqualTo("public, max-age=31536000, immutable");
  }

  @ParameterizedTest
  @ValueSource(strings = {"announce.json", "master.m3u8", "720p/index.m3u8", "720p/manifest.json",
      "720p/roots/1-3.json", "720p/init.mp4"})
  void everythingElseMustBeRevalidatedBecauseItChangesInPlace(String file) throws Exception {
    HttpResponse<byte[]> res = Http.get(origin.uri(STREAM + file));
    assertThat(Http.header(res, "cache-control")).isEqualTo("no-cache");
  }

  @Test
  void headAnswersTheLengthOfTheBodyItDoesNotSend() throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send("HEAD " + STREAM + "master.m3u8 HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Response head = c.read(true);
      // The same connection carries the next response right away: no body bytes were in between.
      c.send(RawClient.get(STREAM + "announce.json"));
      RawClient.Response next = c.read();

      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("content-length"))
          .isEqualTo(String.valueOf(java.nio.file.Files.size(tree.show().resolve("master.m3u8"))));
      assertThat(next.status()).isEqualTo(200);
      assertThat(next.text()).isEqualTo("{\"type\":\"STREAM_ANNOUNCE\"}");
    }
  }

  @Test
  void anUnknownStreamIsNotFoundWithAShortTextBody() throws Exception {
    HttpResponse<byte[]> res = Http.get(origin.uri("/streams/" + StreamTree.PUB + "/nosuchstream/master.m3u8"));
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(Http.header(res, "content-type")).startsWith("text/plain");
    assertThat(new String(res.body(), StandardCharsets.UTF_8)).isEqualTo("not found\n");
  }

  @Test
  void pathsOutsideEveryRouteAreNotFound() throws Exception {
    assertThat(Http.get(origin.uri("/")).statusCode()).isEqualTo(404);
    assertThat(Http.get(origin.uri("/streamsX/a")).statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/streams/", STREAM, STREAM + "720p", STREAM + "720p/", STREAM + "720p/roots"})
  void directoriesAreNotFoundAndNeverListed(String path) throws Exception {
    HttpResponse<byte[]> res = Http.get(origin.uri(path));
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(new String(res.body(), StandardCharsets.UTF_8)).doesNotContain("master.m3u8", "720p");
  }

  @Test
  void dotFilesAreTempFilesOfAtomicWritesAndAreNotFound() throws Exception {
    tree.write(".announce.json.tmp", "half written");
    tree.write("720p/.hidden/seg.ts", "x");
    assertThat(Http.get(origin.uri(STREAM + ".announce.json.tmp")).statusCode()).isEqualTo(404);
    assertThat(Http.get(origin.uri(STREAM + "720p/.hidden/seg.ts")).statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
  void writingMethodsAreNotAllowedAndTheAllowedOnesAreListed(String method) throws Exception {
    HttpResponse<byte[]> res = Http.send(method, origin.uri(STREAM + "master.m3u8"));
    assertThat(res.statusCode()).isEqualTo(405);
    assertThat(Http.header(res, "allow")).isEqualTo("GET, HEAD, OPTIONS");
  }

  @Test
  void aQueryStringDoesNotChangeWhichFileIsServed() throws Exception {
    HttpResponse<byte[]> res = Http.get(origin.uri(STREAM + "master.m3u8?_HLS_msn=3&x=%2e%2e"));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(new String(res.body(), StandardCharsets.UTF_8)).startsWith("#EXTM3U");
  }

  @Test
  void anEmptyFileIsServedWithZeroLength() throws Exception {
    tree.write("empty.json", "");
    HttpResponse<byte[]> res = Http.get(origin.uri(STREAM + "empty.json"));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Http.header(res, "content-length")).isEqualTo("0");
    assertThat(res.body()).isEmpty();
  }

  @Test
  void aSymlinkThatStaysInsideTheRootIsServed() throws Exception {
    java.nio.file.Files.createSymbolicLink(tree.show().resolve("latest.json"), tree.show().resolve("announce.json"));
    HttpResponse<byte[]> res = Http.get(origin.uri(STREAM + "latest.json"));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(new String(res.body(), StandardCharsets.UTF_8)).contains("STREAM_ANNOUNCE");
  }
}
