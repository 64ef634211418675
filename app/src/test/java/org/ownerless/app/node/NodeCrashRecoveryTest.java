package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.testing.NodeProcess;
import org.ownerless.app.testing.TestPublisher;
import org.ownerless.protocol.crypto.KeyFile;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.merkle.MerkleTree;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.signing.SignedObject;
import org.ownerless.protocol.verify.Problem;

/** kill -9 mid-stream, restart on the same data: a watching verifier sees one log that only grew. */
@Tag("e2e")
class NodeCrashRecoveryTest {
  @TempDir Path data;

  @Test
  void aKilledNodeContinuesTheSameLogWithoutAFork() throws Exception {
    KeyFile.write(data.resolve("creator.key"), Signer.generate(), false);
    NodeProcess first = NodeProcess.start(data, 0, 0);
    VerifierWatch watch = new VerifierWatch(first.streamUrl);
    Process ffmpeg = TestPublisher.start(first.rtmpServer, "show?token=crash-token-1", 120,
        data.resolve("ffmpeg1.log").toFile(), "testsrc", 15);
    long before;
    ManifestRoot beforeKill;
    try {
      before = watch.until(first, size -> size >= 3, Duration.ofSeconds(40));
      beforeKill = manifest(first);
      first.kill();
    } finally {
      ffmpeg.destroyForcibly().waitFor();
    }

    try (NodeProcess second = NodeProcess.start(data, first.httpPort(), first.rtmpPort())) {
      Process again = TestPublisher.start(second.rtmpServer, "show?token=crash-token-1", 120,
          data.resolve("ffmpeg2.log").toFile(), "testsrc", 15);
      try {
        long after = watch.until(second, size -> size >= before + 3, Duration.ofSeconds(60));
        assertThat(after).isGreaterThanOrEqualTo(before + 3);
        // The same log went on: same epoch, and the newest root provably extends the one before the kill.
        ManifestRoot now = manifest(second);
        assertThat(now.epoch()).isEqualTo(beforeKill.epoch());
        MerkleTree tree = new MerkleTree();
        for (long i = 0; i < now.treeSize(); i++) {
          tree.append(entryAt(second, i).leafHash());
        }
        assertThat(tree.rootHash()).isEqualTo(now.rootHash());
        assertThat(tree.rootHash(beforeKill.treeSize())).isEqualTo(beforeKill.rootHash());
      } finally {
        again.destroyForcibly().waitFor();
      }
    }
    // Only the downtime itself may show up (files unavailable); never a rollback, fork or break.
    assertThat(watch.failures).allSatisfy(f -> assertThat(f.problem()).as(f.toString()).isEqualTo(Problem.UNAVAILABLE));
  }

  private static ManifestRoot manifest(NodeProcess node) throws Exception {
    return ManifestRoot.fromSigned(SignedObject.parse(HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(node.streamUrl + "src/manifest.json")).build(),
        HttpResponse.BodyHandlers.ofByteArray()).body()));
  }

  /** Entry i as signed in the root published at size i + 1 (kept under roots/ with the full archive). */
  private static SegmentEntry entryAt(NodeProcess node, long i) throws Exception {
    byte[] body = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(node.streamUrl + "src/roots/1-" + (i + 1) + ".json")).build(),
        HttpResponse.BodyHandlers.ofByteArray()).body();
    return ManifestRoot.fromSigned(SignedObject.parse(body)).entry(i).orElseThrow();
  }
}
