package org.ownerless.protocol.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ownerless.protocol.crypto.PublicKey;
import org.ownerless.protocol.json.CanonicalJson;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.PartEntry;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.signing.SignedObject;
import org.ownerless.protocol.verify.AnnounceTracker;
import org.ownerless.protocol.verify.EquivocationProof;
import org.ownerless.protocol.verify.Freshness;
import org.ownerless.protocol.verify.Problem;
import org.ownerless.protocol.verify.RootTracker;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;

/**
 * Holds the committed docs/test-vectors/protocol.json to what the code produces, and the Java
 * verifier to every verdict in it. Regenerate after a deliberate format change with
 * {@code mvn -pl protocol test -Dtest=ProtocolVectorsTest -Downerless.writeVectors=true}.
 */
class ProtocolVectorsTest {
  private static final Path FILE = repoRoot().resolve("docs/test-vectors/protocol.json");
  private static JsonNode vectors;

  @BeforeAll
  static void load() throws Exception {
    ObjectNode built = ProtocolVectors.build();
    if (Boolean.getBoolean("ownerless.writeVectors")) {
      Files.writeString(FILE, built.toPrettyString() + "\n");
    }
    vectors = StrictJson.mapper().readTree(Files.readAllBytes(FILE));
  }

  @Test
  void theCommittedVectorsAreWhatTheCodeProduces() throws Exception {
    boolean same = Files.readString(FILE).equals(ProtocolVectors.build().toPrettyString() + "\n");
    assertThat(same).as("docs/test-vectors/protocol.json is stale; regenerate it (see class comment)").isTrue();
  }

  @Test
  void canonicalizationVectorsHold() throws Exception {
    for (JsonNode v : vectors.get("canonicalization")) {
      JsonNode parsed = StrictJson.parse(v.get("input").textValue().getBytes(StandardCharsets.UTF_8));
      assertThat(CanonicalJson.string(parsed)).as(v.get("name").textValue()).isEqualTo(v.get("canonical").textValue());
    }
  }

  @Test
  void signingInputVectorsHold() throws Exception {
    for (JsonNode v : vectors.get("signingInput")) {
      SignedObject s = SignedObject.parse(bytes(v.get("object")));
      assertThat(HexFormat.of().formatHex(SignedObject.signingInput(s.type(), s.body())))
          .isEqualTo(v.get("signingInputHex").textValue());
    }
  }

  @Test
  void singleObjectVerdictsHold() {
    long now = vectors.get("nowMs").longValue();
    for (JsonNode v : vectors.get("announces")) {
      assertThat(verdict(() -> Verifier.verifyAnnounce(bytes(v.get("json")), pinned(v), now)))
          .as(v.get("name").textValue()).isEqualTo(v.get("expect").textValue());
    }
    for (JsonNode v : vectors.get("manifests")) {
      assertThat(verdict(() -> Verifier.verifyManifest(bytes(v.get("json")), pinned(v))))
          .as(v.get("name").textValue()).isEqualTo(v.get("expect").textValue());
    }
  }

  @Test
  void encodingVerdictsHold() {
    long now = vectors.get("nowMs").longValue();
    assertThat(vectors.get("encodings")).isNotEmpty();
    for (JsonNode v : vectors.get("encodings")) {
      byte[] bytes = HexFormat.of().parseHex(v.get("bytesHex").textValue());
      assertThat(verdict(() -> Verifier.verifyAnnounce(bytes, null, now)))
          .as(v.get("name").textValue()).isEqualTo(v.get("expect").textValue());
    }
  }

  @Test
  void sequenceVerdictsHold() {
    long now = vectors.get("nowMs").longValue();
    for (JsonNode seq : vectors.get("rootSequences")) {
      RootTracker tracker = new RootTracker();
      for (JsonNode step : seq.get("steps")) {
        assertThat(verdict(() -> {
          tracker.accept(Verifier.verifyManifest(bytes(step.get("json")), (PublicKey) null));
          return null;
        })).as(seq.get("name").textValue()).isEqualTo(step.get("expect").textValue());
      }
    }
    for (JsonNode seq : vectors.get("announceSequences")) {
      AnnounceTracker tracker = null;
      for (JsonNode step : seq.get("steps")) {
        Signed<StreamAnnounce> a;
        try {
          a = Verifier.verifyAnnounce(bytes(step.get("json")), null, now);
        } catch (VerificationException e) {
          throw new AssertionError(e);
        }
        AnnounceTracker t = tracker != null ? tracker : new AnnounceTracker(a.content().streamId());
        tracker = t;
        assertThat(verdict(() -> {
          t.accept(a, now);
          return null;
        })).as(seq.get("name").textValue()).isEqualTo(step.get("expect").textValue());
      }
    }
  }

  @Test
  void freshnessVerdictsHold() {
    assertThat(vectors.get("freshness")).isNotEmpty();
    for (JsonNode v : vectors.get("freshness")) {
      long now = v.get("nowMs").longValue();
      assertThat(verdict(() -> {
        StreamAnnounce a = Verifier.verifyAnnounce(bytes(v.get("announce")), null, now).content();
        ManifestRoot m = Verifier.verifyManifest(bytes(v.get("manifest")), a, null).content();
        if (Freshness.isStale(m, a, now)) {
          throw new VerificationException(Problem.STALE, Freshness.describe(m, a, now));
        }
        return null;
      })).as(v.get("name").textValue()).isEqualTo(v.get("expect").textValue());
    }
  }

  @Test
  void equivocationProofVerdictsHold() {
    assertThat(vectors.get("proofs")).isNotEmpty();
    for (JsonNode v : vectors.get("proofs")) {
      assertThat(verdict(() -> EquivocationProof.verify(bytes(v.get("json")), pinned(v))))
          .as(v.get("name").textValue()).isEqualTo(v.get("expect").textValue());
    }
  }

  @Test
  void segmentVerdictsHold() throws Exception {
    for (JsonNode v : vectors.get("segments")) {
      byte[] bytes = HexFormat.of().parseHex(v.get("bytesHex").textValue());
      SegmentEntry entry = new SegmentEntry(4, "seg-000004.ts", 2_000_000,
          org.ownerless.protocol.crypto.Digest.fromHex(v.get("sha256").textValue()), v.get("size").longValue(), false);
      assertThat(verdict(() -> {
        Verifier.verifySegment(entry, bytes);
        return null;
      })).as(v.get("name").textValue()).isEqualTo(v.get("expect").textValue());
    }
    assertThat(ManifestRoot.MAX_WINDOW).isPositive();
  }

  @Test
  void partVerdictsHold() {
    assertThat(vectors.get("parts")).isNotEmpty();
    for (JsonNode v : vectors.get("parts")) {
      byte[] bytes = HexFormat.of().parseHex(v.get("bytesHex").textValue());
      PartEntry part = new PartEntry(v.get("uri").textValue(), 500_000,
          org.ownerless.protocol.crypto.Digest.fromHex(v.get("sha256").textValue()), v.get("size").longValue(), true);
      assertThat(verdict(() -> {
        Verifier.verifyPart(part, bytes);
        return null;
      })).as(v.get("name").textValue()).isEqualTo(v.get("expect").textValue());
    }
  }

  @Test
  void leafVectorsHold() {
    assertThat(vectors.get("leaves")).isNotEmpty();
    for (JsonNode v : vectors.get("leaves")) {
      org.ownerless.protocol.model.InitSection init = null;
      if (v.has("init")) {
        JsonNode i = v.get("init");
        init = new org.ownerless.protocol.model.InitSection(i.get("uri").textValue(),
            org.ownerless.protocol.crypto.Digest.fromHex(i.get("sha256").textValue()), i.get("size").longValue());
      }
      SegmentEntry e = new SegmentEntry(v.get("index").longValue(), init == null ? "s.ts" : "s.m4s",
          v.get("durationUs").longValue(), org.ownerless.protocol.crypto.Digest.fromHex(v.get("sha256").textValue()),
          v.get("size").longValue(), v.get("discontinuity").booleanValue(), init);
      String name = v.get("name").textValue();
      assertThat(HexFormat.of().formatHex(e.leafInput())).as(name).isEqualTo(v.get("leafInputHex").textValue());
      assertThat(e.leafHash().hex()).as(name).isEqualTo(v.get("leafHash").textValue());
      assertThat(org.ownerless.protocol.layout.StreamLayout.entry(1, e.leafInput()).leafInput()).as(name + ", decoded")
          .isEqualTo(e.leafInput());
    }
  }

  interface Check {
    Object run() throws VerificationException;
  }

  private static String verdict(Check check) {
    try {
      check.run();
      return "OK";
    } catch (VerificationException e) {
      return e.problem().name();
    }
  }

  private static PublicKey pinned(JsonNode v) {
    return v.has("pinnedKey") ? PublicKey.parse(v.get("pinnedKey").textValue()) : null;
  }

  private static byte[] bytes(JsonNode text) {
    return text.textValue().getBytes(StandardCharsets.UTF_8);
  }

  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("docs/test-vectors"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find docs/test-vectors above " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
