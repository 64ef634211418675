package org.ownerless.app.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP/1.1 GETs for tests, bounded so a poll never hangs on a server that stopped answering. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Http() {}

  /** The response, whatever its status. */
  public static HttpResponse<byte[]> get(String url) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The body as UTF-8 text, whatever the status. */
  public static String text(String url) throws Exception {
    return new String(get(url).body(), StandardCharsets.UTF_8);
  }
}
