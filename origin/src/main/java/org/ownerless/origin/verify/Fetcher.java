package org.ownerless.origin.verify;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Bounded HTTP GETs: a hostile origin cannot make us read more than we expect or wait forever. */
public final class Fetcher {
  private final HttpClient client;
  private final Duration timeout;

  public Fetcher(Duration timeout) {
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    this.timeout = timeout;
  }

  /** The body of {@code uri}; fails on a non-200 status or a body longer than {@code maxBytes}. */
  public byte[] get(URI uri, long maxBytes) throws FetchException {
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).header("Cache-Control", "no-cache").GET().build();
    try {
      HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = resp.body()) {
        if (resp.statusCode() != 200) {
          throw new FetchException(uri, "HTTP " + resp.statusCode());
        }
        long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBytes) {
          throw new FetchException(uri, "body of " + declared + " bytes exceeds the expected " + maxBytes);
        }
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
          throw new FetchException(uri, "body exceeds the expected " + maxBytes + " bytes");
        }
        return body;
      }
    } catch (IOException e) {
      throw new FetchException(uri, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(uri, "interrupted");
    }
  }

  /** A failed fetch, with the URL and the reason. */
  public static final class FetchException extends Exception {
    public FetchException(URI uri, String reason) {
      super(uri + ": " + reason);
    }
  }
}
