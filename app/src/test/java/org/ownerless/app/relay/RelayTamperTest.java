package org.ownerless.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.Main;
import org.ownerless.app.testing.Http;
import org.ownerless.app.testing.LiveNode;
import org.ownerless.app.testing.TamperingOrigin;
import org.ownerless.app.testing.Waits;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.signing.SignedObject;

/**
 * A relay whose first upstreams lie — one re-signs manifests with another key, one flips a byte in
 * every segment — refuses both, reports them by problem, never stores or serves their bytes, and
 * keeps the stream going from the healthy node listed last.
 */
@Tag("e2e")
class RelayTamperTest {
  @TempDir Path tmp;

  @Test
  void hostileUpstreamsAreRefusedAndTheHealthyOneKeepsTheStreamGoing() throws Exception {
    Signer forger = Signer.generate();
    try (LiveNode source = LiveNode.start(tmp.resolve("node"), "src", 60);
        TamperingOrigin forging = new TamperingOrigin(source.node.publicUrl(),
            (path, bytes) -> path.endsWith("manifest.json") || path.contains("/roots/") ? resigned(bytes, forger) : bytes);
        TamperingOrigin tampering = new TamperingOrigin(source.node.publicUrl(),
            (path, bytes) -> path.endsWith(".ts") ? TamperingOrigin.flipped(bytes) : bytes);
        Relay relay = Relay.start(RelayChainTest.options(source,
            List.of(forging.url(), tampering.url(), source.node.publicUrl()), tmp.resolve("relay")))) {
      Waits.until(Duration.ofSeconds(45), () -> "3 segments on the relay",
          () -> RelayChainTest.treeSize(relay, "src") >= 3);
      long first = RelayChainTest.treeSize(relay, "src");
      Waits.until(Duration.ofSeconds(20), () -> "the relay's log growing past " + first,
          () -> RelayChainTest.treeSize(relay, "src") > first);

      String metrics = new String(Http.get(relay.publicUrl() + "metrics").body());
      assertThat(metrics).contains("ownerless_relay_upstream_failures_total{problem=\"WRONG_KEY\"}")
          .contains("ownerless_relay_upstream_failures_total{problem=\"SEGMENT_MISMATCH\"}");

      // Every segment the relay holds and serves is the node's, byte for byte.
      ManifestRoot root = relay.mirror().published().get("src");
      for (SegmentEntry e : root.window()) {
        assertThat(Http.get(relay.streamUrl() + "src/" + e.uri()).body()).isEqualTo(source.file("src/" + e.uri()));
      }
      try (Stream<Path> files = Files.list(tmp.resolve("relay").resolve(source.node.stream().path()).resolve("src"))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".ts")).toList()) {
          assertThat(Files.readAllBytes(f)).isEqualTo(source.file("src/" + f.getFileName()));
        }
      }
      assertThat(Http.get(relay.streamUrl() + "src/manifest.json").body())
          .satisfies(b -> assertThat(SignedObject.parse(b).verifiedBy(source.creator.publicKey())).isTrue());

      StringWriter out = new StringWriter();
      int code = Main.run(new String[] {"verify", relay.streamUrl()}, new PrintWriter(out), new PrintWriter(out));
      assertThat(code).as(out.toString()).isZero();
    }
  }

  /** The same manifest, claimed and validly signed by another key. */
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
