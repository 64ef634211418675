package org.ownerless.origin.follow;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.ownerless.protocol.verify.Problem;

/**
 * The one HTTP client for everything fetched from someone else's server (relay upstreams, `verify`):
 * GETs bounded by what the caller expects, optionally conditional (If-None-Match) so a follower can
 * poll a manifest every ~100 ms and pay only a 304 when nothing changed. A server is untrusted, so
 * it can never make us read more than the caller's limit or wait longer than the timeout.
 */
public final class BoundedHttp {
  /** What a GET got: a body (with its ETag, if any), "not modified" for the ETag sent, or "not found". */
  public record Answer(int status, byte[] body, String etag) {
    public boolean notModified() {
      return status == 304;
    }

    public boolean notFound() {
      return status == 404;
    }
  }

  private final HttpClient client;
  private final Duration timeout;

  public BoundedHttp(Duration timeout) {
    // HTTP/1.1: keep-alive connections to the upstream, no h2c upgrade probing on every request.
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    this.timeout = timeout;
  }

  /**
   * GETs {@code uri}: a 200 with a body of at most {@code maxBytes}, a 304 when {@code etag} (may be
   * null) still matches, or a 404; anything else fails as UNAVAILABLE.
   */
  public Answer get(URI uri, long maxBytes, String etag) throws FetchFailure {
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).header("Cache-Control", "no-cache").GET();
    if (etag != null) {
      req.header("If-None-Match", etag);
    }
    try {
      HttpResponse<InputStream> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = resp.body()) {
        int status = resp.statusCode();
        if (status == 304 && etag != null) {
          return new Answer(304, null, etag);
        }
        if (status == 404) {
          return new Answer(404, null, null);
        }
        if (status != 200) {
          throw unavailable(uri, "HTTP " + status);
        }
        long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBytes) {
          throw unavailable(uri, "body of " + declared + " bytes exceeds the expected " + maxBytes);
        }
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
          throw unavailable(uri, "body exceeds the expected " + maxBytes + " bytes");
        }
        return new Answer(200, body, resp.headers().firstValue("ETag").orElse(null));
      }
    } catch (IOException e) {
      throw unavailable(uri, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(uri, "interrupted");
    }
  }

  /** The body of {@code uri}, where a 404 is as much a failure as any other status (a listed segment, a root). */
  public byte[] require(URI uri, long maxBytes) throws FetchFailure {
    Answer a = get(uri, maxBytes, null);
    if (a.notFound()) {
      throw unavailable(uri, "HTTP 404");
    }
    return a.body();
  }

  private static FetchFailure unavailable(URI uri, String reason) {
    return new FetchFailure(Problem.UNAVAILABLE, uri + ": " + reason);
  }
}
