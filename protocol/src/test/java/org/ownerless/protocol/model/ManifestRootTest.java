package org.ownerless.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.signing.SignedObject;

class ManifestRootTest {
  @Test
  void aSignedManifestRoundTripsWithWindowAndConsistencyProof() throws Exception {
    ManifestRoot root = Fixtures.manifest(Fixtures.CREATOR, 1, 20, 6, 13);
    ManifestRoot parsed = ManifestRoot.fromSigned(SignedObject.parse(root.sign(Fixtures.CREATOR).toCanonicalBytes()));

    assertThat(parsed).isEqualTo(root);
    assertThat(parsed.entry(19)).contains(Fixtures.entry(19));
    assertThat(parsed.entry(13)).isEmpty();
    assertThat(parsed.entryByUri("seg-000015.ts")).contains(Fixtures.entry(15));
  }

  @Test
  void theWindowMustBeTheTailOfTheLog() {
    ManifestRoot ok = Fixtures.manifest(Fixtures.CREATOR, 1, 10, 3, 0);
    List<SegmentEntry> gap = List.of(Fixtures.entry(6), Fixtures.entry(8), Fixtures.entry(9));
    assertThatThrownBy(() -> new ManifestRoot(ok.creator(), "demo", "src", 1, 10, ok.rootHash(), 0, gap, ok.frontier(), null, null))
        .hasMessageContaining("must be the last entries");
    List<SegmentEntry> notTail = List.of(Fixtures.entry(5), Fixtures.entry(6), Fixtures.entry(7));
    assertThatThrownBy(() -> new ManifestRoot(ok.creator(), "demo", "src", 1, 10, ok.rootHash(), 0, notTail, ok.frontier(), null, null))
        .hasMessageContaining("expected 7");
  }

  @Test
  void aSegmentUriCannotPointOutsideTheRenditionDirectory() {
    for (String bad : new String[] {"../x.ts", "/etc/passwd", "a/b.ts", "..", "x.ts?y", "https://evil/x.ts"}) {
      ObjectNode body = Fixtures.manifest(Fixtures.CREATOR, 1, 3, 3, 0).toBody();
      ((ObjectNode) ((ArrayNode) body.get("window")).get(0)).put("uri", bad);
      assertThatThrownBy(() -> ManifestRoot.fromSigned(SignedObject.sign(body, Fixtures.CREATOR))).as(bad)
          .hasMessageContaining("plain file name");
    }
  }

  @Test
  void theLeafInputIsTheDocumented57ByteEncoding() {
    SegmentEntry e = Fixtures.entry(3);
    ByteBuffer leaf = ByteBuffer.wrap(e.leafInput());
    assertThat(leaf.capacity()).isEqualTo(57);
    assertThat(leaf.getLong()).isEqualTo(3);
    byte[] hash = new byte[32];
    leaf.get(hash);
    assertThat(hash).isEqualTo(e.sha256().toByteArray());
    assertThat(leaf.getLong()).isEqualTo(e.size());
    assertThat(leaf.getLong()).isEqualTo(2_000_000);
    assertThat(leaf.get()).isEqualTo((byte) 1); // 3 % 7 == 3: a discontinuity in the fixtures
  }
}
