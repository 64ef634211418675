package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.origin.http.StreamTree.STREAM;

import io.netty.handler.codec.DateFormatter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionalRequestsTest {
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

  @Test
  void aMatchingIfNoneMatchIsAnsweredNotModifiedWithoutABody() throws Exception {
    String etag = Http.header(Http.get(origin.uri(STREAM + "720p/manifest.json")), "etag");
    HttpResponse<byte[]> res = Http.get(origin.uri(STREAM + "720p/manifest.json"), "If-None-Match", etag);
    assertThat(etag).matches("\"[0-9a-f]+-[0-9a-f]+(-[0-9a-f]+)?\"");
    assertThat(res.statusCode()).isEqualTo(304);
    assertThat(res.body()).isEmpty();
    assertThat(Http.header(res, "etag")).isEqualTo(etag);
    assertThat(Http.header(res, "cache-control")).isEqualTo("no-cache");
  }

  @Test
  void ifNoneMatchAcceptsListsWeakTagsAndTheWildcard() throws Exception {
    String etag = Http.header(Http.get(origin.uri(STREAM + "master.m3u8")), "etag");
    assertThat(Http.get(origin.uri(STREAM + "master.m3u8"), "If-None-Match", "\"other\", W/" + etag).statusCode())
        .isEqualTo(304);
    assertThat(Http.get(origin.uri(STREAM + "master.m3u8"), "If-None-Match", "*").statusCode()).isEqualTo(304);
    assertThat(Http.get(origin.uri(STREAM + "master.m3u8"), "If-None-Match", "\"other\"").statusCode())
        .isEqualTo(200);
  }

  @Test
  void anAtomicallyReplacedFileGetsANewEtagEvenWithTheSameSizeAndTime() throws Exception {
    Path manifest = tree.show().resolve("720p/manifest.json");
    FileTime time = Files.getLastModifiedTime(manifest);
    String before = Http.header(Http.get(origin.uri(STREAM + "720p/manifest.json")), "etag");

    Path tmp = tree.write("720p/.manifest.json.tmp", "{\"type\":\"MANIFEST_R00T\"}"); // same length
    Files.setLastModifiedTime(tmp, time);
    Files.move(tmp, manifest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    HttpResponse<byte[]> res = Http.get(origin.uri(STREAM + "720p/manifest.json"), "If-None-Match", before);

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Http.header(res, "etag")).isNotEqualTo(before);
    assertThat(new String(res.body())).contains("MANIFEST_R00T");
  }

  @Test
  void lastModifiedIsTheFileModificationTimeAndIfModifiedSinceUsesIt() throws Exception {
    Path announce = tree.show().resolve("announce.json");
    Instant mtime = Instant.parse("2024-05-06T07:08:09Z");
    Files.setLastModifiedTime(announce, FileTime.from(mtime));

    HttpResponse<byte[]> res = Http.get(origin.uri(STREAM + "announce.json"));
    assertThat(Http.header(res, "last-modified")).isEqualTo("Mon, 06 May 2024 07:08:09 GMT");

    String same = DateFormatter.format(Date.from(mtime));
    String earlier = DateFormatter.format(Date.from(mtime.minusSeconds(1)));
    assertThat(Http.get(origin.uri(STREAM + "announce.json"), "If-Modified-Since", same).statusCode()).isEqualTo(304);
    assertThat(Http.get(origin.uri(STREAM + "announce.json"), "If-Modified-Since", earlier).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aNotModifiedAnswerKeepsTheConnectionOpen() throws Exception {
    String etag = Http.header(Http.get(origin.uri(STREAM + "master.m3u8")), "etag");
    try (RawClient c = RawClient.connect(origin.port)) {
      c.send("GET " + STREAM + "master.m3u8 HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n");
      assertThat(c.read().status()).isEqualTo(304);
      c.send(RawClient.get(STREAM + "master.m3u8"));
      assertThat(c.read().status()).isEqualTo(200);
    }
  }
}
