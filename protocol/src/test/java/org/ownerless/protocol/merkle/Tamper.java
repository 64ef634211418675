package org.ownerless.protocol.merkle;

import java.util.ArrayList;
import java.util.List;
import org.ownerless.protocol.crypto.Digest;

/** Small, deliberate corruptions of proofs and hashes for negative tests. */
final class Tamper {
  private Tamper() {}

  static Digest flipBit(Digest digest, int bit) {
    byte[] bytes = digest.toByteArray();
    bytes[(bit >>> 3) % Digest.LENGTH] ^= (byte) (1 << (bit & 7));
    return Digest.of(bytes);
  }

  static List<Digest> flipBit(List<Digest> path, int element, int bit) {
    List<Digest> out = new ArrayList<>(path);
    out.set(element, flipBit(path.get(element), bit));
    return out;
  }

  static List<Digest> withoutLast(List<Digest> path) {
    return path.subList(0, path.size() - 1);
  }

  static List<Digest> withoutFirst(List<Digest> path) {
    return path.subList(1, path.size());
  }

  static List<Digest> plus(List<Digest> path, Digest extra) {
    List<Digest> out = new ArrayList<>(path);
    out.add(extra);
    return out;
  }

  static List<Digest> prefixedWith(Digest extra, List<Digest> path) {
    List<Digest> out = new ArrayList<>();
    out.add(extra);
    out.addAll(path);
    return out;
  }
}
