package org.ownerless.origin.follow;

import java.net.URI;
import java.net.URISyntaxException;
import org.ownerless.protocol.model.StreamId;

/**
 * A stream location {@code http(s)://HOST[:PORT][/PREFIX]/streams/PUB/NAME/}: the base every file
 * of the stream is fetched from, and the identity (PUB, NAME) every file must be signed for.
 */
public record StreamUrl(URI base, StreamId stream) {
  public static StreamUrl parse(String text) {
    URI uri;
    try {
      uri = new URI(text.endsWith("/") ? text : text + "/");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + e.getReason());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("stream URLs are http:// or https://");
    }
    if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("expected http(s)://HOST/streams/PUB/NAME/");
    }
    String path = uri.getPath();
    int at = path.lastIndexOf("/streams/");
    String[] parts = at < 0 ? new String[0] : path.substring(at + "/streams/".length()).split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected a path ending in /streams/PUB/NAME/, got " + path);
    }
    return new StreamUrl(uri, StreamId.parse(parts[0] + "/" + parts[1]));
  }

  /**
   * The stream URL of {@code stream} from what users and announces give as an origin: a base
   * ({@code http://node:8080/}, a bucket endpoint with a prefix) or a full stream URL
   * ({@code .../streams/PUB/NAME/}), which must then name the same stream.
   *
   * @throws IllegalArgumentException with a message fit for the user
   */
  public static StreamUrl forStream(String text, StreamId stream) {
    URI uri;
    try {
      uri = new URI(text.endsWith("/") ? text : text + "/");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("'" + text + "' is not an http:// or https:// URL");
    }
    if (uri.getPath() != null && uri.getPath().contains("/streams/")) {
      StreamUrl named = parse(uri.toString());
      if (!named.stream().equals(stream)) {
        throw new IllegalArgumentException(text + " is stream " + named.stream() + ", not " + stream);
      }
      return named;
    }
    return parse(uri.resolve(stream.path() + "/").toString());
  }

  public URI resolve(String relative) {
    return base.resolve(relative);
  }

  @Override
  public String toString() {
    return base.toString();
  }
}
