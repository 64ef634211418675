package org.ownerless.origin.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ownerless.origin.follow.FetchFailure;
import org.ownerless.origin.follow.StreamFollower;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.follow.UpstreamChoice;
import org.ownerless.protocol.crypto.PublicKey;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.InitSection;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.Names;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamStatus;
import org.ownerless.protocol.verify.Freshness;
import org.ownerless.protocol.verify.Problem;

/**
 * Verifies a stream served over HTTP the way a viewer must, through the same {@link StreamFollower}
 * a relay mirrors with: the announce against the creator key in the URL, each rendition's newest
 * MANIFEST_ROOT against the announce and against the roots accepted before (rollback,
 * equivocation, consistency, gaps walked), each playlist against its signed window (an ended
 * stream's playlist must list all of it), and the bytes of every segment in the window. What is
 * checked comes only from signed objects: the renditions from the announce, the segments from the
 * window (and the init sections its entries name); the unsigned playlists are only compared with them. Keeps its state between passes, so repeated passes
 * ({@code verify --watch}) follow the live edge and check that the log only ever grows.
 */
public final class StreamVerifier {
  static final int MAX_PLAYLIST_BYTES = 4 << 20;

  private final StreamUrl url;
  private final PublicKey creator;
  private final StreamFollower follower;
  private final VerifiedSegments verified = new VerifiedSegments();

  /** @param timeout the deadline of each request */
  public StreamVerifier(StreamUrl url, PublicKey pinned, Duration timeout) {
    this.url = url;
    this.creator = pinned != null ? pinned : url.stream().creator();
    // One server, checked as it is: no other origin is read, and a 404 is a failure at once.
    this.follower = new StreamFollower(url.stream(), UpstreamChoice.single(url),
        new StreamFollower.Settings(timeout, Duration.ZERO), new StreamFollower.Listener() {});
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
    boolean allEnded = true; // no renditions: ended when the announce says so, so --watch stops
    for (String r : renditions) {
      RenditionCheck check = checkRendition(r, announce, failures);
      newSegments += check.newSegments;
      allEnded &= check.ended;
      if (check.size >= 0) {
        sizes.put(r, check.size);
      }
    }
    boolean ended = allEnded && announce.status() == StreamStatus.ENDED;
    return new PassResult(failures, announce.seq(), sizes, newSegments, ended);
  }

  private StreamAnnounce announce(List<Failure> failures) {
    try {
      follower.pollAnnounce(url);
      return follower.announce();
    } catch (FetchFailure e) {
      failures.add(new Failure("announce", e.problem(), e.getMessage()));
      return null;
    }
  }

  /**
   * The announce's renditions: the only source of what to verify. An announce that lists none — a
   * node before its publisher's first segment, or just restarted — is genuine but has nothing to
   * verify yet: UNAVAILABLE, never replaced by the names of the unsigned master playlist (which is
   * then not checked either: a restarted node may still serve the previous one). The master
   * playlist, when served beside renditions, may only list announced ones.
   */
  private List<String> renditions(StreamAnnounce announce, List<Failure> failures) {
    List<String> announced = new ArrayList<>();
    for (Rendition r : announce.renditions()) {
      announced.add(r.name());
    }
    if (announced.isEmpty()) {
      failures.add(new Failure("announce", Problem.UNAVAILABLE, "the signed announce (seq " + announce.seq()
          + ") lists no renditions yet: nothing signed to verify (the unsigned master playlist is not trusted for names)"));
      return announced;
    }
    try {
      byte[] bytes = follower.unsigned(url, StreamLayout.MASTER_PLAYLIST, MAX_PLAYLIST_BYTES);
      for (String line : new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\r?\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String suffix = "/" + StreamLayout.MEDIA_PLAYLIST;
          String name = line.trim().endsWith(suffix) ? line.trim().substring(0, line.trim().length() - suffix.length()) : "";
          if (!Names.isRenditionName(name)) {
            failures.add(new Failure(StreamLayout.MASTER_PLAYLIST, Problem.MALFORMED, "unexpected entry '" + line.trim() + "'"));
          } else if (!announced.contains(name)) {
            failures.add(new Failure(StreamLayout.MASTER_PLAYLIST, Problem.WRONG_STREAM, "lists rendition '" + name
                + "' that the signed announce does not"));
          }
        }
      }
    } catch (FetchFailure e) {
      // The master playlist is a convenience for HLS players; what is verified comes from the announce.
    }
    return announced;
  }

  private static final class RenditionCheck {
    long size = -1;
    int newSegments;
    boolean ended;
  }

  private RenditionCheck checkRendition(String r, StreamAnnounce announce, List<Failure> failures) {
    RenditionCheck check = new RenditionCheck();
    MediaPlaylistText playlist;
    try {
      playlist = MediaPlaylistText.parse(follower.unsigned(url, StreamLayout.mediaPlaylist(r), MAX_PLAYLIST_BYTES));
    } catch (FetchFailure e) {
      failures.add(new Failure(r, Problem.UNAVAILABLE, e.getMessage()));
      return check;
    } catch (IllegalArgumentException e) {
      failures.add(new Failure(StreamLayout.mediaPlaylist(r), Problem.MALFORMED, e.getMessage()));
      return check;
    }
    check.ended = playlist.ended();
    ManifestRoot root = acceptNewestRoot(r, failures);
    if (root == null) {
      return check;
    }
    long lastListed = playlist.items().isEmpty() ? -1 : playlist.items().get(playlist.items().size() - 1).index();
    if (lastListed >= root.treeSize()) {
      // The playlist may be a moment newer than the manifest we read first: read the manifest again.
      ManifestRoot again = acceptNewestRoot(r, failures);
      root = again != null ? again : root;
    }
    check.size = root.treeSize();
    long now = System.currentTimeMillis();
    if (Freshness.isStale(root, announce, now)) {
      // Genuine, but not the live stream's state: a frozen server or a stale mirror (protocol §4.4.1).
      failures.add(new Failure(StreamLayout.manifest(r), Problem.STALE, Freshness.describe(root, announce, now)));
    }
    Set<Long> listed = new HashSet<>();
    for (MediaPlaylistText.Item item : playlist.items()) {
      Optional<SegmentEntry> entry = root.entry(item.index());
      String where = StreamLayout.inRendition(r, item.uri());
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
      listed.add(e.index());
    }
    // An ended stream's playlist lists the whole log (protocol §5); the node writes ENDLIST before it
    // signs the ended announce, so an ended announce with a playlist that says live is held to it too.
    boolean ended = playlist.ended() || announce.status() == StreamStatus.ENDED;
    if (ended) {
      List<Long> omitted = new ArrayList<>();
      for (SegmentEntry e : root.window()) {
        if (!listed.contains(e.index())) {
          omitted.add(e.index());
        }
      }
      if (!omitted.isEmpty()) {
        failures.add(new Failure(StreamLayout.mediaPlaylist(r), Problem.PLAYLIST_MISMATCH, "the stream ended but the "
            + "playlist omits " + omitted.size() + " of the " + root.window().size() + " signed entries (first: entry "
            + omitted.get(0) + ")"));
      }
    }
    // What is fetched comes from the signed window, not from the playlist: every entry of it, and
    // every distinct init section (fMP4) its entries name, once each.
    verified.retainWindow(r, root.window());
    for (InitSection init : root.inits()) {
      checkFile(r, init.uri(), () -> follower.init(url, r, init), failures);
    }
    for (SegmentEntry e : root.window()) {
      if (checkFile(r, e.uri(), () -> follower.segment(url, r, e), failures)) {
        check.newSegments++;
      }
    }
    return check;
  }

  /** A fetch of signed bytes that fails unless they match. */
  private interface SignedFetch {
    byte[] fetch() throws FetchFailure;
  }

  /**
   * Fetches and checks the file {@code uri} of rendition {@code r} unless a pass verified it before;
   * a failure is one line. Returns whether it was newly verified.
   */
  private boolean checkFile(String r, String uri, SignedFetch fetch, List<Failure> failures) {
    if (verified.contains(r, uri)) {
      return false;
    }
    try {
      fetch.fetch();
      verified.add(r, uri);
      return true;
    } catch (FetchFailure ex) {
      failures.add(new Failure(StreamLayout.inRendition(r, uri), ex.problem(), ex.getMessage()));
      return false;
    }
  }

  /** Segments remembered as verified, across renditions. */
  int segmentsRemembered() {
    return verified.size();
  }

  /** The rendition's newest root, accepted only if it extends what was accepted before. */
  private ManifestRoot acceptNewestRoot(String r, List<Failure> failures) {
    try {
      follower.pollRoots(r, url);
      return follower.root(r);
    } catch (FetchFailure e) {
      failures.add(new Failure(StreamLayout.manifest(r), e.problem(), e.getMessage()));
      return null;
    }
  }
}
