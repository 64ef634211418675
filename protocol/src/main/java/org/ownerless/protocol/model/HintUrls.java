package org.ownerless.protocol.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/** Validation of the discovery hints in an announce: absolute URLs with an allowed scheme and a host. */
final class HintUrls {
  static final int MAX_COUNT = 16;
  static final int MAX_LENGTH = 2048;
  static final Set<String> ORIGIN_SCHEMES = Set.of("http", "https");
  static final Set<String> TRACKER_SCHEMES = Set.of("ws", "wss");

  private HintUrls() {}

  /** Returns null if {@code url} is acceptable, or what is wrong with it. */
  static String problem(String url, Set<String> schemes) {
    if (url.length() > MAX_LENGTH) {
      return "longer than " + MAX_LENGTH + " characters";
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "not a URL (" + e.getReason() + ")";
    }
    if (uri.getScheme() == null || !schemes.contains(uri.getScheme())) {
      return "scheme must be one of " + schemes;
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "has no host";
    }
    if (uri.getRawUserInfo() != null) {
      return "must not carry credentials";
    }
    if (uri.getRawFragment() != null) {
      return "must not have a fragment";
    }
    return null;
  }

  static void check(List<String> urls, Set<String> schemes, String what) {
    if (urls.size() > MAX_COUNT) {
      throw new IllegalArgumentException("at most " + MAX_COUNT + " " + what + " hints");
    }
    for (String url : urls) {
      String problem = problem(url, schemes);
      if (problem != null) {
        throw new IllegalArgumentException(what + " hint '" + url + "' " + problem);
      }
    }
  }
}
