package org.ownerless.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.layout.LiveWindow;
import org.ownerless.protocol.layout.MediaPlaylist;
import org.ownerless.protocol.layout.PlaylistEntry;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.merkle.ConsistencyProof;
import org.ownerless.protocol.model.EpochLink;
import org.ownerless.protocol.model.InitSection;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.PartEntry;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.signing.SignedObject;
import org.ownerless.protocol.verify.RootTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one rendition in the order that keeps every reader consistent:
 * hash the finished segment (and publish its init section, if fMP4, under its content name, before
 * any root can name it) → move it into place under its final name → append its entry to the
 * durable log (forced to disk; the new MANIFEST_ROOT is signed meanwhile) → write the root → only
 * then rewrite the playlist. A playlist therefore never lists an entry that the published manifest does not cover.
 */
final class RenditionPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RenditionPublisher.class);

  private final Signer signer;
  private final String stream;
  private final Path dir;
  private final ManifestConfig config;
  private final RenditionLog rlog;
  private final MediaPlaylist playlist;
  private final EpochLink previous;
  private final SigningClock clock;
  private long lastPublishedSize;
  // The size the root at lastPublishedSize proves itself consistent with. A re-signed root of the
  // same size (start-up, end, resume) overwrites roots/E-N.json, so it must carry the same proof,
  // or a reader walking a gap through that file finds a root it cannot link.
  private long linkedFrom;
  private boolean ended;
  /** LL-HLS: the parts listed for the segment being written, and the part files on disk. */
  private final SegmentParts parts;
  private final PartFiles partFiles;

  RenditionPublisher(Signer signer, String stream, Path dir, ManifestConfig config, RenditionLog rlog,
      EpochLink previous, SigningClock clock) {
    this.signer = signer;
    this.clock = clock;
    this.previous = previous;
    this.stream = stream;
    this.dir = dir;
    this.config = config;
    this.rlog = rlog;
    this.playlist = new MediaPlaylist(config.segmentSeconds());
    for (SegmentEntry e : rlog.tail(Integer.MAX_VALUE)) {
      playlist.observe(PlaylistEntry.of(e));
    }
    publishedOnDisk();
    this.parts = new SegmentParts(rlog.size());
    this.partFiles = new PartFiles(dir);
    try {
      partFiles.deleteLeftovers();
    } catch (IOException e) {
      log.warn("{}/{}: cannot delete the part files of a previous run: {}", stream, rlog.rendition(), e.getMessage());
    }
  }

  String rendition() {
    return rlog.rendition();
  }

  synchronized long size() {
    return rlog.size();
  }

  long epoch() {
    return rlog.epoch();
  }

  /**
   * Adds a finished segment and publishes it; returns its entry.
   *
   * @param initFile its initialization section (fMP4), read and not moved, or {@code null} (TS)
   */
  synchronized SegmentEntry add(Path segmentFile, Path initFile, long durationUs, boolean discontinuity)
      throws IOException {
    InitSection init = initFile == null ? null : publishInit(initFile);
    long size = Files.size(segmentFile);
    SegmentEntry entry = rlog.next(sha256(segmentFile), size, durationUs, discontinuity, init);
    // In place before the log names it: after a crash the log never points at a missing file.
    AtomicFiles.publishMove(segmentFile, dir.resolve(entry.uri()));
    if (lastPublishedSize == rlog.size()) {
      appendSigningWhileSyncing(entry);
    } else {
      rlog.append(entry);
      observe(entry);
      publish();
    }
    applyRetention();
    try {
      partFiles.segmentPublished(entry.index());
    } catch (IOException e) {
      log.warn("{}/{}: cannot delete old part files: {}", stream, rlog.rendition(), e.getMessage());
    }
    return entry;
  }

  /**
   * LL-HLS: part {@code index} of the segment being written (the next leaf, at the log's size) is
   * complete. Its file is published under its final name, then a root of the current size listing
   * it and the parts before it is signed and written as {@code manifest.json} (not as a
   * {@code roots/} file: those stay the part-less roots a gap walk links through). A part that
   * cannot be listed without forking the parts already signed at this position (see SegmentParts),
   * or that arrives while the newest entry is unpublished or the stream is ended, is not written.
   *
   * @return the part as listed, or empty when it was not
   */
  synchronized Optional<PartEntry> addPart(byte[] bytes, Path initFile, long durationUs,
      boolean independent, int index) throws IOException {
    long position = rlog.size();
    if (ended || position < 1 || lastPublishedSize != position
        || !parts.admits(position, index, durationUs, independent)) {
      return Optional.empty();
    }
    InitSection init = initFile == null ? null : publishInit(initFile);
    String uri = StreamLayout.part(rlog.epoch(), position, index);
    PartEntry part = new PartEntry(uri, durationUs, Digest.sha256(bytes), bytes.length, independent, init);
    Path file = dir.resolve(uri);
    AtomicFiles.publish(file, bytes); // before the root that lists it
    partFiles.written(position, file);
    ManifestRoot root = root(position, linkedFrom).withParts(parts.add(part));
    AtomicFiles.publish(dir.resolve(StreamLayout.MANIFEST), root.sign(signer).toCanonicalBytes());
    return Optional.of(part);
  }

  /**
   * Hashes an init section and publishes it as {@code init-<16hex>.mp4} unless that file is there
   * already: the name is its content, so the same init over many segments and reconnects is one file.
   */
  private InitSection publishInit(Path initFile) throws IOException {
    long size = Files.size(initFile);
    if (size < 1 || size > InitSection.MAX_SIZE) {
      throw new IOException(initFile + ": an init section of " + size + " bytes is outside 1.." + InitSection.MAX_SIZE);
    }
    byte[] bytes = Files.readAllBytes(initFile);
    Digest sha256 = Digest.sha256(bytes);
    InitSection init = new InitSection(StreamLayout.init(sha256), sha256, bytes.length);
    Path target = dir.resolve(init.uri());
    if (!Files.exists(target)) {
      AtomicFiles.publish(target, bytes);
    }
    return init;
  }

  /** Re-signs and rewrites manifest and playlist at the current size (start-up, end, resume). */
  synchronized void republish(boolean streamEnded) throws IOException {
    ended = streamEnded;
    if (rlog.size() > 0) {
      publish();
    }
  }

  /**
   * The size of the newest root published: what the announce may sign as this log's size. Entries
   * beyond it are in the log but not yet signed (their root could not be written: a full disk).
   */
  synchronized long publishedSize() {
    return lastPublishedSize;
  }

  /**
   * The usual case, every root so far published: the entry is written to the log, and its root is
   * signed while the disk syncs it; the root is written only once the entry is durable. If the sync
   * fails, the entry is taken back out of the log as a failed append would be, and nothing is published.
   */
  private void appendSigningWhileSyncing(SegmentEntry entry) throws IOException {
    rlog.write(entry);
    Future<Void> durable = LogSyncs.start(rlog);
    long size = rlog.size();
    long from = lastPublishedSize;
    ManifestRoot root = null;
    byte[] signed = null;
    RuntimeException signing = null;
    try {
      root = root(size, from, false);
      signed = root.sign(signer).toCanonicalBytes();
    } catch (RuntimeException e) {
      signing = e; // thrown once the entry is durable: the next segment's root then covers it
    }
    try {
      LogSyncs.await(durable);
    } catch (IOException | RuntimeException e) {
      rlog.dropWritten();
      throw e;
    }
    observe(entry);
    if (signing != null) {
      throw signing;
    }
    writeRoot(root, from, signed);
  }

  /** The playlist learns of a durable entry; media again means the stream is live once more. */
  private void observe(SegmentEntry entry) {
    playlist.observe(PlaylistEntry.of(entry));
    ended = false;
  }

  private void publish() throws IOException {
    long size = rlog.size();
    publishMissingRoots(size);
    long from = size > lastPublishedSize ? lastPublishedSize : linkedFrom;
    ManifestRoot root = root(size, from);
    writeRoot(root, from, root.sign(signer).toCanonicalBytes());
  }

  /** Writes a signed root (then the playlist it lists) as the newest, linked from the root at {@code from}. */
  private void writeRoot(ManifestRoot root, long from, byte[] signed) throws IOException {
    long size = root.treeSize();
    // Every published root stays fetchable by epoch and size, so a verifier that missed some can walk the chain.
    AtomicFiles.publishLinked(rootFile(size), dir.resolve(StreamLayout.MANIFEST), signed);
    linkedFrom = from;
    lastPublishedSize = size;
    List<PlaylistEntry> listed = new ArrayList<>();
    for (SegmentEntry e : LiveWindow.listed(root.window(), ended, config.playlistWindow())) {
      listed.add(PlaylistEntry.of(e));
    }
    AtomicFiles.publishString(dir.resolve(StreamLayout.MEDIA_PLAYLIST), playlist.render(listed, ended));
  }

  /**
   * Signs and writes the roots of sizes the log reached without publishing them (their write failed:
   * a full disk), each linked from the one before, ahead of the newest: a reader that missed roots
   * walks the chain through {@code roots/E-N.json}, one file per size, and must find every one. Only
   * as far back as a reader walks and retention keeps; a root already on disk is not signed again.
   */
  private void publishMissingRoots(long size) throws IOException {
    long first = Math.max(lastPublishedSize + 1, size - RootTracker.MAX_GAP_FETCHES);
    if (config.keepSegments() > 0) {
      first = Math.max(first, size - config.keepSegments() + 1);
    }
    for (long missing = first; missing < size; missing++) {
      if (!Files.exists(rootFile(missing))) {
        AtomicFiles.publish(rootFile(missing), root(missing, lastPublishedSize).sign(signer).toCanonicalBytes());
      }
      linkedFrom = lastPublishedSize;
      lastPublishedSize = missing;
    }
  }

  /** The MANIFEST_ROOT of the log at {@code size}, proving consistency with the root at {@code from} (if any). */
  private ManifestRoot root(long size, long from) {
    return root(size, from, ended);
  }

  private ManifestRoot root(long size, long from, boolean endedWindow) {
    List<SegmentEntry> window = rlog.tail(size,
        endedWindow ? ManifestRoot.MAX_WINDOW : LiveWindow.manifestWindow(config.playlistWindow()));
    ConsistencyProof proof = from >= 1 && from < size ? rlog.consistency(from, size) : null;
    return new ManifestRoot(signer.publicKey(), stream, rlog.rendition(), rlog.epoch(), size, rlog.rootHash(size),
        clock.nowMs(), window, rlog.frontier(size - window.size()), previous, proof);
  }

  private Path rootFile(long size) {
    return dir.resolve(StreamLayout.root(rlog.epoch(), size));
  }

  /** With a sliding retention, the segment and root that just left the kept range are deleted. */
  private void applyRetention() {
    int keep = config.keepSegments();
    long gone = rlog.size() - keep - 1;
    if (keep == 0 || gone < 0) {
      return;
    }
    try {
      SegmentEntry expired = rlog.entry(gone);
      Files.deleteIfExists(dir.resolve(expired.uri()));
      Files.deleteIfExists(rootFile(gone + 1));
      if (expired.hasInit() && !initRetained(expired.init(), gone + 1)) {
        Files.deleteIfExists(dir.resolve(expired.init().uri()));
      }
    } catch (IOException e) {
      log.warn("{}/{}: cannot delete expired segment {}: {}", stream, rlog.rendition(), gone, e.getMessage());
    }
  }

  /** Whether an entry from {@code from} on (the retained ones) still needs {@code init}. */
  private boolean initRetained(InitSection init, long from) {
    for (long i = from; i < rlog.size(); i++) {
      if (init.equals(rlog.entry(i).init())) {
        return true;
      }
    }
    return false;
  }

  /** The size of the manifest a previous run published (and what it linked from), to link the next one to it. */
  private void publishedOnDisk() {
    Path m = dir.resolve(StreamLayout.MANIFEST);
    if (!Files.exists(m)) {
      return;
    }
    try {
      ManifestRoot root = ManifestRoot.fromSigned(SignedObject.parse(Files.readAllBytes(m)));
      if (root.epoch() == rlog.epoch() && root.treeSize() <= rlog.size()) {
        lastPublishedSize = root.treeSize();
        linkedFrom = root.consistency() == null ? 0 : root.consistency().size1();
      }
    } catch (IOException | ProtocolException e) {
      log.warn("{}/{}: ignoring unreadable previous manifest: {}", stream, rlog.rendition(), e.getMessage());
    }
  }

  private static Digest sha256(Path file) throws IOException {
    MessageDigest md = Digest.newSha256();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return Digest.finish(md);
  }

  @Override
  public synchronized void close() throws IOException {
    rlog.close();
  }
}
