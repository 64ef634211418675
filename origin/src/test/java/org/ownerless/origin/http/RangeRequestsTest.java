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

class RangeRequestsTest {
  private static final String DIGITS = "0123456789abcdefghij"; // 20 bytes

  @TempDir Path data;
  RunningOrigin origin;

  @BeforeEach
  void start() throws Exception {
    StreamTree tree = StreamTree.in(data);
    tree.write("720p/seg00002.ts", DIGITS);
    origin = RunningOrigin.serving(tree.streams);
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  private HttpResponse<byte[]> range(String range) throws Exception {
    return Http.get(origin.uri(STREAM + "720p/seg00002.ts"), "Range", range);
  }

  @Test
  void aClosedRangeIsPartialContentWithItsContentRange() throws Exception {
    HttpResponse<byte[]> res = range("bytes=2-5");
    assertThat(res.statusCode()).isEqualTo(206);
    assertThat(Http.header(res, "content-range")).isEqualTo("bytes 2-5/20");
    assertThat(Http.header(res, "content-length")).isEqualTo("4");
    assertThat(new String(res.body(), StandardCharsets.US_ASCII)).isEqualTo("2345");
  }

  @Test
  void anOpenRangeRunsToTheEndOfTheFile() throws Exception {
    HttpResponse<byte[]> res = range("bytes=15-");
    assertThat(res.statusCode()).isEqualTo(206);
    assertThat(Http.header(res, "content-range")).isEqualTo("bytes 15-19/20");
    assertThat(new String(res.body(), StandardCharsets.US_ASCII)).isEqualTo("fghij");
  }

  @Test
  void aSuffixRangeIsTheLastBytes() throws Exception {
    HttpResponse<byte[]> res = range("bytes=-3");
    assertThat(res.statusCode()).isEqualTo(206);
    assertThat(Http.header(res, "content-range")).isEqualTo("bytes 17-19/20");
    assertThat(new String(res.body(), StandardCharsets.US_ASCII)).isEqualTo("hij");
  }

  @Test
  void aRangePastTheEndIsClampedToTheFile() throws Exception {
    HttpResponse<byte[]> res = range("bytes=18-1000");
    assertThat(res.statusCode()).isEqualTo(206);
    assertThat(Http.header(res, "content-range")).isEqualTo("bytes 18-19/20");
    assertThat(new String(res.body(), StandardCharsets.US_ASCII)).isEqualTo("ij");
  }

  @Test
  void aRangeStartingBeyondTheFileIsUnsatisfiable() throws Exception {
    HttpResponse<byte[]> res = range("bytes=20-30");
    assertThat(res.statusCode()).isEqualTo(416);
    assertThat(Http.header(res, "content-range")).isEqualTo("bytes */20");
    assertThat(range("bytes=-0").statusCode()).isEqualTo(416);
  }

  @Test
  void severalRangesGetTheWholeFile() throws Exception {
    HttpResponse<byte[]> res = range("bytes=0-1,4-5");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Http.header(res, "content-range")).isNull();
    assertThat(new String(res.body(), StandardCharsets.US_ASCII)).isEqualTo(DIGITS);
  }

  @Test
  void anInvalidRangeHeaderIsIgnored() throws Exception {
    assertThat(range("bytes=5-2").statusCode()).isEqualTo(200);
    assertThat(range("items=0-1").statusCode()).isEqualTo(200);
    assertThat(range("bytes=x-y").statusCode()).isEqualTo(200);
  }

  @Test
  void ifRangeWithAStaleEtagGetsTheWholeCurrentFile() throws Exception {
    String etag = Http.header(Http.get(origin.uri(STREAM + "720p/seg00002.ts")), "etag");
    HttpResponse<byte[]> current = Http.get(origin.uri(STREAM + "720p/seg00002.ts"),
        "Range", "bytes=0-1", "If-Range", etag);
    HttpResponse<byte[]> stale = Http.get(origin.uri(STREAM + "720p/seg00002.ts"),
        "Range", "bytes=0-1", "If-Range", "\"stale\"");
    assertThat(current.statusCode()).isEqualTo(206);
    assertThat(stale.statusCode()).isEqualTo(200);
  }

  @Test
  void wholeFilesAdvertiseThatRangesAreAccepted() throws Exception {
    assertThat(Http.header(Http.get(origin.uri(STREAM + "720p/seg00002.ts")), "accept-ranges")).isEqualTo("bytes");
  }
}
