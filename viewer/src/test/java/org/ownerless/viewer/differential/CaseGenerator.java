package org.ownerless.viewer.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ownerless.protocol.json.CanonicalJson;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.verify.Verifier;

/**
 * Seeded cases from the corpus: objects kept, damaged as bytes, changed and re-signed, re-encoded or
 * re-spaced; proofs built from pairs of (changed) objects; root sequences reordered, cut, repeated and
 * spliced with changed roots. The same seed gives the same cases.
 */
final class CaseGenerator {
  private final Corpus corpus;
  private final Random random;
  private final ByteMutations bytes;
  private final JsonMutations json;
  private int nextId;

  CaseGenerator(Corpus corpus, long seed) {
    this.corpus = corpus;
    this.random = new Random(seed);
    this.bytes = new ByteMutations(random);
    this.json = new JsonMutations(random, corpus.creator(), corpus.other());
  }

  List<FuzzCase> next(int count) {
    List<FuzzCase> cases = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(100);
      cases.add(pick < 25 ? announce() : pick < 55 ? manifest() : pick < 70 ? proof() : sequence());
    }
    return cases;
  }

  private FuzzCase announce() {
    byte[] seed = any(corpus.announces());
    StringBuilder how = new StringBuilder("announce");
    byte[] b = vary(seed, how);
    return FuzzCase.single(nextId++, FuzzCase.Kind.ANNOUNCE, b, pinned(), judgedAt(b), how.toString());
  }

  private FuzzCase manifest() {
    StringBuilder how = new StringBuilder("manifest");
    return FuzzCase.single(nextId++, FuzzCase.Kind.MANIFEST, vary(any(corpus.manifests()), how), pinned(), 0,
        how.toString());
  }

  private FuzzCase proof() {
    StringBuilder how = new StringBuilder("proof");
    if (random.nextInt(10) < 4) {
      return FuzzCase.single(nextId++, FuzzCase.Kind.PROOF, vary(any(corpus.proofs()), how), pinned(), 0, how.toString());
    }
    // A pair: often one object and a changed, re-signed copy of it, which is what an equivocation looks like.
    List<byte[]> pool = random.nextBoolean() ? corpus.manifests() : corpus.announces();
    ObjectNode first = parse(any(pool));
    ObjectNode second = first == null || random.nextInt(3) == 0 ? parse(any(pool)) : json.mutate(first);
    if (first == null || second == null) {
      return FuzzCase.single(nextId++, FuzzCase.Kind.PROOF, vary(any(corpus.proofs()), how), pinned(), 0, how.toString());
    }
    ObjectNode p = StrictJson.mapper().createObjectNode();
    p.put("type", "EQUIVOCATION_PROOF");
    p.put("v", 2);
    p.set("first", first);
    p.set("second", second);
    how.append(" pair");
    byte[] b = canonical(p);
    return FuzzCase.single(nextId++, FuzzCase.Kind.PROOF, random.nextInt(5) == 0 ? vary(b, how) : b, pinned(), 0,
        how.toString());
  }

  private FuzzCase sequence() {
    List<byte[]> steps = new ArrayList<>(any(corpus.sequences()));
    StringBuilder how = new StringBuilder("roots");
    int edits = random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      int at = random.nextInt(steps.size());
      switch (random.nextInt(7)) {
        case 0 -> {
          if (steps.size() > 1) {
            steps.remove(at);
            how.append(" drop");
          }
        }
        case 1 -> {
          steps.add(random.nextInt(steps.size() + 1), steps.get(at));
          how.append(" repeat");
        }
        case 2 -> {
          int other = random.nextInt(steps.size());
          byte[] t = steps.get(at);
          steps.set(at, steps.get(other));
          steps.set(other, t);
          how.append(" swap");
        }
        case 3 -> {
          steps.add(random.nextInt(steps.size() + 1), any(corpus.manifests()));
          how.append(" insert");
        }
        case 4 -> {
          steps.addAll(any(corpus.sequences()));
          how.append(" join");
        }
        default -> {
          StringBuilder step = new StringBuilder();
          steps.set(at, vary(steps.get(at), step));
          how.append(" step").append(at).append('[').append(step).append(']');
        }
      }
    }
    return FuzzCase.sequence(nextId++, steps, random.nextBoolean() ? null : pinned(), how.toString());
  }

  /** The seed kept, damaged, changed and re-signed, re-encoded or re-spaced; {@code how} records which. */
  private byte[] vary(byte[] seed, StringBuilder how) {
    int pick = random.nextInt(100);
    if (pick < 8) {
      how.append(" kept");
      return seed;
    }
    if (pick < 30) {
      how.append(" damaged");
      return bytes.damage(seed);
    }
    if (pick < 88) {
      ObjectNode o = parse(seed);
      if (o != null) {
        how.append(" changed");
        ObjectNode changed = json.mutate(o);
        if (random.nextInt(4) == 0) {
          changed = json.mutate(changed);
          how.append(" twice");
        }
        return canonical(changed);
      }
      how.append(" damaged");
      return bytes.damage(seed);
    }
    if (pick < 94) {
      ObjectNode o = parse(seed);
      how.append(" respaced");
      return o == null ? seed : o.toPrettyString().getBytes(StandardCharsets.UTF_8);
    }
    how.append(" reencoded");
    return bytes.reencode(seed);
  }

  /** A time at or around one of the announce's own edges (issue, expiry, the clock-skew allowance), or the vectors' now. */
  private long judgedAt(byte[] announce) {
    ObjectNode o = parse(announce);
    long now = corpus.nowMs();
    if (o == null || random.nextInt(5) < 2) {
      return now;
    }
    long issued = o.path("issuedAtMs").asLong(now);
    long expires = o.path("expiresAtMs").asLong(now);
    long[] edges = {issued, expires, issued - Verifier.MAX_CLOCK_SKEW_MS, expires + Verifier.MAX_CLOCK_SKEW_MS};
    return edges[random.nextInt(edges.length)] + random.nextInt(3) - 1;
  }

  private String pinned() {
    int pick = random.nextInt(10);
    return pick < 6 ? null : pick < 9 ? corpus.creator().publicKey().toBase64Url() : corpus.other().publicKey().toBase64Url();
  }

  private <T> T any(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private static ObjectNode parse(byte[] b) {
    try {
      JsonNode n = StrictJson.mapper().readTree(new String(b, StandardCharsets.UTF_8));
      return n instanceof ObjectNode o ? o : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static byte[] canonical(ObjectNode o) {
    try {
      return CanonicalJson.bytes(o);
    } catch (RuntimeException e) {
      return o.toString().getBytes(StandardCharsets.UTF_8); // no canonical form: what a careless signer writes
    }
  }
}
