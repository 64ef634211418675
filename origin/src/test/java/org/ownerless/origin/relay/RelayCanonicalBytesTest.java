package org.ownerless.origin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.layout.StreamLayout;

/**
 * A relay writes the canonical bytes of what it verified, never the bytes an upstream sent
 * (issue 14.4): a re-spaced file is served canonical, a re-encoded one (UTF-16) is refused as the
 * viewer refuses it, and the next upstream is read.
 */
class RelayCanonicalBytesTest {
  @TempDir Path tmp;

  @Test
  void signedFilesWithWhitespaceAddedAreServedInCanonicalForm() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    try (TestUpstream spaced = new TestUpstream(creator.streamsDir)) {
      spaced.rewrite = (path, bytes) -> path.endsWith(".json") ? pretty(bytes) : bytes;
      creator.addSegment("src");
      try (RunningRelay relay = new RunningRelay(creator.stream, List.of(spaced.url()), tmp.resolve("relay"), 64)) {
        await("size 1").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 1);
        for (int i = 0; i < 3; i++) {
          creator.addSegment("src");
        }
        await("size 4").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 4);
        // The upstream really served something else (valid UTF-8, same values, other bytes).
        byte[] manifest = Files.readAllBytes(creator.dir.resolve("src/manifest.json"));
        assertThat(spaced.rewrite.apply("src/manifest.json", manifest)).isNotEqualTo(manifest);
        assertServedCanonical(relay, creator, 4);
        assertThat(relay.failures("MALFORMED")).isZero();
      }
    }
  }

  @Test
  void signedFilesReEncodedAsUtf16AreRefusedAndTheNextUpstreamRead() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    try (TestUpstream utf16 = new TestUpstream(creator.streamsDir);
        TestUpstream healthy = new TestUpstream(creator.streamsDir)) {
      // Java's UTF-16 encoder writes a BOM; Jackson reading bytes would have auto-detected it.
      utf16.rewrite = (path, bytes) -> path.endsWith(".json")
          ? new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16) : bytes;
      creator.addSegment("src");
      try (RunningRelay relay = new RunningRelay(creator.stream, List.of(utf16.url(), healthy.url()),
          tmp.resolve("relay"), 64)) {
        await("size 1").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 1);
        assertThat(relay.failures("MALFORMED")).isPositive();
        assertThat(relay.mirror.upstreams().current().toString()).startsWith(healthy.url());
        assertServedCanonical(relay, creator, 1);
      }
    }
  }

  /** The relay's announce, manifest and every root file it has are the creator's bytes exactly. */
  private static void assertServedCanonical(RunningRelay relay, SignedStreamFiles creator, long size) throws Exception {
    assertThat(relay.get(StreamLayout.ANNOUNCE).body())
        .isEqualTo(Files.readAllBytes(creator.dir.resolve(StreamLayout.ANNOUNCE)));
    assertThat(relay.get("src/manifest.json").body())
        .isEqualTo(Files.readAllBytes(creator.dir.resolve("src/manifest.json")));
    int roots = 0;
    for (long n = 1; n <= size; n++) {
      HttpResponse<byte[]> root = relay.get("src/" + StreamLayout.root(1, n));
      if (root.statusCode() == 200) {
        roots++;
        assertThat(root.body()).as("roots/1-%d.json", n)
            .isEqualTo(Files.readAllBytes(creator.dir.resolve("src/" + StreamLayout.root(1, n))));
      }
    }
    assertThat(roots).isPositive();
  }

  /** The same object with insignificant whitespace: indented, spaces after ':' and ',', a newline. */
  static byte[] pretty(byte[] bytes) {
    try {
      return StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(StrictJson.parse(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
