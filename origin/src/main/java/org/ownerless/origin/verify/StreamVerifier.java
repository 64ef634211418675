package org.ownerless.origin.verify;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ownerless.protocol.crypto.PublicKey;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.Names;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.verify.AnnounceTracker;
import org.ownerless.protocol.verify.Problem;
import org.ownerless.protocol.verify.RootTracker;
import org.ownerless.protocol.verify.Signed;
import org.ownerless.protocol.verify.VerificationException;
import org.ownerless.protocol.verify.Verifier;

/**
 * Verifies a stream served over HTTP the way a viewer must: the announce against the creator key in
 * the URL, each rendition's newest MANIFEST_ROOT against the announce and against the roots accepted
 * before (rollback, equivocation, consistency), each playlist against its signed window, and every
 * listed segment's bytes against its entry. Keeps its state between passes, so repeated passes
 * ({@code verify --watch}) follow the live edge and check that the log only ever grows.
 */
public final class StreamVerifier {
  static final int MAX_PLAYLIST_BYTES = 4 << 20;
  /** How many intermediate roots one pass may fetch to close a gap. */
  static final int MAX_GAP_FETCHES = 1000;

  private final StreamUrl url;
  private final PublicKey creator;
  private final Fetcher fetcher;
  private final AnnounceTracker announces;
  private final Map<String, RootTracker> roots = new HashMap<>();
  private final Set<URI> verifiedSegments = new HashSet<>();

  public StreamVerifier(StreamUrl url, PublicKey pinned, Fetcher fetcher) {
    this.url = url;
    this.creator = pinned != null ? pinned : url.stream().creator();
    this.fetcher = fetcher;
    this.announces = new AnnounceTracker(url.stream());
  }

  public PassResult pass() {
    List<Failure> failures = new ArrayList<>();
    if (!creator.equals(url.stream().creator())) {
      failures.add(new Failure("url", Problem.WRONG_KEY, "the URL names creator " + url.stream().creator()
          + " but the expected key is " + creator));
      return new PassResult(failures, -1, Map.of(), 0, false);
    }
    StreamAnnounce announce = announce(failures);
    if (announce == null) {
      return new PassResult(failures, -1, Map.of(), 0, false);
    }
    List<String> renditions = renditions(announce, failures);
    Map<String, Long> sizes = new LinkedHashMap<>();
    int newSegments = 0;
    boolean allEnded = !renditions.isEmpty();
    for (String r : renditions) {
      RenditionCheck check = checkRendition(announce, r, failures);
      newSegments += check.newSegments;
      allEnded &= check.ended;
      if (check.size >= 0) {
        sizes.put(r, check.size);
      }
    }
    boolean ended = allEnded && announce.status() == org.ownerless.protocol.model.StreamStatus.ENDED;
    return new PassResult(failures, announce.seq(), sizes, newSegments, ended);
  }

  private StreamAnnounce announce(List<Failure> failures) {
    try {
      byte[] bytes = fetcher.get(url.resolve("announce.json"), StrictJson.MAX_BYTES);
      Signed<StreamAnnounce> signed = Verifier.verifyAnnounce(bytes, creator, System.currentTimeMillis());
      announces.accept(signed, System.currentTimeMillis());
      return announces.current().orElseThrow().content();
    } catch (Fetcher.FetchException e) {
      failures.add(new Failure("announce", Problem.UNAVAILABLE, e.getMessage()));
    } catch (VerificationException e) {
      failures.add(new Failure("announce", e.problem(), e.getMessage()));
    }
    return null;
  }

  /** The announce's renditions; the unsigned master playlist may only list those. */
  private List<String> renditions(StreamAnnounce announce, List<Failure> failures) {
    List<String> announced = new ArrayList<>();
    for (Rendition r : announce.renditions()) {
      announced.add(r.name());
    }
    List<String> master = new ArrayList<>();
    try {
      byte[] bytes = fetcher.get(url.resolve("master.m3u8"), MAX_PLAYLIST_BYTES);
      for (String line : new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\r?\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String name = line.trim().endsWith("/index.m3u8") ? line.trim().substring(0, line.trim().length() - 11) : "";
          if (!Names.isRenditionName(name)) {
            failures.add(new Failure("master.m3u8", Problem.MALFORMED, "unexpected entry '" + line.trim() + "'"));
          } else if (!announced.isEmpty() && !announced.contains(name)) {
            failures.add(new Failure("master.m3u8", Problem.WRONG_STREAM, "lists rendition '" + name
                + "' that the signed announce does not"));
          } else {
            master.add(name);
          }
        }
      }
    } catch (Fetcher.FetchException e) {
      if (announced.isEmpty()) {
        failures.add(new Failure("master.m3u8", Problem.UNAVAILABLE, e.getMessage()));
      }
    }
    return announced.isEmpty() ? master : announced;
  }

  private static final class RenditionCheck {
    long size = -1;
    int newSegments;
    boolean ended;
  }

  private RenditionCheck checkRendition(StreamAnnounce announce, String r, List<Failure> failures) {
    RenditionCheck check = new RenditionCheck();
    MediaPlaylistText playlist;
    try {
      playlist = MediaPlaylistText.parse(fetcher.get(url.resolve(r + "/index.m3u8"), MAX_PLAYLIST_BYTES));
    } catch (Fetcher.FetchException e) {
      failures.add(new Failure(r, Problem.UNAVAILABLE, e.getMessage()));
      return check;
    } catch (IllegalArgumentException e) {
      failures.add(new Failure(r + "/index.m3u8", Problem.MALFORMED, e.getMessage()));
      return check;
    }
    check.ended = playlist.ended();
    ManifestRoot root = acceptNewestRoot(announce, r, failures);
    if (root == null) {
      return check;
    }
    long lastListed = playlist.items().isEmpty() ? -1 : playlist.items().get(playlist.items().size() - 1).index();
    if (lastListed >= root.treeSize()) {
      // The playlist may be a moment newer than the manifest we read first: read the manifest again.
      ManifestRoot again = acceptNewestRoot(announce, r, failures);
      root = again != null ? again : root;
    }
    check.size = root.treeSize();
    for (MediaPlaylistText.Item item : playlist.items()) {
      Optional<SegmentEntry> entry = root.entry(item.index());
      String where = r + "/" + item.uri();
      if (entry.isEmpty()) {
        failures.add(new Failure(where, Problem.NOT_COVERED, "playlist entry " + item.index()
            + " is not in the signed window (entries " + (root.treeSize() - root.window().size()) + ".."
            + (root.treeSize() - 1) + ")"));
        continue;
      }
      SegmentEntry e = entry.get();
      if (!e.uri().equals(item.uri()) || e.durationUs() != item.durationUs() || e.discontinuity() != item.discontinuity()) {
        failures.add(new Failure(where, Problem.PLAYLIST_MISMATCH, "playlist says " + item.uri() + " "
            + item.durationUs() + " us" + (item.discontinuity() ? " after a discontinuity" : "")
            + ", signed entry " + e.index() + " says " + e.uri() + " " + e.durationUs() + " us"
            + (e.discontinuity() ? " after a discontinuity" : "")));
        continue;
      }
      URI segment = url.resolve(r + "/" + e.uri());
      if (verifiedSegments.contains(segment)) {
        continue;
      }
      try {
        Verifier.verifySegment(e, fetcher.get(segment, e.size()));
        verifiedSegments.add(segment);
        check.newSegments++;
      } catch (Fetcher.FetchException ex) {
        failures.add(new Failure(where, Problem.UNAVAILABLE, ex.getMessage()));
      } catch (VerificationException ex) {
        failures.add(new Failure(where, ex.problem(), ex.getMessage()));
      }
    }
    return check;
  }

  /** Fetches the rendition's newest root and accepts it, walking intermediate roots to close a gap. */
  private ManifestRoot acceptNewestRoot(StreamAnnounce announce, String r, List<Failure> failures) {
    RootTracker tracker = roots.computeIfAbsent(r, k -> new RootTracker());
    try {
      Signed<ManifestRoot> newest = fetchRoot(announce, r, "manifest.json");
      try {
        tracker.accept(newest);
      } catch (VerificationException gap) {
        if (gap.problem() != Problem.GAP) {
          throw gap;
        }
        long from = tracker.last().orElseThrow().content().treeSize();
        long to = newest.content().treeSize();
        if (to - from > MAX_GAP_FETCHES) {
          throw new VerificationException(Problem.GAP, "more than " + MAX_GAP_FETCHES + " roots missed ("
              + from + " -> " + to + ")");
        }
        for (long size = from + 1; size < to; size++) {
          tracker.accept(fetchRoot(announce, r, "roots/" + size + ".json"));
        }
        tracker.accept(newest);
      }
      return tracker.last().orElseThrow().content();
    } catch (Fetcher.FetchException e) {
      failures.add(new Failure(r + "/manifest.json", Problem.UNAVAILABLE, e.getMessage()));
    } catch (VerificationException e) {
      failures.add(new Failure(r + "/manifest.json", e.problem(), e.getMessage()
          + e.equivocation().map(p -> " — proof: " + p).orElse("")));
    }
    return null;
  }

  private Signed<ManifestRoot> fetchRoot(StreamAnnounce announce, String r, String file)
      throws Fetcher.FetchException, VerificationException {
    byte[] bytes = fetcher.get(url.resolve(r + "/" + file), StrictJson.MAX_BYTES);
    return Verifier.verifyManifest(bytes, announce, r);
  }
}
