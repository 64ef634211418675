package org.ownerless.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.signing.SignedObject;

class ManifestPartsTest {
  private static final ManifestRoot ROOT = Fixtures.manifest(Fixtures.CREATOR, 1, 6, 4, 5);

  private static ManifestRoot reparsed(ManifestRoot root) throws Exception {
    return ManifestRoot.fromSigned(SignedObject.parse(root.sign(Fixtures.CREATOR).toCanonicalBytes()));
  }

  /** Signs {@code ROOT} with three parts after {@code edit} changed its body, and parses it back. */
  private static void assertRefused(String why, Consumer<ObjectNode> edit) {
    ObjectNode body = ROOT.withParts(Fixtures.parts(6, 3)).toBody();
    edit.accept(body);
    assertThatThrownBy(() -> ManifestRoot.fromSigned(SignedObject.sign(body, Fixtures.CREATOR))).as(why)
        .hasMessageContaining(why);
  }

  private static ObjectNode part(ObjectNode body, int i) {
    return (ObjectNode) body.get("parts").get(i);
  }

  @Test
  void partsAreSignedAndRoundTripButLeaveTheRootHashAlone() throws Exception {
    ManifestRoot withParts = ROOT.withParts(Fixtures.parts(6, 3));

    assertThat(reparsed(withParts)).isEqualTo(withParts);
    assertThat(withParts.rootHash()).isEqualTo(ROOT.rootHash()).isEqualTo(withParts.recomputedRoot());
    assertThat(withParts.toBody().get("parts")).hasSize(3);
    assertThat(ROOT.toBody().has("parts")).isFalse(); // roots without parts are the ones before parts existed
    assertThat(ROOT.withParts(List.of())).isEqualTo(ROOT);
  }

  @Test
  void anFmp4PartNamesItsInitAndThatInitIsListedEvenIfNoWindowEntryUsesIt() throws Exception {
    ManifestRoot fmp4 = Fixtures.fmp4Manifest(Fixtures.CREATOR, 4, 4, 0); // the window uses init 0 only
    InitSection next = Fixtures.init(9);
    PartEntry p = Fixtures.part(4, 0);
    ManifestRoot withPart = fmp4.withParts(
        List.of(new PartEntry("part-4-0.m4s", p.durationUs(), p.sha256(), p.size(), true, next)));

    assertThat(withPart.inits()).containsExactly(Fixtures.init(0), next);
    assertThat(reparsed(withPart)).isEqualTo(withPart);
  }

  @Test
  void everyRuleOfTheListIsEnforcedWhenReading() {
    assertRefused("is empty", b -> b.putArray("parts"));
    assertRefused("more than 64 items", b -> {
      ArrayNode many = b.putArray("parts");
      for (int i = 0; i < 65; i++) {
        many.add(Fixtures.part(6, 0).toJson().put("uri", "p" + i + ".ts").put("durationUs", 1));
      }
    });
    assertRefused("not unique", b -> part(b, 1).put("uri", part(b, 0).get("uri").asText()));
    assertRefused("not unique", b -> part(b, 2).put("uri", "seg-000005.ts"));
    assertRefused("must be independent", b -> part(b, 0).put("independent", false));
    assertRefused("more than 30000000", b -> {
      part(b, 0).put("durationUs", 15_000_000);
      part(b, 1).put("durationUs", 15_000_000);
    });
    assertRefused("do not list", b -> part(b, 0).put("init", "init-x.mp4"));
    assertRefused("sha256", b -> part(b, 0).put("sha256", part(b, 0).get("sha256").asText().toUpperCase()));
    assertRefused("size", b -> part(b, 0).put("size", 0));
    assertRefused("durationUs", b -> part(b, 0).put("durationUs", 0));
    assertRefused("independent", b -> part(b, 0).put("independent", "yes"));
    assertRefused("unknown", b -> part(b, 0).put("keyframe", true));
    assertRefused("plain file name", b -> part(b, 0).put("uri", "../part.ts"));
  }

  @Test
  void anInitThatOnlyAPartWouldUseIsStillUnusedWithoutThatPart() {
    ObjectNode body = ROOT.toBody();
    body.putArray("inits").add(Fixtures.init(1).toJson());
    assertThatThrownBy(() -> ManifestRoot.fromSigned(SignedObject.sign(body, Fixtures.CREATOR)))
        .hasMessageContaining("no window entry or part uses");
  }

  @Test
  void twoListsForOneSegmentAreOrderedByPrefixOrFork() {
    List<PartEntry> two = Fixtures.parts(6, 2);
    List<PartEntry> three = Fixtures.parts(6, 3);
    PartEntry p = three.get(2);
    List<PartEntry> forked = List.of(three.get(0), three.get(1),
        new PartEntry(p.uri(), p.durationUs(), Digest.sha256(new byte[] {1}), p.size(), p.independent()));

    assertThat(ManifestParts.order(two, two)).isEqualTo(ManifestParts.Order.SAME);
    assertThat(ManifestParts.order(List.of(), two)).isEqualTo(ManifestParts.Order.EXTENDS);
    assertThat(ManifestParts.order(two, three)).isEqualTo(ManifestParts.Order.EXTENDS);
    assertThat(ManifestParts.order(three, two)).isEqualTo(ManifestParts.Order.PRECEDES);
    assertThat(ManifestParts.order(three, List.of())).isEqualTo(ManifestParts.Order.PRECEDES);
    assertThat(ManifestParts.order(three, forked)).isEqualTo(ManifestParts.Order.FORK);
    assertThat(ManifestParts.order(two, forked.subList(0, 1))).isEqualTo(ManifestParts.Order.PRECEDES);
    assertThat(ManifestParts.order(List.of(three.get(1)), two)).isEqualTo(ManifestParts.Order.FORK);
  }
}
