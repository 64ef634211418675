package org.ownerless.origin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.signing.SignedObject;

/** A hostile or dead upstream is reported and passed over; nothing it altered is ever served. */
class RelayFailoverTest {
  @TempDir Path tmp;

  @Test
  void aTamperedSegmentIsRefusedReportedAndTheNextUpstreamUsed() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    try (TestUpstream hostile = new TestUpstream(creator.streamsDir);
        TestUpstream healthy = new TestUpstream(creator.streamsDir)) {
      hostile.rewrite = (path, bytes) -> path.endsWith("000002.ts") ? RelayCoalescingTest.flipped(bytes) : bytes;
      for (int i = 0; i < 3; i++) {
        creator.addSegment("src");
      }
      try (RunningRelay relay = new RunningRelay(creator.stream, List.of(hostile.url(), healthy.url()),
          tmp.resolve("relay"), 64)) {
        await("size 3").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 3);
        assertThat(relay.mirror.upstreams().current().toString()).startsWith(healthy.url());
        SegmentEntry bad = relay.mirror.published().get("src").entry(2).orElseThrow();
        HttpResponse<byte[]> served = relay.get("src/" + bad.uri());
        assertThat(served.body()).isEqualTo(creator.segment("src", bad.uri()));
        assertThat(relay.failures("SEGMENT_MISMATCH")).isEqualTo(1);
        creator.addSegment("src");
        await("size 4").atMost(Duration.ofSeconds(10)).until(() -> relay.treeSize("src") == 4);
      }
    }
  }

  @Test
  void aManifestSignedByAnotherKeyIsRefusedAndAnUnreachableUpstreamSkipped() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    Signer forger = Signer.generate();
    try (TestUpstream forging = new TestUpstream(creator.streamsDir);
        TestUpstream healthy = new TestUpstream(creator.streamsDir)) {
      forging.rewrite = (path, bytes) -> path.endsWith("manifest.json") ? resigned(bytes, forger) : bytes;
      creator.addSegment("src");
      String dead = "http://127.0.0.1:1/";
      try (RunningRelay relay = new RunningRelay(creator.stream, List.of(dead, forging.url(), healthy.url()),
          tmp.resolve("relay"), 64)) {
        await("size 1").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 1);
        assertThat(relay.failures("UNAVAILABLE")).isPositive();
        assertThat(relay.failures("WRONG_KEY")).isPositive();
        assertThat(relay.get("src/manifest.json").body()).isEqualTo(
            java.nio.file.Files.readAllBytes(creator.dir.resolve("src/manifest.json")));
      }
    }
  }

  /** The same manifest, claimed and signed by another key: a valid signature for the wrong creator. */
  private static byte[] resigned(byte[] bytes, Signer forger) {
    try {
      ManifestRoot r = ManifestRoot.fromSigned(SignedObject.parse(bytes));
      return new ManifestRoot(forger.publicKey(), r.name(), r.rendition(), r.epoch(), r.treeSize(), r.rootHash(),
          r.timeMs(), r.window(), r.frontier(), r.previous(), r.consistency()).sign(forger).toCanonicalBytes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
