package org.ownerless.tracker;

/**
 * info_hash, peer_id and offer_id as WebTorrent clients send them: 20-character JSON strings whose
 * code points are all ≤ U+00FF (each stands for one byte), not hex.
 */
final class WireIds {
  static final int LENGTH = 20;

  private WireIds() {}

  static boolean valid(String id) {
    if (id == null || id.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      if (id.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }
}
