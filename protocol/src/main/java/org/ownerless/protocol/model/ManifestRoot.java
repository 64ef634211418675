package org.ownerless.protocol.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.crypto.PublicKey;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.json.JsonFields;
import org.ownerless.protocol.json.StrictJson;
import org.ownerless.protocol.merkle.ConsistencyProof;
import org.ownerless.protocol.merkle.FrontierRoot;
import org.ownerless.protocol.merkle.MerkleTree;
import org.ownerless.protocol.signing.SignedObject;

/**
 * MANIFEST_ROOT: the creator's signature over one rendition's append-only segment log at a given
 * size, plus the window of recent entries the playlist lists, so a client can check any listed
 * segment with this object alone. The {@code frontier} (the complete subtrees left of the window)
 * lets a verifier recompute {@code rootHash} from the window ({@link #recomputedRoot()}), which
 * binds what is played to what is signed; {@code previous} links an epoch after the first to where
 * the one before ended. {@code consistency}, when present, proves this root extends the previously
 * published one (RFC 9162 consistency proof from {@code consistency.size1()}). {@code parts} (empty
 * for none) are the completed LL-HLS parts of the segment with index {@code treeSize}, still being
 * written: signed, but outside the tree ({@link ManifestParts}).
 */
public record ManifestRoot(
    PublicKey creator,
    String name,
    String rendition,
    long epoch,
    long treeSize,
    Digest rootHash,
    long timeMs,
    List<SegmentEntry> window,
    List<Digest> frontier,
    EpochLink previous,
    ConsistencyProof consistency,
    List<PartEntry> parts) {

  public static final String TYPE = "MANIFEST_ROOT";
  public static final int MAX_WINDOW = 8192;
  public static final int MAX_PROOF = 64;
  /** Distinct init sections one window may use: one per packager run it spans, which is few. */
  public static final int MAX_INITS = 8;

  public ManifestRoot {
    if (!Names.isStreamName(name)) {
      throw new IllegalArgumentException("invalid stream name '" + name + "': " + Names.STREAM_RULE);
    }
    if (!Names.isRenditionName(rendition)) {
      throw new IllegalArgumentException("invalid rendition '" + rendition + "': " + Names.RENDITION_RULE);
    }
    if (epoch < 1 || epoch > StrictJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("epoch out of range: " + epoch);
    }
    if (treeSize < 0 || treeSize > StrictJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("treeSize out of range: " + treeSize);
    }
    if (timeMs < 0) {
      throw new IllegalArgumentException("timeMs out of range: " + timeMs);
    }
    window = List.copyOf(window);
    if (window.size() > MAX_WINDOW || window.size() > treeSize) {
      throw new IllegalArgumentException("window holds " + window.size() + " entries for a log of "
          + treeSize + " (limit " + MAX_WINDOW + ")");
    }
    // The window is the log's tail: consecutive indices ending at treeSize - 1.
    long first = treeSize - window.size();
    for (int i = 0; i < window.size(); i++) {
      if (window.get(i).index() != first + i) {
        throw new IllegalArgumentException("window entry " + i + " has index " + window.get(i).index()
            + ", expected " + (first + i) + " (the window must be the last entries of the log)");
      }
    }
    parts = parts == null ? List.of() : List.copyOf(parts);
    ManifestParts.check(parts, window, initsOf(window, parts));
    frontier = List.copyOf(frontier);
    if (frontier.size() != FrontierRoot.count(first)) {
      throw new IllegalArgumentException("frontier holds " + frontier.size() + " hashes; a window starting at leaf "
          + first + " needs " + FrontierRoot.count(first));
    }
    if (epoch == 1 && previous != null) {
      throw new IllegalArgumentException("a root of epoch 1 has no previous epoch to link to");
    }
    if (epoch > 1 && (previous == null || previous.epoch() != epoch - 1)) {
      throw new IllegalArgumentException("a root of epoch " + epoch + " must name where epoch " + (epoch - 1)
          + " ended ('previous')" + (previous == null ? "" : ", not epoch " + previous.epoch()));
    }
    if (consistency != null) {
      if (consistency.size2() != treeSize || consistency.size1() < 1 || consistency.size1() > treeSize) {
        throw new IllegalArgumentException("consistency proof must run from an earlier size to treeSize "
            + treeSize + ", got " + consistency.size1() + " -> " + consistency.size2());
      }
      if (consistency.path().size() > MAX_PROOF) {
        throw new IllegalArgumentException("consistency proof longer than " + MAX_PROOF);
      }
    }
  }

  /** A root without parts: the segment in progress has none completed, or the stream is not LL-HLS. */
  public ManifestRoot(PublicKey creator, String name, String rendition, long epoch, long treeSize, Digest rootHash,
      long timeMs, List<SegmentEntry> window, List<Digest> frontier, EpochLink previous,
      ConsistencyProof consistency) {
    this(creator, name, rendition, epoch, treeSize, rootHash, timeMs, window, frontier, previous, consistency,
        List.of());
  }

  /**
   * A root whose {@code rootHash} is computed from {@code frontier} and {@code window}, as the signer
   * of a log does (the node takes both from its tree: {@link MerkleTree#frontier(long)}).
   */
  public static ManifestRoot bound(PublicKey creator, String name, String rendition, long epoch, long treeSize,
      long timeMs, List<SegmentEntry> window, List<Digest> frontier, EpochLink previous,
      ConsistencyProof consistency) {
    Digest root = FrontierRoot.root(treeSize - window.size(), frontier, leafHashes(window));
    return new ManifestRoot(creator, name, rendition, epoch, treeSize, root, timeMs, window, frontier, previous,
        consistency);
  }

  /** The root of the log of {@code tree}'s first {@code treeSize} leaves, with the window its last entries. */
  public static ManifestRoot ofTree(PublicKey creator, String name, String rendition, long epoch, MerkleTree tree,
      long treeSize, long timeMs, List<SegmentEntry> window, EpochLink previous, ConsistencyProof consistency) {
    return new ManifestRoot(creator, name, rendition, epoch, treeSize, tree.rootHash(treeSize), timeMs, window,
        tree.frontier(treeSize - window.size()), previous, consistency);
  }

  /** MTH of the log as the frontier and the window describe it; a genuine root equals {@link #rootHash()}. */
  public Digest recomputedRoot() {
    return FrontierRoot.root(treeSize - window.size(), frontier, leafHashes(window));
  }

  /** The same signed state with another window and the root it then hashes to: a test's forgery tool. */
  public ManifestRoot withWindow(List<SegmentEntry> otherWindow) {
    return bound(creator, name, rendition, epoch, treeSize, timeMs, otherWindow, frontier, previous, consistency)
        .withParts(parts);
  }

  /**
   * The same log state listing {@code completed} as the parts of the segment in progress: what the
   * signer publishes each time a part completes ({@code rootHash} does not change).
   */
  public ManifestRoot withParts(List<PartEntry> completed) {
    return new ManifestRoot(creator, name, rendition, epoch, treeSize, rootHash, timeMs, window, frontier, previous,
        consistency, completed);
  }

  private static List<Digest> leafHashes(List<SegmentEntry> window) {
    List<Digest> out = new ArrayList<>(window.size());
    window.forEach(e -> out.add(e.leafHash()));
    return out;
  }

  /**
   * The distinct init sections the window's entries and then the parts use, in order of first use:
   * the root's {@code inits} field, empty when all are TS.
   */
  public List<InitSection> inits() {
    return initsOf(window, parts);
  }

  private static List<InitSection> initsOf(List<SegmentEntry> window, List<PartEntry> parts) {
    Map<String, InitSection> byUri = new LinkedHashMap<>();
    List<InitSection> used = new ArrayList<>();
    window.forEach(e -> used.add(e.init()));
    parts.forEach(p -> used.add(p.init()));
    for (InitSection init : used) {
      if (init == null) {
        continue;
      }
      InitSection known = byUri.putIfAbsent(init.uri(), init);
      if (known != null && !known.equals(init)) {
        throw new IllegalArgumentException("init uri '" + init.uri() + "' names two different init sections");
      }
    }
    if (byUri.size() > MAX_INITS) {
      throw new IllegalArgumentException("window uses " + byUri.size() + " init sections (limit " + MAX_INITS + ")");
    }
    return List.copyOf(byUri.values());
  }

  public StreamId streamId() {
    return new StreamId(creator, name);
  }

  public Optional<SegmentEntry> entry(long index) {
    long first = treeSize - window.size();
    if (index < first || index >= treeSize) {
      return Optional.empty();
    }
    return Optional.of(window.get((int) (index - first)));
  }

  public Optional<SegmentEntry> entryByUri(String uri) {
    return window.stream().filter(e -> e.uri().equals(uri)).findFirst();
  }

  public SignedObject sign(Signer signer) {
    return SignedObject.signAs(toBody(), creator, signer);
  }

  public ObjectNode toBody() {
    ObjectNode o = SignedObject.newStreamBody(TYPE, creator, name);
    o.put("rendition", rendition);
    o.put("epoch", epoch);
    o.put("treeSize", treeSize);
    o.put("rootHash", rootHash.hex());
    o.put("timeMs", timeMs);
    List<InitSection> inits = inits();
    if (!inits.isEmpty()) {
      // Absent for TS-only windows, so those roots stay byte for byte what they were before fMP4.
      ArrayNode list = o.putArray("inits");
      inits.forEach(i -> list.add(i.toJson()));
    }
    ArrayNode entries = o.putArray("window");
    window.forEach(e -> entries.add(e.toJson()));
    ArrayNode left = o.putArray("frontier");
    frontier.forEach(d -> left.add(d.hex()));
    if (!parts.isEmpty()) {
      // Absent without parts, so roots of streams that are not LL-HLS stay byte for byte the same.
      ArrayNode completed = o.putArray("parts");
      parts.forEach(p -> completed.add(p.toJson()));
    }
    if (previous != null) {
      o.set("previous", previous.toJson());
    }
    if (consistency != null) {
      ObjectNode c = o.putObject("consistency");
      c.put("fromSize", consistency.size1());
      ArrayNode path = c.putArray("path");
      consistency.path().forEach(d -> path.add(d.hex()));
    }
    return o;
  }

  public static ManifestRoot fromSigned(SignedObject signed) throws ProtocolException {
    JsonFields f = signed.fields(TYPE);
    try {
      PublicKey creator = StreamAnnounce.parseKey(f.string("creator", 64), f);
      String name = f.string("name", Names.STREAM, Names.STREAM_RULE);
      String rendition = f.string("rendition", Names.RENDITION, Names.RENDITION_RULE);
      long epoch = f.integer("epoch", 1, StrictJson.MAX_SAFE_INTEGER);
      long treeSize = f.integer("treeSize", 0, StrictJson.MAX_SAFE_INTEGER);
      Digest rootHash = digest(f, "rootHash");
      long timeMs = f.integer("timeMs", 0, StrictJson.MAX_SAFE_INTEGER);
      Map<String, InitSection> inits = parseInits(f);
      List<SegmentEntry> window = new ArrayList<>();
      List<JsonNode> items = f.array("window", MAX_WINDOW);
      for (int i = 0; i < items.size(); i++) {
        window.add(SegmentEntry.fromJson(items.get(i), TYPE + ".window[" + i + "]", inits));
      }
      List<PartEntry> parts = parseParts(f, inits);
      List<String> unused = unreferenced(inits, window, parts);
      if (!unused.isEmpty()) {
        throw f.error("inits", "lists '" + unused.get(0) + "', which no window entry or part uses");
      }
      List<Digest> frontier = new ArrayList<>();
      for (String hex : f.stringArray("frontier", MAX_PROOF, 64)) {
        frontier.add(hexDigest(f, "frontier", hex));
      }
      JsonFields p = f.optionalObject("previous");
      EpochLink previous = p == null ? null : EpochLink.fromJson(p);
      ConsistencyProof consistency = null;
      JsonFields c = f.optionalObject("consistency");
      if (c != null) {
        long fromSize = c.integer("fromSize", 1, treeSize);
        List<Digest> path = new ArrayList<>();
        for (String hex : c.stringArray("path", MAX_PROOF, 64)) {
          path.add(hexDigest(c, "path", hex));
        }
        c.rejectUnknown();
        consistency = new ConsistencyProof(fromSize, treeSize, path);
      }
      f.rejectUnknown();
      return new ManifestRoot(creator, name, rendition, epoch, treeSize, rootHash, timeMs, window, frontier, previous,
          consistency, parts);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(TYPE + ": " + e.getMessage());
    }
  }

  /** The optional {@code inits} list by uri: 1..{@link #MAX_INITS} items with unique uris. */
  private static Map<String, InitSection> parseInits(JsonFields f) throws ProtocolException {
    Map<String, InitSection> out = new LinkedHashMap<>();
    if (!f.has("inits")) {
      return out;
    }
    List<JsonNode> items = f.array("inits", MAX_INITS);
    if (items.isEmpty()) {
      throw f.error("inits", "is empty; leave it out when no entry has an init section");
    }
    for (int i = 0; i < items.size(); i++) {
      InitSection init = InitSection.fromJson(items.get(i), TYPE + ".inits[" + i + "]");
      if (out.put(init.uri(), init) != null) {
        throw f.error("inits", "lists '" + init.uri() + "' twice");
      }
    }
    return out;
  }

  /** The optional {@code parts} list: present means 1..{@link ManifestParts#MAX_PARTS} items. */
  private static List<PartEntry> parseParts(JsonFields f, Map<String, InitSection> inits) throws ProtocolException {
    List<PartEntry> out = new ArrayList<>();
    if (!f.has("parts")) {
      return out;
    }
    List<JsonNode> items = f.array("parts", ManifestParts.MAX_PARTS);
    if (items.isEmpty()) {
      throw f.error("parts", "is empty; leave it out when no part of the next segment is complete");
    }
    for (int i = 0; i < items.size(); i++) {
      out.add(PartEntry.fromJson(items.get(i), TYPE + ".parts[" + i + "]", inits));
    }
    return out;
  }

  private static List<String> unreferenced(Map<String, InitSection> inits, List<SegmentEntry> window,
      List<PartEntry> parts) {
    List<String> out = new ArrayList<>(inits.keySet());
    window.forEach(e -> out.remove(e.init() == null ? null : e.init().uri()));
    parts.forEach(p -> out.remove(p.init() == null ? null : p.init().uri()));
    return out;
  }

  private static Digest hexDigest(JsonFields f, String field, String hex) throws ProtocolException {
    try {
      return Digest.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw f.error(field, e.getMessage());
    }
  }

  /** A 64-hex-digit SHA-256 field, as every signed object spells one. */
  static Digest digest(JsonFields f, String field) throws ProtocolException {
    try {
      return Digest.fromHex(f.string(field, 64));
    } catch (IllegalArgumentException e) {
      throw f.error(field, e.getMessage());
    }
  }
}
