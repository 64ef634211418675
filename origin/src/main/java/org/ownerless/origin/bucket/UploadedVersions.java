package org.ownerless.origin.bucket;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content last uploaded under each changing key (announce, master, playlists, manifests), as a
 * SHA-256, so a pass uploads only what changed. However many versions a file went through while the
 * bucket was down, only the newest is ever sent: the coalescing is per key, by construction.
 */
final class UploadedVersions {
  private final Map<String, byte[]> hashes = new ConcurrentHashMap<>();

  boolean isCurrent(String key, byte[] content) {
    byte[] h = hashes.get(key);
    return h != null && Arrays.equals(h, sha256(content));
  }

  void uploaded(String key, byte[] content) {
    hashes.put(key, sha256(content));
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
