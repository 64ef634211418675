package org.ownerless.origin.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a request target into the decoded path routes see, or refuses it.
 *
 * <p>Refusing is deliberately broader than what the file system would need: any {@code .} or
 * {@code ..} segment, {@code //}, backslash, NUL or other control character, encoded slash or
 * backslash, or bytes that are not UTF-8. None of these appear in a URL this project publishes, and
 * each is a classic way to make two layers (proxy, CDN, file system) disagree about which file is meant.
 */
final class RequestPath {
  private RequestPath() {}

  /** The decoded path, or empty if the target must be answered 400. The query string is ignored. */
  static Optional<String> decode(String uri) {
    if (uri == null || uri.isEmpty() || uri.charAt(0) != '/') {
      return Optional.empty(); // only origin-form targets; absolute-form would let the client pick a host
    }
    if (plain(uri)) {
      return acceptable(uri) ? Optional.of(uri) : Optional.empty(); // what decoding would return
    }
    QueryStringDecoder decoder = new QueryStringDecoder(uri);
    String raw = decoder.rawPath();
    String lower = raw.toLowerCase(Locale.ROOT);
    // Checked before decoding: once decoded, "a%2fb" is indistinguishable from a real "a/b".
    if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
      return Optional.empty();
    }
    String path;
    try {
      path = decoder.path(); // decodes %XX strictly; '+' stays '+' in a path
    } catch (IllegalArgumentException malformedEscape) {
      return Optional.empty();
    }
    return acceptable(path) ? Optional.of(path) : Optional.empty();
  }

  /**
   * True if the target has no query, fragment or escape, so it is its own decoded path: the common
   * case, answered without the decoder's allocations (it is asked twice per request).
   */
  private static boolean plain(String uri) {
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '%' || c == '?' || c == '#') {
        return false;
      }
    }
    return true;
  }

  private static boolean acceptable(String path) {
    if (path.isEmpty() || path.charAt(0) != '/' || path.contains("//")) {
      return false;
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      // U+FFFD is what the decoder leaves for bytes that are not UTF-8.
      if (c < 0x20 || c == 0x7f || c == '\\' || c == '\uFFFD') {
        return false;
      }
    }
    int start = 1;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      int length = end - start;
      if ((length == 1 || length == 2) && path.charAt(start) == '.' && path.charAt(end - 1) == '.') {
        return false; // "." or ".."
      }
      start = end + 1;
    }
    return true;
  }
}
