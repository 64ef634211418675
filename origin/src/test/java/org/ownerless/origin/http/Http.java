package org.ownerless.origin.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** java.net.http with HTTP/1.1 forced and short timeouts, so a hung server fails a test quickly. */
final class Http {
  private static final HttpClient PLAIN = builder().build();

  private Http() {}

  static HttpClient.Builder builder() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
  }

  static HttpClient trustingAll() {
    return builder().sslContext(TrustAll.context()).build();
  }

  static HttpResponse<byte[]> get(URI uri, String... headers) throws IOException, InterruptedException {
    return send(PLAIN, "GET", uri, headers);
  }

  static HttpResponse<byte[]> send(String method, URI uri, String... headers)
      throws IOException, InterruptedException {
    return send(PLAIN, method, uri, headers);
  }

  static HttpResponse<byte[]> send(HttpClient client, String method, URI uri, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String header(HttpResponse<?> res, String name) {
    return res.headers().firstValue(name).orElse(null);
  }
}
