package org.ownerless.origin.follow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.verify.Problem;
import org.ownerless.protocol.verify.RootTracker;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.VerificationException;

/**
 * The intermediate roots of one gap walk ({@code roots/E-N.json} of the accepted epoch E, last + 1 …
 * newest − 1, or up to where the next epoch says E ended), fetched a few
 * at a time ahead of the tracker, which still accepts them strictly in order. A root is signed, so
 * it may come from any upstream: each is asked of the upstream that served the newest manifest
 * first, then of the others; an upstream that failed once is not asked again during this walk. A
 * slow or failing origin therefore costs one deadline per walk, not one per root. Not thread-safe:
 * one walk, one caller; {@link #close} cancels what was fetched ahead and not used.
 */
final class GapRoots implements RootTracker.RootSource, AutoCloseable {
  /** Roots in flight at once: enough to hide a round trip, few enough not to look like a flood. */
  static final int AHEAD = 4;

  private static final ExecutorService FETCHERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "gap-walk");
    t.setDaemon(true);
    return t;
  });

  /** Fetches and verifies one root from one upstream. */
  interface Fetch {
    RootFollow.Fetched root(StreamUrl upstream, long epoch, long treeSize) throws FetchFailure;
  }

  private final List<StreamUrl> upstreams;
  private final Fetch fetch;
  private final long epoch;
  private final long end;
  private final Deque<Future<RootFollow.Fetched>> ahead = new ArrayDeque<>();
  private final Set<String> failed = ConcurrentHashMap.newKeySet();
  private final List<RootFollow.Fetched> walked = new ArrayList<>();
  private long nextToAsk;
  private volatile FetchFailure lastFailure;

  /**
   * @param upstreams who to ask, the one that served the newest manifest first
   * @param epoch the epoch walked (the accepted one)
   * @param from the last accepted size; the walk needs from + 1 …
   * @param end … up to, not including, this size
   */
  GapRoots(List<StreamUrl> upstreams, long epoch, long from, long end, Fetch fetch) {
    this.upstreams = List.copyOf(upstreams);
    this.epoch = epoch;
    this.fetch = fetch;
    this.end = end;
    this.nextToAsk = from + 1;
  }

  @Override
  public Signed<ManifestRoot> root(long asked, long treeSize) throws VerificationException {
    if (asked != epoch) {
      throw new IllegalStateException("root of epoch " + asked + " asked in a walk of epoch " + epoch);
    }
    while (ahead.size() < AHEAD && nextToAsk < end) {
      long size = nextToAsk++;
      ahead.add(FETCHERS.submit(() -> fromAnyUpstream(size)));
    }
    Future<RootFollow.Fetched> next = ahead.poll();
    if (next == null) {
      throw new IllegalStateException("root " + treeSize + " asked outside the walk");
    }
    try {
      RootFollow.Fetched f = next.get();
      if (f.root().content().treeSize() != treeSize || f.root().content().epoch() != epoch) {
        throw new IllegalStateException("walk out of order: " + f.root().content().treeSize() + " for " + treeSize);
      }
      walked.add(f);
      return f.root();
    } catch (ExecutionException e) {
      FetchFailure f = e.getCause() instanceof FetchFailure ff ? ff : null;
      if (f == null) {
        throw new IllegalStateException(e.getCause());
      }
      lastFailure = f;
      throw new VerificationException(f.problem(), f.getMessage());
    } catch (InterruptedException | CancellationException e) {
      Thread.currentThread().interrupt();
      FetchFailure f = new FetchFailure(Problem.UNAVAILABLE, "gap walk interrupted");
      lastFailure = f;
      throw new VerificationException(f.problem(), f.getMessage());
    }
  }

  private RootFollow.Fetched fromAnyUpstream(long size) throws FetchFailure {
    FetchFailure last = null;
    for (StreamUrl u : upstreams) {
      if (failed.contains(u.toString())) {
        continue;
      }
      try {
        return fetch.root(u, epoch, size);
      } catch (FetchFailure f) {
        failed.add(u.toString());
        last = f;
      }
    }
    throw last != null ? last : new FetchFailure(Problem.UNAVAILABLE,
        "roots/" + epoch + "-" + size + ".json: every upstream failed during this walk");
  }

  /** The roots handed to the tracker so far, in order, with their signed bytes. */
  List<RootFollow.Fetched> walked() {
    return walked;
  }

  /** The fetch failure that ended the walk, or null. */
  FetchFailure failure() {
    return lastFailure;
  }

  @Override
  public void close() {
    for (Future<?> f : ahead) {
      f.cancel(true);
    }
    ahead.clear();
  }
}
