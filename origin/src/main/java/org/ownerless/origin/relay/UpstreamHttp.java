package org.ownerless.origin.relay;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.ownerless.protocol.verify.Problem;

/**
 * Bounded GETs to an upstream, optionally conditional (If-None-Match), so the relay can poll
 * manifests every ~100 ms and pay only a 304 when nothing changed. Never reads more than the caller
 * expects and never waits longer than the timeout: the upstream is untrusted.
 */
final class UpstreamHttp {
  /** A 200 with its body and ETag, or (body null) a 304 for the ETag that was sent. */
  record Response(byte[] body, String etag) {
    boolean notModified() {
      return body == null;
    }
  }

  /** A 404: the file is not (yet) there. Kept apart because a live stream's first manifest may lag its announce. */
  static final class NotFound extends Exception {
    NotFound(URI uri) {
      super(uri + ": HTTP 404", null, false, false);
    }
  }

  private final HttpClient client;
  private final Duration timeout;

  UpstreamHttp(Duration timeout) {
    // HTTP/1.1: keep-alive connections to the upstream, no h2c upgrade probing on every request.
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    this.timeout = timeout;
  }

  Response get(URI uri, long maxBytes, String etag) throws UpstreamFailure, NotFound {
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).header("Cache-Control", "no-cache").GET();
    if (etag != null) {
      req.header("If-None-Match", etag);
    }
    try {
      HttpResponse<InputStream> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = resp.body()) {
        int status = resp.statusCode();
        if (status == 304 && etag != null) {
          return new Response(null, etag);
        }
        if (status == 404) {
          throw new NotFound(uri);
        }
        if (status != 200) {
          throw new UpstreamFailure(Problem.UNAVAILABLE, uri + ": HTTP " + status);
        }
        long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBytes) {
          throw new UpstreamFailure(Problem.UNAVAILABLE, uri + ": body of " + declared + " bytes exceeds " + maxBytes);
        }
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
          throw new UpstreamFailure(Problem.UNAVAILABLE, uri + ": body exceeds " + maxBytes + " bytes");
        }
        return new Response(body, resp.headers().firstValue("ETag").orElse(null));
      }
    } catch (IOException e) {
      throw new UpstreamFailure(Problem.UNAVAILABLE, uri + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamFailure(Problem.UNAVAILABLE, uri + ": interrupted");
    }
  }

  /** An unconditional GET where a 404 is as much a failure as any other status (e.g. a listed segment). */
  byte[] require(URI uri, long maxBytes) throws UpstreamFailure {
    try {
      return get(uri, maxBytes, null).body();
    } catch (NotFound e) {
      throw new UpstreamFailure(Problem.UNAVAILABLE, e.getMessage());
    }
  }
}
