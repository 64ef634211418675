package org.ownerless.protocol.merkle;

import java.util.ArrayList;
import java.util.List;
import org.ownerless.protocol.crypto.Digest;

/**
 * The RFC 9162 §2.1 recursive definitions, transcribed with no caching, as a reference the cached
 * tree is compared against. Only the two hash primitives are shared with production code.
 */
final class NaiveMerkle {
  private NaiveMerkle() {}

  static Digest mth(List<Digest> d) {
    int n = d.size();
    if (n == 0) {
      return MerkleHashes.emptyRoot();
    }
    if (n == 1) {
      return d.get(0);
    }
    int k = split(n);
    return MerkleHashes.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, n)));
  }

  static List<Digest> path(int m, List<Digest> d) {
    int n = d.size();
    if (n == 1) {
      return new ArrayList<>();
    }
    int k = split(n);
    List<Digest> out;
    if (m < k) {
      out = path(m, d.subList(0, k));
      out.add(mth(d.subList(k, n)));
    } else {
      out = path(m - k, d.subList(k, n));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  static List<Digest> proof(int m, List<Digest> d) {
    return subproof(m, d, true);
  }

  private static List<Digest> subproof(int m, List<Digest> d, boolean b) {
    int n = d.size();
    if (m == n) {
      List<Digest> out = new ArrayList<>();
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = split(n);
    List<Digest> out;
    if (m <= k) {
      out = subproof(m, d.subList(0, k), b);
      out.add(mth(d.subList(k, n)));
    } else {
      out = subproof(m - k, d.subList(k, n), false);
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  // Largest power of two strictly below n, found by doubling as the RFC words it.
  private static int split(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }
}
