package org.ownerless.protocol.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.fixtures.Fixtures;
import org.ownerless.protocol.model.InitSection;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.PartEntry;

/**
 * The LL-HLS parts cases of protocol.json (docs/protocol.md §4.3, §4.4 rule 4, §4.5): roots that
 * list parts of the segment in progress, valid and not, sequences where the parts grow, go back and
 * fork, and proofs made of two roots of one position.
 */
final class PartVectors {
  /** The TS fixture root of size 6 (window 4, proof from 5), without parts. */
  private static final ManifestRoot ROOT = Fixtures.manifest(Fixtures.CREATOR, 1, 6, 4, 5);

  private PartVectors() {}

  static void manifests(ArrayNode out, String pub) {
    ManifestRoot three = ROOT.withParts(Fixtures.parts(6, 3));
    String good = ProtocolVectors.text(three.sign(Fixtures.CREATOR).toCanonicalBytes());
    ProtocolVectors.obj(out, "parts: three parts of the segment in progress", good, pub, "OK");
    ProtocolVectors.obj(out, "parts: a part's hash changed after signing", good.replace(
        three.parts().get(1).sha256().hex(), Digest.sha256(new byte[] {1}).hex()), pub, "BAD_SIGNATURE");
    ProtocolVectors.obj(out, "parts: an fMP4 part naming an init no window entry uses", ProtocolVectors.text(
        fmp4WithPart().sign(Fixtures.CREATOR).toCanonicalBytes()), pub, "OK");
    malformed(out, pub, "empty list", b -> b.putArray("parts"));
    malformed(out, pub, "65 parts", b -> {
      ArrayNode many = b.putArray("parts");
      for (int i = 0; i < 65; i++) {
        many.addObject().put("uri", "p" + i + ".ts").put("durationUs", 1).put("sha256", Fixtures.part(6, 0).sha256()
            .hex()).put("size", 1).put("independent", true);
      }
    });
    malformed(out, pub, "two parts with one uri", b -> part(b, 1).put("uri", part(b, 0).get("uri").textValue()));
    malformed(out, pub, "a part with a window entry's uri", b -> part(b, 2).put("uri", "seg-000005.ts"));
    malformed(out, pub, "a first part that is not independent", b -> part(b, 0).put("independent", false));
    malformed(out, pub, "parts longer than 30 s together", b -> {
      part(b, 0).put("durationUs", 15_000_000);
      part(b, 1).put("durationUs", 15_000_000);
    });
    malformed(out, pub, "a part naming an unlisted init", b -> part(b, 0).put("init", "init-0000000000000000.mp4"));
    malformed(out, pub, "a part sha256 in uppercase hex", b -> part(b, 0).put("sha256",
        part(b, 0).get("sha256").textValue().toUpperCase(java.util.Locale.ROOT)));
    malformed(out, pub, "a part of size 0", b -> part(b, 0).put("size", 0));
    malformed(out, pub, "a part with an unknown field", b -> part(b, 0).put("keyframe", true));
  }

  private static void malformed(ArrayNode out, String pub, String name, Consumer<ObjectNode> change) {
    ProtocolVectors.obj(out, "parts: " + name, ProtocolVectors.signedText(
        ROOT.withParts(Fixtures.parts(6, 3)).toBody(), change), pub, "MALFORMED");
  }

  private static ObjectNode part(ObjectNode body, int i) {
    return (ObjectNode) body.get("parts").get(i);
  }

  /** The fMP4 fixture root of size 4 (init 0) with one part of segment 4 on a new init (a new packager run). */
  private static ManifestRoot fmp4WithPart() {
    InitSection next = Fixtures.init(1);
    PartEntry p = Fixtures.part(4, 0);
    return Fixtures.fmp4Manifest(Fixtures.CREATOR, 4, 4, 0).withParts(
        List.of(new PartEntry("part-000004-0.m4s", p.durationUs(), p.sha256(), p.size(), true, next)));
  }

  static void rootSequences(ArrayNode out) {
    ArrayNode grow = ProtocolVectors.sequence(out,
        "parts grow at one position, an older list is no error, the completed segment drops them");
    ProtocolVectors.step(grow, Fixtures.manifest(Fixtures.CREATOR, 1, 5, 4, 0), "OK");
    ProtocolVectors.step(grow, ROOT.withParts(Fixtures.parts(6, 1)), "OK");
    ProtocolVectors.step(grow, ROOT.withParts(Fixtures.parts(6, 3)), "OK");
    ProtocolVectors.step(grow, ROOT.withParts(Fixtures.parts(6, 2)), "OK");
    ProtocolVectors.step(grow, ROOT, "OK");
    ProtocolVectors.step(grow, ROOT.withParts(Fixtures.parts(6, 3)), "OK");
    ProtocolVectors.step(grow, Fixtures.manifest(Fixtures.CREATOR, 1, 7, 4, 6), "OK");

    ArrayNode fork = ProtocolVectors.sequence(out, "equivocation: one position, another part where one was listed");
    ProtocolVectors.step(fork, ROOT.withParts(Fixtures.parts(6, 2)), "OK");
    ProtocolVectors.step(fork, ROOT.withParts(forkedAt(1)), "EQUIVOCATION");

    ArrayNode shorter = ProtocolVectors.sequence(out, "equivocation: a shorter list that differs from the accepted one");
    ProtocolVectors.step(shorter, ROOT.withParts(Fixtures.parts(6, 3)), "OK");
    ProtocolVectors.step(shorter, ROOT.withParts(forkedAt(1).subList(0, 2)), "EQUIVOCATION");
  }

  static void proofs(ArrayNode out) {
    ProtocolVectors.proof(out, "one position, two lists of parts", ROOT.withParts(Fixtures.parts(6, 2)),
        ROOT.withParts(forkedAt(1)), null, "OK");
    ProtocolVectors.proof(out, "one position, parts that only grow", ROOT.withParts(Fixtures.parts(6, 1)),
        ROOT.withParts(Fixtures.parts(6, 3)), null, "MALFORMED");
  }

  /** The first three parts of segment 6, part {@code k} listed with other bytes. */
  private static List<PartEntry> forkedAt(int k) {
    List<PartEntry> parts = new ArrayList<>(Fixtures.parts(6, 3));
    PartEntry p = parts.get(k);
    parts.set(k, new PartEntry(p.uri(), p.durationUs(), Digest.sha256(new byte[] {9}), p.size(), p.independent()));
    return parts;
  }
}
