package org.ownerless.origin.follow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ownerless.net.LogText;
import org.ownerless.protocol.model.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which upstream a follower reads now. The configured upstreams come first, then the origin hints of
 * the verified announce (minus the follower's own URL, which would be a loop). An upstream that
 * fails — unreachable, too slow, or serving anything that does not verify — is reported (a counter
 * by problem; one log line when it starts failing and one when it answers again) and the next one
 * is tried, round-robin. When a whole round has failed the follower is in an outage: one log line,
 * then polls wait with back-off ({@link #waitingOut}) up to {@link #MAX_BACKOFF_MS}, and one line
 * when an upstream answers again — a relay started before its node, or outliving it, just waits.
 * Another upstream found to be <em>ahead</em> by a scout ({@link #nextToScout}) becomes the one
 * read ({@link #prefer}): a stale mirror cannot pin the follower. {@link #single} is the choice of
 * a check of one server (`verify URL`): it never moves and leaves reporting to its caller.
 */
public final class UpstreamChoice {
  private static final Logger log = LoggerFactory.getLogger(UpstreamChoice.class);
  /** The first wait after a whole round of upstreams failed; it doubles up to {@link #MAX_BACKOFF_MS}. */
  static final long FIRST_BACKOFF_MS = 500;
  static final long MAX_BACKOFF_MS = 30_000;

  private final StreamId stream;
  private final String ownUrl;
  private final MeterRegistry metrics;
  private final boolean takesHints;
  private final List<StreamUrl> candidates = new ArrayList<>();
  private final Set<String> failing = new HashSet<>();
  private int current;
  private int scouted;
  private int failuresInARow;
  private long outageSinceMs = -1;
  private long backoffMs = FIRST_BACKOFF_MS;
  private long notBeforeMs;

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
        log.debug("ignoring origin hint {}: {}", LogText.quote(hint), LogText.detail(e.getMessage()));
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
    if (failing.add(failed.toString())) {
      log.warn("upstream {} failing: {}: {}{}", failed, failure.problem(), LogText.detail(failure.getMessage()),
          wasCurrent && candidates.size() > 1 ? "; now reading " + candidates.get(current) : "");
    }
    long now = System.currentTimeMillis();
    if (++failuresInARow < candidates.size()) {
      return;
    }
    // A whole round failed: wait before the next, longer each time.
    if (outageSinceMs < 0) {
      outageSinceMs = now;
      log.warn("no upstream of {} answers; serving what is mirrored, retrying with back-off up to {} s", stream,
          MAX_BACKOFF_MS / 1000);
    }
    failuresInARow = 0;
    notBeforeMs = now + backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
  }

  /** Reports that {@code upstream} answered with something accepted: any outage or back-off is over. */
  public synchronized void reportSuccess(StreamUrl upstream) {
    failuresInARow = 0;
    backoffMs = FIRST_BACKOFF_MS;
    notBeforeMs = 0;
    if (metrics == null) {
      return;
    }
    if (outageSinceMs >= 0) {
      log.info("upstream {} answers again after {} s without any", upstream,
          (System.currentTimeMillis() - outageSinceMs) / 1000);
      outageSinceMs = -1;
      failing.remove(upstream.toString());
    } else if (failing.remove(upstream.toString())) {
      log.info("upstream {} answers again", upstream);
    }
  }

  /** True while a back-off after a failed round runs: a poll now would only fail again. */
  public synchronized boolean waitingOut() {
    return System.currentTimeMillis() < notBeforeMs;
  }

  /** The next upstream other than the current one to ask whether it is ahead, in turn; null if there is none. */
  public synchronized StreamUrl nextToScout() {
    if (candidates.size() < 2) {
      return null;
    }
    scouted = (scouted + 1) % candidates.size();
    if (scouted == current) {
      scouted = (scouted + 1) % candidates.size();
    }
    return candidates.get(scouted);
  }

  /** Reads {@code ahead} from now on: a scout found it serving a newer genuine state than the current one. */
  public synchronized void prefer(StreamUrl ahead, String why) {
    for (int i = 0; i < candidates.size(); i++) {
      if (candidates.get(i).toString().equals(ahead.toString()) && i != current) {
        if (metrics != null) {
          log.info("reading {} instead of {}: {}", ahead, candidates.get(current), LogText.detail(why));
        }
        current = i;
        return;
      }
    }
  }
}
