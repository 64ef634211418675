package org.ownerless.origin.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ownerless.origin.verify.StreamUrl;
import org.ownerless.protocol.model.StreamId;
import org.ownerless.protocol.verify.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which upstream the relay reads now. The configured upstreams come first, then the origin hints of
 * the verified announce (minus the relay's own URL, which would be a loop). An upstream that fails
 * — unreachable, or serving anything that does not verify — is reported (one log line with the
 * problem name, a counter by problem) and the next one is tried, round-robin, so a relay whose every
 * upstream is down keeps retrying them all.
 */
public final class UpstreamChoice {
  private static final Logger log = LoggerFactory.getLogger(UpstreamChoice.class);
  /** The same upstream failing the same way is logged at most this often (polls run every ~100 ms). */
  private static final long LOG_EVERY_MS = 10_000;

  private final StreamId stream;
  private final String ownUrl;
  private final MeterRegistry metrics;
  private final List<StreamUrl> candidates = new ArrayList<>();
  private final Map<String, Long> lastLogged = new HashMap<>();
  private int current;

  public UpstreamChoice(StreamId stream, List<StreamUrl> configured, String ownPublicUrl, MeterRegistry metrics) {
    if (configured.isEmpty()) {
      throw new IllegalArgumentException("at least one upstream is needed");
    }
    this.stream = stream;
    this.ownUrl = ownPublicUrl == null ? null : UpstreamUrls.forStream(ownPublicUrl, stream).toString();
    this.metrics = metrics;
    for (StreamUrl u : configured) {
      add(u);
    }
  }

  public synchronized StreamUrl current() {
    return candidates.get(current);
  }

  public synchronized List<StreamUrl> all() {
    return List.copyOf(candidates);
  }

  /** Adds the origin hints of a verified announce after what is known already. */
  public synchronized void addHints(List<String> origins) {
    for (String hint : origins) {
      try {
        add(UpstreamUrls.forStream(hint, stream));
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
  public synchronized void reportFailure(StreamUrl failed, Problem problem, String message) {
    Counter.builder("ownerless.relay.upstream.failures").description("upstream files refused or unavailable")
        .tag("problem", problem.name()).register(metrics).increment();
    boolean wasCurrent = candidates.get(current).toString().equals(failed.toString());
    if (wasCurrent) {
      current = (current + 1) % candidates.size();
    }
    String key = failed + " " + problem;
    long now = System.currentTimeMillis();
    Long last = lastLogged.get(key);
    if (last == null || now - last >= LOG_EVERY_MS) {
      lastLogged.put(key, now);
      log.warn("upstream {} refused: {}: {}{}", failed, problem, message,
          wasCurrent ? "; now reading " + candidates.get(current) : "");
    }
  }
}
