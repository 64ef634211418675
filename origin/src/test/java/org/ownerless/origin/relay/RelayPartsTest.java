package org.ownerless.origin.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.origin.testing.SignedStreamFiles;
import org.ownerless.origin.testing.TestUpstream;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.PartEntry;
import org.ownerless.protocol.signing.SignedObject;

/**
 * A relay in front of a node that lists LL-HLS parts (issue 17) ignores the parts: the upstream's
 * manifest.json nearly always lists some, and the relay publishes the part-less root of the same size
 * (the upstream's roots/E-N.json) instead, so it never serves a manifest naming part files it does not
 * have, and the roots that only add parts are accepted without any failure.
 */
class RelayPartsTest {
  @TempDir Path tmp;

  @Test
  void rootsThatOnlyAddPartsAreAcceptedAndTheRelayServesThePartLessRootOfTheirSize() throws Exception {
    SignedStreamFiles creator = new SignedStreamFiles(tmp.resolve("upstream"), List.of("src"));
    try (TestUpstream upstream = new TestUpstream(creator.streamsDir)) {
      creator.addSegment("src");
      creator.addSegment("src");
      PartEntry part = creator.addPart("src");
      creator.addPart("src");
      try (RunningRelay relay = new RunningRelay(creator.stream, List.of(upstream.url()), tmp.resolve("relay"), 64)) {
        await("size 2").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 2);
        assertServesThePartLessRoot(relay, creator, 2);
        assertThat(relay.get("src/" + part.uri()).statusCode()).as("parts are not mirrored").isEqualTo(404);
        creator.addPart("src");
        creator.addSegment("src");
        creator.addPart("src");
        await("size 3").atMost(Duration.ofSeconds(20)).until(() -> relay.treeSize("src") == 3);
        Thread.sleep(1500); // polls of the root that only adds parts
        assertServesThePartLessRoot(relay, creator, 3);
        for (String problem : List.of("EQUIVOCATION", "ROLLBACK", "GAP", "MALFORMED", "INCONSISTENT")) {
          assertThat(relay.failures(problem)).as(problem).isZero();
        }
      }
    }
  }

  private static void assertServesThePartLessRoot(RunningRelay relay, SignedStreamFiles creator, long size)
      throws Exception {
    byte[] partless = Files.readAllBytes(creator.dir.resolve("src/" + StreamLayout.root(1, size)));
    byte[] upstreamManifest = Files.readAllBytes(creator.dir.resolve("src/manifest.json"));
    assertThat(ManifestRoot.fromSigned(SignedObject.parse(upstreamManifest)).parts()).as("the upstream lists parts")
        .isNotEmpty();
    assertThat(relay.get("src/manifest.json").body()).isEqualTo(partless);
    assertThat(relay.get("src/" + StreamLayout.root(1, size)).body()).isEqualTo(partless);
  }
}
