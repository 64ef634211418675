package org.ownerless.manifest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.merkle.ConsistencyProof;
import org.ownerless.protocol.merkle.MerkleTree;
import org.ownerless.protocol.model.InitSection;
import org.ownerless.protocol.model.SegmentEntry;

/**
 * A rendition's append-only segment log for one epoch: the durable file plus the in-memory entries
 * and Merkle tree rebuilt from it. Not thread-safe; the rendition's publisher serializes access.
 */
final class RenditionLog implements AutoCloseable {
  private final String rendition;
  private final long epoch;
  private final SegmentLogFile file;
  private final List<SegmentEntry> entries = new ArrayList<>();
  private final MerkleTree tree = new MerkleTree();

  private RenditionLog(String rendition, long epoch, SegmentLogFile file) {
    this.rendition = rendition;
    this.epoch = epoch;
    this.file = file;
  }

  static Path fileFor(Path stateDir, String rendition, long epoch) {
    return stateDir.resolve(rendition + "-e" + epoch + ".log");
  }

  static RenditionLog open(Path stateDir, String rendition, long epoch) throws IOException {
    return open(stateDir, rendition, epoch, UnaryOperator.identity());
  }

  /** As {@link #open(Path, String, long)}, with the file's channel wrapped (tests: a failing disk). */
  static RenditionLog open(Path stateDir, String rendition, long epoch, UnaryOperator<FileChannel> wrap)
      throws IOException {
    List<SegmentEntry> recovered = new ArrayList<>();
    SegmentLogFile file = SegmentLogFile.open(fileFor(stateDir, rendition, epoch), epoch, recovered, wrap);
    RenditionLog log = new RenditionLog(rendition, epoch, file);
    recovered.forEach(log::add);
    return log;
  }

  /** The entry the next segment will get, before it is made durable. */
  SegmentEntry next(Digest sha256, long size, long durationUs, boolean discontinuity, InitSection init) {
    long index = entries.size();
    return new SegmentEntry(index, StreamLayout.segment(epoch, index, init != null), durationUs, sha256, size,
        discontinuity, init);
  }

  /** Makes {@code entry} (from {@link #next}) durable and part of the tree. */
  void append(SegmentEntry entry) throws IOException {
    write(entry);
    try {
      force();
    } catch (IOException e) {
      dropWritten();
      throw e;
    }
  }

  /**
   * Writes {@code entry} (from {@link #next}) to the file without forcing it and adds it to the tree,
   * so its root can be signed while {@link #force} syncs the disk on another thread. Nothing naming it
   * may be published before force returned; if force fails, {@link #dropWritten} takes it back.
   */
  void write(SegmentEntry entry) throws IOException {
    if (entry.index() != entries.size()) {
      throw new IllegalArgumentException("entry " + entry.index() + " does not extend a log of " + entries.size());
    }
    file.write(entry);
    add(entry);
  }

  /**
   * Makes the entry {@link #write} wrote durable. Touches the file only, so it may run on another
   * thread while the tree is read; if it fails, the record is cut from the file and the caller
   * must {@link #dropWritten} before anything else.
   */
  void force() throws IOException {
    file.force();
  }

  /** Takes the newest entry, written but not made durable, out of the entries and the tree. */
  void dropWritten() {
    entries.remove(entries.size() - 1);
    tree.truncate(entries.size());
  }

  private void add(SegmentEntry e) {
    entries.add(e);
    tree.append(e.leafHash());
  }

  long size() {
    return entries.size();
  }

  long epoch() {
    return epoch;
  }

  String rendition() {
    return rendition;
  }

  Digest rootHash() {
    return tree.rootHash();
  }

  /** The root of the log when it had {@code size} entries. */
  Digest rootHash(long size) {
    return tree.rootHash(size);
  }

  /** The last {@code count} entries (fewer if the log is shorter). */
  List<SegmentEntry> tail(int count) {
    return tail(entries.size(), count);
  }

  /** The last {@code count} entries of the log when it had {@code size} entries. */
  List<SegmentEntry> tail(long size, int count) {
    int to = Math.toIntExact(size);
    return new ArrayList<>(entries.subList(Math.max(0, to - count), to));
  }

  SegmentEntry entry(long index) {
    return entries.get((int) index);
  }

  /** The frontier left of leaf {@code first}: what lets a reader recompute the root from a window. */
  List<Digest> frontier(long first) {
    return tree.frontier(first);
  }

  ConsistencyProof consistency(long fromSize, long toSize) {
    return tree.consistencyProof(fromSize, toSize);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
