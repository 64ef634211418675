package org.ownerless.origin.follow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ownerless.protocol.model.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which upstream a follower reads now. The configured upstreams come first, then the origin hints of
 * the verified announce (minus the follower's own URL, which would be a loop). An upstream that
 * fails — unreachable, or serving anything that does not verify — is reported (one log line with
 * the problem name, a counter by problem) and the next one is tried, round-robin, so a relay whose
 * every upstream is down keeps retrying them all. {@link #single} is the choice of a check of one
 * server (`verify URL`): it never moves and leaves reporting to its caller.
 */
public final class UpstreamChoice {
  private static final Logger log = LoggerFactory.getLogger(UpstreamChoice.class);
  /** The same upstream failing the same way is logged at most this often (polls run every ~100 ms). */
  private static final long LOG_EVERY_MS = 10_000;

  private final StreamId stream;
  private final String ownUrl;
  private final MeterRegistry metrics;
  private final boolean takesHints;
  private final List<StreamUrl> candidates = new ArrayList<>();
  private final Map<String, Long> lastLogged = new HashMap<>();
  private int current;

  private UpstreamChoice(StreamId stream, List<StreamUrl> configured, String ownPublicUrl, MeterRegistry metrics,
      boolean takesHints) {
    if (configured.isEmpty()) {
      throw new IllegalArgumentException("at least one upstream is needed");
    }
    this.stream = stream;
    this.ownUrl = ownPublicUrl == null ? null : StreamUrl.forStream(ownPublicUrl, stream).toString();
    this.metrics = metrics;
    this.takesHints = takesHints;
    for (StreamUrl u : configured) {
      add(u);
    }
  }

  /**
   * The configured upstreams in order, then the announce's origin hints.
   *
   * @param ownPublicUrl the follower's own base URL, never read from (null if unknown)
   * @param metrics where failures are counted ({@code ownerless.relay.upstream.failures} by problem)
   */
  public static UpstreamChoice failingOver(StreamId stream, List<StreamUrl> configured, String ownPublicUrl,
      MeterRegistry metrics) {
    return new UpstreamChoice(stream, configured, ownPublicUrl, metrics, true);
  }

  /** Exactly {@code url}, whatever the announce names; failures are the caller's to report. */
  public static UpstreamChoice single(StreamUrl url) {
    return new UpstreamChoice(url.stream(), List.of(url), null, null, false);
  }

  public synchronized StreamUrl current() {
    return candidates.get(current);
  }

  public synchronized List<StreamUrl> all() {
    return List.copyOf(candidates);
  }

  /** Adds the origin hints of a verified announce after what is known already. */
  public synchronized void addHints(List<String> origins) {
    if (!takesHints) {
      return;
    }
    for (String hint : origins) {
      try {
        add(StreamUrl.forStream(hint, stream));
      } catch (IllegalArgumentException e) {
        log.debug("ignoring origin hint {}: {}", hint, e.getMessage());
      }
    }
  }

  private void add(StreamUrl u) {
    boolean known = candidates.stream().anyMatch(c -> c.toString().equals(u.toString()));
    if (!known && !u.toString().equals(ownUrl)) {
      candidates.add(u);
    }
  }

  /**
   * Reports that {@code failed} misbehaved and moves on to the next candidate, unless another
   * poller already moved away from it (several renditions may see the same outage at once).
   */
  public synchronized void reportFailure(StreamUrl failed, FetchFailure failure) {
    boolean wasCurrent = candidates.get(current).toString().equals(failed.toString());
    if (wasCurrent) {
      current = (current + 1) % candidates.size();
    }
    if (metrics == null) {
      return;
    }
    Counter.builder("ownerless.relay.upstream.failures").description("upstream files refused or unavailable")
        .tag("problem", failure.problem().name()).register(metrics).increment();
    String key = failed + " " + failure.problem();
    long now = System.currentTimeMillis();
    Long last = lastLogged.get(key);
    if (last == null || now - last >= LOG_EVERY_MS) {
      lastLogged.put(key, now);
      log.warn("upstream {} refused: {}: {}{}", failed, failure.problem(), failure.getMessage(),
          wasCurrent ? "; now reading " + candidates.get(current) : "");
    }
  }
}
