package org.ownerless.viewer.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.json.StrictJson;

/**
 * The fuzzer's seeds: every object in the shared vectors (docs/test-vectors/protocol.json), genuine
 * and refused alike, and the vectors' keys, so mutated objects can be signed as their creator would.
 */
record Corpus(List<byte[]> announces, List<byte[]> manifests, List<byte[]> proofs, List<List<byte[]>> sequences,
    Signer creator, Signer other, long nowMs) {

  static Corpus load() throws Exception {
    JsonNode v = StrictJson.mapper().readTree(Files.readAllBytes(vectorsFile()));
    List<byte[]> announces = new ArrayList<>();
    List<byte[]> manifests = new ArrayList<>();
    List<byte[]> proofs = new ArrayList<>();
    List<List<byte[]>> sequences = new ArrayList<>();
    v.get("announces").forEach(a -> announces.add(text(a.get("json"))));
    v.get("encodings").forEach(e -> announces.add(HexFormat.of().parseHex(e.get("bytesHex").textValue())));
    v.get("manifests").forEach(m -> manifests.add(text(m.get("json"))));
    v.get("proofs").forEach(p -> proofs.add(text(p.get("json"))));
    v.get("freshness").forEach(f -> {
      announces.add(text(f.get("announce")));
      manifests.add(text(f.get("manifest")));
    });
    for (JsonNode seq : v.get("rootSequences")) {
      List<byte[]> steps = new ArrayList<>();
      seq.get("steps").forEach(s -> steps.add(text(s.get("json"))));
      sequences.add(steps);
      manifests.addAll(steps);
    }
    v.get("announceSequences").forEach(seq -> seq.get("steps").forEach(s -> announces.add(text(s.get("json")))));
    return new Corpus(announces, manifests, proofs, sequences, key(v, "creator"), key(v, "other"),
        v.get("nowMs").longValue());
  }

  private static Signer key(JsonNode vectors, String name) {
    for (JsonNode k : vectors.get("keys")) {
      if (k.get("name").textValue().equals(name)) {
        return Signer.fromSeed(HexFormat.of().parseHex(k.get("seedHex").textValue()));
      }
    }
    throw new IllegalStateException("the vectors hold no key named " + name);
  }

  private static byte[] text(JsonNode node) {
    return node.textValue().getBytes(StandardCharsets.UTF_8);
  }

  private static Path vectorsFile() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("docs/test-vectors/protocol.json"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("docs/test-vectors/protocol.json not found above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("docs/test-vectors/protocol.json");
  }
}
