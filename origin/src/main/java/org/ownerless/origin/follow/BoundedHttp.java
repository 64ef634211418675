package org.ownerless.origin.follow;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
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

  /** Redirects followed per request, at most. */
  static final int MAX_REDIRECTS = 3;

  private final HttpClient client;
  private final Duration timeout;

  public BoundedHttp(Duration timeout) {
    // HTTP/1.1: keep-alive connections to the upstream, no h2c upgrade probing on every request.
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.timeout = timeout;
  }

  /**
   * GETs {@code uri}: a 200 with a body of at most {@code maxBytes}, a 304 when {@code etag} (may be
   * null) still matches, or a 404; anything else fails as UNAVAILABLE. The whole exchange — connect,
   * headers and body, redirects included — ends within the timeout: a server that trickles its body
   * is cut off there. A redirect is followed only on the same host and port (or to https on the
   * same host), at most {@link #MAX_REDIRECTS} times: an upstream may move a file, not send the
   * follower to some other address (a third party, or a service behind the follower's firewall).
   */
  public Answer get(URI uri, long maxBytes, String etag) throws FetchFailure {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI at = uri;
    for (int hops = 0; ; hops++) {
      HttpResponse<byte[]> resp = exchange(at, maxBytes, etag, deadline);
      String location = resp.headers().firstValue("Location").orElse(null);
      if (!isRedirect(resp.statusCode()) || location == null) {
        return answer(at, resp, maxBytes, etag);
      }
      URI next;
      try {
        next = at.resolve(location.strip());
      } catch (IllegalArgumentException e) {
        throw unavailable(at, "HTTP " + resp.statusCode() + " to a malformed Location");
      }
      if (!sameServer(at, next)) {
        throw unavailable(at, "HTTP " + resp.statusCode() + " to another server (" + next.getScheme() + "://"
            + next.getRawAuthority() + "), not followed");
      }
      if (hops == MAX_REDIRECTS) {
        throw unavailable(uri, "more than " + MAX_REDIRECTS + " redirects");
      }
      at = next;
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** The same host and port, or the same host moved to https (its default port or the same one). */
  private static boolean sameServer(URI from, URI to) {
    if (to.getHost() == null || from.getHost() == null || !to.getHost().equalsIgnoreCase(from.getHost())) {
      return false;
    }
    String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals(from.getScheme().toLowerCase(Locale.ROOT))) {
      return to.getPort() == from.getPort();
    }
    return scheme.equals("https") && (to.getPort() == -1 || to.getPort() == 443 || to.getPort() == from.getPort());
  }

  /** One exchange, over by {@code deadline} (System.nanoTime()) whatever the server does. */
  private HttpResponse<byte[]> exchange(URI uri, long maxBytes, String etag, long deadline) throws FetchFailure {
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).header("Cache-Control", "no-cache").GET();
    if (etag != null) {
      req.header("If-None-Match", etag);
    }
    AtomicReference<CappedBody> reading = new AtomicReference<>();
    CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(req.build(), info -> {
      // Only a 200 has a body worth reading; any other answer's body is dropped unread.
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      CappedBody body = new CappedBody(maxBytes);
      reading.set(body);
      if (info.statusCode() != 200 || declared > maxBytes) {
        body.skip();
      }
      return body;
    });
    try {
      return exchange.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      stop(exchange, reading);
      throw unavailable(uri, "no complete answer within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      stop(exchange, reading);
      Thread.currentThread().interrupt();
      throw unavailable(uri, "interrupted");
    } catch (ExecutionException e) {
      throw failure(uri, e.getCause(), maxBytes);
    }
  }

  private Answer answer(URI uri, HttpResponse<byte[]> resp, long maxBytes, String etag) throws FetchFailure {
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
    if (declared > maxBytes || resp.body() == null) {
      throw unavailable(uri, "body of " + declared + " bytes exceeds the expected " + maxBytes);
    }
    return new Answer(200, resp.body(), resp.headers().firstValue("ETag").orElse(null));
  }

  private static void stop(CompletableFuture<?> exchange, AtomicReference<CappedBody> reading) {
    CappedBody body = reading.get();
    if (body != null) {
      body.cancel();
    }
    exchange.cancel(true);
  }

  private static FetchFailure failure(URI uri, Throwable cause, long maxBytes) {
    if (cause instanceof CappedBody.TooLarge) {
      return unavailable(uri, "body exceeds the expected " + maxBytes + " bytes");
    }
    return unavailable(uri, reason(cause));
  }

  /** A transport failure in words: the JDK client often leaves the message of the interesting cause empty. */
  private static String reason(Throwable cause) {
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof HttpTimeoutException) {
      return "timed out";
    }
    if (cause == null) {
      return "failed";
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
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
