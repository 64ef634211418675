package org.ownerless.app.relay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.protocol.model.StreamId;

/**
 * A start-up check that at least one configured upstream answers HTTP at all. A relay pointed only
 * at hosts that refuse connections is almost certainly misconfigured (a typo, a wrong port), and
 * saying so at once beats retrying silently forever. Whether what it serves verifies is the mirror's
 * business once running (a node may not be live yet: a 404 is an answer).
 */
public final class UpstreamProbe {
  private UpstreamProbe() {}

  /** Empty if some upstream answered; otherwise why the first one did not. */
  public static Optional<String> noneAnswers(List<String> upstreams, StreamId stream, Duration timeout) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    String first = null;
    for (String u : upstreams) {
      URI announce = StreamUrl.forStream(u, stream).resolve("announce.json");
      try {
        client.send(HttpRequest.newBuilder(announce).timeout(timeout).method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build(), HttpResponse.BodyHandlers.discarding());
        return Optional.empty();
      } catch (IOException e) {
        if (first == null) {
          first = u + " does not answer (" + reason(e) + ")";
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.of(first);
  }

  private static String reason(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    return e.getMessage() != null ? e.getMessage() : "I/O error";
  }
}
