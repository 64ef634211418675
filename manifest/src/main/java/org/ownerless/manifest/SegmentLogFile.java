package org.ownerless.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.model.SegmentEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rendition's log on disk: a 16-byte header ("OLSEGLOG", epoch) followed by fixed 61-byte
 * records, each the entry's 57-byte leaf input and its CRC-32C. Appends are forced to disk
 * (fdatasync) before they return, and a record is only ever published after that, so after a crash
 * the file holds at least every published entry. A torn last record (crash mid-append, never
 * published) is cut off on open; damage anywhere else refuses to open rather than fork the log.
 * An append that fails (a full disk can take half a record) is cut off at once, and every append
 * writes at the end of the last whole record, so a failed one can never be left inside the log.
 */
final class SegmentLogFile implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SegmentLogFile.class);
  static final byte[] MAGIC = {'O', 'L', 'S', 'E', 'G', 'L', 'O', 'G'};
  static final int HEADER = 16;
  static final int RECORD = SegmentEntry.LEAF_INPUT_LENGTH + 4;

  private final Path file;
  private final FileChannel channel;
  private final long epoch;
  // Where the last whole record ends: the next append goes here, whatever a failed one left behind.
  private long end;

  private SegmentLogFile(Path file, FileChannel channel, long epoch, long end) {
    this.file = file;
    this.channel = channel;
    this.epoch = epoch;
    this.end = end;
  }

  /** A decoded record: the leaf fields of one entry (its URI is derived from epoch and index). */
  record Leaf(long index, Digest sha256, long size, long durationUs, boolean discontinuity) {}

  /** Opens (or creates, for {@code epoch}) the log and returns it with every intact record. */
  static SegmentLogFile open(Path file, long epoch, List<Leaf> recovered) throws IOException {
    return open(file, epoch, recovered, UnaryOperator.identity());
  }

  /** As {@link #open(Path, long, List)}, with the file's channel wrapped (tests inject failing writes). */
  static SegmentLogFile open(Path file, long epoch, List<Leaf> recovered, UnaryOperator<FileChannel> wrap)
      throws IOException {
    Files.createDirectories(file.getParent());
    // The node's own state, owner-only like everything outside streams/ (only that is published).
    FileChannel ch = wrap.apply(FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))));
    try {
      if (ch.size() < HEADER) {
        ch.truncate(0);
        ByteBuffer h = ByteBuffer.allocate(HEADER).put(MAGIC).putLong(epoch).flip();
        while (h.hasRemaining()) {
          ch.write(h, h.position());
        }
        ch.force(true);
      } else {
        ByteBuffer h = ByteBuffer.allocate(HEADER);
        ch.read(h, 0);
        h.flip();
        byte[] magic = new byte[8];
        h.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
          throw new IOException(file + " is not an ownerless segment log");
        }
        long fileEpoch = h.getLong();
        if (fileEpoch != epoch) {
          throw new IOException(file + " belongs to epoch " + fileEpoch + ", expected " + epoch);
        }
      }
      long good = readRecords(file, ch, recovered);
      if (good < ch.size()) {
        log.warn("{}: cutting {} bytes of an unfinished last record (crash during an append)", file, ch.size() - good);
        ch.truncate(good);
        ch.force(true);
      }
      return new SegmentLogFile(file, ch, epoch, good);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static long readRecords(Path file, FileChannel ch, List<Leaf> out) throws IOException {
    long size = ch.size();
    long pos = HEADER;
    ByteBuffer r = ByteBuffer.allocate(RECORD);
    while (pos + RECORD <= size) {
      r.clear();
      while (r.hasRemaining() && ch.read(r, pos + r.position()) > 0) {
        // fill
      }
      r.flip();
      byte[] leaf = new byte[SegmentEntry.LEAF_INPUT_LENGTH];
      r.get(leaf);
      int crc = r.getInt();
      CRC32C c = new CRC32C();
      c.update(leaf);
      if ((int) c.getValue() != crc) {
        if (pos + RECORD == size) {
          return pos; // torn final record
        }
        throw new IOException(file + ": record " + out.size() + " is damaged (checksum mismatch); refusing to "
            + "continue a log that may fork. Restore the file or start a new epoch (--new-epoch).");
      }
      // An append writes the flag byte as 0 or 1; reading any other value as "bit 0" would give a
      // leaf (and Merkle hash) that differs from the bytes on disk.
      if ((leaf[SegmentEntry.LEAF_INPUT_LENGTH - 1] & 0xFE) != 0) {
        throw new IOException(file + ": record " + out.size() + " is damaged (discontinuity flag "
            + (leaf[SegmentEntry.LEAF_INPUT_LENGTH - 1] & 0xFF) + "); refusing to continue a log that may fork. "
            + "Restore the file or start a new epoch (--new-epoch).");
      }
      Leaf l = decode(leaf);
      if (l.index() != out.size()) {
        throw new IOException(file + ": record " + out.size() + " has index " + l.index());
      }
      out.add(l);
      pos += RECORD;
    }
    return pos;
  }

  private static Leaf decode(byte[] leaf) {
    ByteBuffer b = ByteBuffer.wrap(leaf);
    long index = b.getLong();
    byte[] sha = new byte[Digest.LENGTH];
    b.get(sha);
    long size = b.getLong();
    long duration = b.getLong();
    boolean disc = (b.get() & 1) != 0;
    return new Leaf(index, Digest.of(sha), size, duration, disc);
  }

  /**
   * Appends one entry and forces it to disk before returning. If that fails, the record is cut off
   * again before the exception leaves, so the caller may simply retry with the same or a later entry.
   */
  void append(SegmentEntry entry) throws IOException {
    byte[] leaf = entry.leafInput();
    CRC32C c = new CRC32C();
    c.update(leaf);
    ByteBuffer r = ByteBuffer.allocate(RECORD).put(leaf).putInt((int) c.getValue()).flip();
    try {
      for (long pos = end; r.hasRemaining(); ) {
        pos += channel.write(r, pos);
      }
      channel.force(false);
    } catch (IOException e) {
      cutBackTo(end, e);
      throw e;
    }
    end += RECORD;
  }

  /**
   * Cuts what a failed append wrote (truncating frees space, so it works on a full disk too). Should
   * even that fail, the next append overwrites it, as it writes at {@code end}, and a crash before
   * then leaves a torn tail that open cuts, or a whole record of a segment that was never signed.
   */
  private void cutBackTo(long size, IOException failure) {
    try {
      channel.truncate(size);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  long epoch() {
    return epoch;
  }

  Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
