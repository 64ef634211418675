package org.ownerless.app.options;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.ownerless.app.UserError;
import org.ownerless.app.UserText;
import org.ownerless.protocol.model.StreamAnnounce;

/**
 * Server URLs as users type them, checked where they enter (flags and YAML) so that a natural value
 * never reaches the signed announce malformed: {@code http://host:8080} is completed to
 * {@code http://host:8080/}, and anything that is not an absolute URL of the right kind is one
 * {@code error:} line naming the flag.
 */
public final class ServerUrls {
  public static final Set<String> HTTP = Set.of("http", "https");
  public static final Set<String> WEBSOCKET = Set.of("ws", "wss");

  private ServerUrls() {}

  /**
   * A base URL other paths are appended to (an origin, a relay, this server): checked, with the scheme
   * in lower case and the path ending in "/".
   */
  public static String base(String flag, String value, Set<String> schemes) {
    URI uri = checked(flag, value, schemes);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (!path.endsWith("/")) {
      path += "/";
    }
    if (uri.getRawQuery() != null) {
      throw refused(flag, value, "must not have a query (it is the start of other URLs)");
    }
    return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path;
  }

  /** A complete endpoint URL (a tracker's announce URL): checked, otherwise kept as typed. */
  public static String endpoint(String flag, String value, Set<String> schemes) {
    checked(flag, value, schemes);
    return value.strip();
  }

  private static URI checked(String flag, String value, Set<String> schemes) {
    String mustStart =
        "must start with " + String.join(" or ", new TreeSet<>(schemes).stream().map(x -> x + "://").toList());
    if (value.strip().length() > StreamAnnounce.MAX_HINT_LENGTH) {
      throw refused(flag, value, "is longer than " + StreamAnnounce.MAX_HINT_LENGTH + " characters");
    }
    if (!value.contains("://")) {
      throw refused(flag, value, mustStart); // host:port, the commonest slip, is otherwise "illegal scheme"
    }
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw refused(flag, value, "is not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null || !schemes.contains(scheme)) {
      throw refused(flag, value, mustStart);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw refused(flag, value, "has no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw refused(flag, value, "must not carry credentials");
    }
    if (uri.getRawFragment() != null) {
      throw refused(flag, value, "must not have a fragment");
    }
    return uri;
  }

  private static UserError refused(String flag, String value, String why) {
    return new UserError(flag + " " + UserText.quote(value) + " " + why);
  }
}
