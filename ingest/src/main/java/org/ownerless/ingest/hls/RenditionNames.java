package org.ownerless.ingest.hls;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.ownerless.protocol.model.Names;

/**
 * Rendition names from what another packager called its variants (file or directory names): lower
 * case, anything outside {@code [a-z0-9_-]} replaced by '-', at most 32 characters, and unique within
 * the stream (a clash gets "-2", "-3"...). The names become URL path parts and tracker swarm names.
 */
final class RenditionNames {
  private final Set<String> taken = new HashSet<>();

  String unique(String raw) {
    String base = sanitize(raw);
    String name = base;
    for (int n = 2; !taken.add(name); n++) {
      String suffix = "-" + n;
      name = base.substring(0, Math.min(base.length(), 32 - suffix.length())) + suffix;
    }
    return name;
  }

  static String sanitize(String raw) {
    StringBuilder b = new StringBuilder();
    for (char c : raw.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      if (b.length() == 0 && (c == '_' || c == '-' || !ok)) {
        continue; // a name starts with a letter or digit
      }
      b.append(ok ? c : '-');
      if (b.length() == 32) {
        break;
      }
    }
    String s = b.length() == 0 ? "src" : b.toString();
    assert Names.isRenditionName(s) : s;
    return s;
  }
}
