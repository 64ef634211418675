package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.origin.http.StreamTree.STREAM;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTraversalTest {
  private static final String SECRET = "secret-next-to-the-root";

  @TempDir Path data;
  StreamTree tree;
  RunningOrigin origin;

  @BeforeEach
  void start() throws Exception {
    tree = StreamTree.in(data);
    Files.writeString(data.resolve("secret.txt"), SECRET); // beside streams/, must stay unreachable
    origin = RunningOrigin.serving(tree.streams);
  }

  @AfterEach
  void stop() {
    origin.close();
  }

  /** Raw request so no client library normalises the target first. */
  private RawClient.Response raw(String target) throws Exception {
    try (RawClient c = RawClient.connect(origin.port)) {
      return c.send(("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n")).read();
    }
  }

  private static void assertNoLeak(RawClient.Response res) {
    assertThat(res.text()).doesNotContain(SECRET, "root:");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "/streams/../etc/passwd",
    "/streams/../secret.txt",
    "/streams/%2e%2e/secret.txt",
    "/streams/%2E%2E/%2e%2e/%2e%2e/etc/passwd",
    "/streams/.%2e/secret.txt",
    "/streams/a%2f..%2fb",
    "/streams/a%2F..%2F..%2Fsecret.txt",
    "/streams/..%5csecret.txt",
    "/streams/..\\secret.txt",
    "/streams/a\\..\\..\\secret.txt",
    "/streams/a%00.json",
    "/streams/a%0d%0aX-Injected:%201",
    "/streams//etc/passwd",
    "//etc/passwd",
    "/streams/./" + StreamTree.PUB + "/show/master.m3u8",
    "/streams/" + StreamTree.PUB + "/show/720p/..",
    "/streams/%ff%fe",
    "/streams/%zz",
    "http://localhost/streams/../secret.txt",
    "streams/x",
  })
  void traversalAndAmbiguousTargetsAreBadRequests(String target) throws Exception {
    RawClient.Response res = raw(target);
    assertThat(res.status()).isEqualTo(400);
    assertNoLeak(res);
  }

  @Test
  void aRawNulByteInTheRequestLineIsRefused() throws Exception {
    byte[] request = ("GET /streams/a\0.json HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    try (RawClient c = RawClient.connect(origin.port)) {
      RawClient.Response res = c.send(request).read();
      assertThat(res.status()).isEqualTo(400);
    }
  }

  @Test
  void aSymlinkToEtcInsideTheRootIsNotFollowed() throws Exception {
    Files.createSymbolicLink(tree.show().resolve("etc"), Path.of("/etc"));
    Files.createSymbolicLink(tree.show().resolve("passwd.json"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(tree.show().resolve("up"), data);

    for (String target : new String[] {STREAM + "etc/passwd", STREAM + "passwd.json", STREAM + "up/secret.txt",
        STREAM + "etc/hostname"}) {
      RawClient.Response res = raw(target);
      assertThat(res.status()).as(target).isEqualTo(404);
      assertNoLeak(res);
    }
  }

  @Test
  void aStaticRootThatIsItselfASymlinkStillServesItsOwnFiles() throws Exception {
    Path link = Files.createSymbolicLink(data.resolve("streams-link"), tree.streams);
    origin.close();
    origin = RunningOrigin.serving(link);
    assertThat(raw(STREAM + "master.m3u8").status()).isEqualTo(200);
  }
}
