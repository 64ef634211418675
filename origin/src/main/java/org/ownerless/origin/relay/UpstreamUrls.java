package org.ownerless.origin.relay;

import java.net.URI;
import java.net.URISyntaxException;
import org.ownerless.origin.verify.StreamUrl;
import org.ownerless.protocol.model.StreamId;

/**
 * Turns what users and announces give as an upstream — an origin base ({@code http://node:8080/},
 * a bucket endpoint with a prefix) or a full stream URL ({@code .../streams/PUB/NAME/}) — into the
 * stream URL of the one stream this relay mirrors.
 */
public final class UpstreamUrls {
  private UpstreamUrls() {}

  /** @throws IllegalArgumentException with a message fit for the user */
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
      StreamUrl named = StreamUrl.parse(uri.toString());
      if (!named.stream().equals(stream)) {
        throw new IllegalArgumentException(text + " is stream " + named.stream() + ", not " + stream);
      }
      return named;
    }
    return StreamUrl.parse(uri.resolve(stream.path() + "/").toString());
  }

  /** The same origin spelled with or without a trailing slash is the same origin. */
  static String normalized(String base) {
    return base.endsWith("/") ? base : base + "/";
  }
}
