package org.ownerless.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.SegmentEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rendition's log on disk: a 16-byte header (magic, epoch) followed by one record per entry, the
 * entry's leaf input and a CRC-32C. Logs created now have the magic "OLSEGLG2" and length-tagged
 * records (u8 leaf input length, 57 for TS or 97 for fMP4 | leaf input | CRC-32C of both), so an
 * fMP4 entry's init section is in the log and a restart rebuilds it from the file alone. Logs of
 * the first format ("OLSEGLOG", fixed 61-byte records of a 57-byte leaf input and its CRC-32C)
 * still open and continue as they are; they can hold TS entries only (docs/protocol.md §5).
 * Appends are forced to disk (fdatasync) before they return, and a record is only ever published
 * after that, so after a crash the file holds at least every published entry. A torn last record
 * (crash mid-append, never published) is cut off on open; damage anywhere else refuses to open
 * rather than fork the log. An append that fails (a full disk can take half a record) is cut off at
 * once, and every append writes at the end of the last whole record, so a failed one can never be
 * left inside the log.
 */
final class SegmentLogFile implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SegmentLogFile.class);
  /** The first format: fixed records of a TS leaf input. */
  static final byte[] MAGIC = {'O', 'L', 'S', 'E', 'G', 'L', 'O', 'G'};
  /** The current format: length-tagged records of TS or fMP4 leaf inputs. */
  static final byte[] MAGIC_TAGGED = {'O', 'L', 'S', 'E', 'G', 'L', 'G', '2'};
  static final int HEADER = 16;
  /** A record of the first format. */
  static final int RECORD = SegmentEntry.LEAF_INPUT_LENGTH + 4;

  private final Path file;
  private final FileChannel channel;
  private final long epoch;
  private final boolean tagged;
  // Where the last whole record ends: the next append goes here, whatever a failed one left behind.
  private long end;
  // Where the record written but not yet forced ends; equal to end when there is none.
  private long written;

  private SegmentLogFile(Path file, FileChannel channel, long epoch, boolean tagged, long end) {
    this.file = file;
    this.channel = channel;
    this.epoch = epoch;
    this.tagged = tagged;
    this.end = end;
    this.written = end;
  }

  /** A length-tagged record of a leaf input of {@code leafLength} bytes. */
  static int taggedRecord(int leafLength) {
    return 1 + leafLength + 4;
  }

  /**
   * Opens (or creates, for {@code epoch}) the log and returns it with every intact record, as entries
   * named by {@link StreamLayout#entry}.
   */
  static SegmentLogFile open(Path file, long epoch, List<SegmentEntry> recovered) throws IOException {
    return open(file, epoch, recovered, UnaryOperator.identity());
  }

  /** As {@link #open(Path, long, List)}, with the file's channel wrapped (tests inject failing writes). */
  static SegmentLogFile open(Path file, long epoch, List<SegmentEntry> recovered, UnaryOperator<FileChannel> wrap)
      throws IOException {
    Files.createDirectories(file.getParent());
    // The node's own state, owner-only like everything outside streams/ (only that is published).
    FileChannel ch = wrap.apply(FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))));
    try {
      boolean tagged = true;
      if (ch.size() < HEADER) {
        ch.truncate(0);
        ByteBuffer h = ByteBuffer.allocate(HEADER).put(MAGIC_TAGGED).putLong(epoch).flip();
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
        tagged = Arrays.equals(magic, MAGIC_TAGGED);
        if (!tagged && !Arrays.equals(magic, MAGIC)) {
          throw new IOException(file + " is not an ownerless segment log");
        }
        long fileEpoch = h.getLong();
        if (fileEpoch != epoch) {
          throw new IOException(file + " belongs to epoch " + fileEpoch + ", expected " + epoch);
        }
      }
      long good = readRecords(file, ch, epoch, tagged, recovered);
      if (good < ch.size()) {
        log.warn("{}: cutting {} bytes of an unfinished last record (crash during an append)", file, ch.size() - good);
        ch.truncate(good);
        ch.force(true);
      }
      return new SegmentLogFile(file, ch, epoch, tagged, good);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static long readRecords(Path file, FileChannel ch, long epoch, boolean tagged, List<SegmentEntry> out)
      throws IOException {
    long size = ch.size();
    long pos = HEADER;
    while (pos < size) {
      int leafLength = tagged ? leafLengthAt(ch, pos) : SegmentEntry.LEAF_INPUT_LENGTH;
      int record = tagged ? taggedRecord(leafLength) : RECORD;
      if (leafLength < 0 || pos + record > size) {
        // Not a whole record: a torn tail if it is shorter than the longest record could be, else damage.
        if (size - pos < taggedRecord(SegmentEntry.LEAF_INPUT_LENGTH_WITH_INIT)) {
          return pos;
        }
        throw damaged(file, out.size(), "no valid record length");
      }
      ByteBuffer r = ByteBuffer.allocate(record);
      while (r.hasRemaining() && ch.read(r, pos + r.position()) > 0) {
        // fill
      }
      r.flip();
      byte[] checked = new byte[record - 4];
      r.get(checked);
      CRC32C c = new CRC32C();
      c.update(checked);
      if ((int) c.getValue() != r.getInt()) {
        if (pos + record == size) {
          return pos; // torn final record
        }
        throw damaged(file, out.size(), "checksum mismatch");
      }
      SegmentEntry entry;
      try {
        entry = StreamLayout.entry(epoch, tagged ? Arrays.copyOfRange(checked, 1, checked.length) : checked);
      } catch (IllegalArgumentException e) {
        // Its checksum holds, yet no append could have written it (a bug, an edit, a collision): it is
        // damage all the same, refused like a checksum mismatch rather than escaping as a crash.
        throw damaged(file, out.size(), e.getMessage());
      }
      if (!tagged && entry.hasInit()) {
        throw damaged(file, out.size(), "an init section in a log of the first format");
      }
      if (entry.index() != out.size()) {
        throw new IOException(file + ": record " + out.size() + " has index " + entry.index());
      }
      out.add(entry);
      pos += record;
    }
    return pos;
  }

  /** The leaf input length a tagged record at {@code pos} announces, or -1 if it is none a record can have. */
  private static int leafLengthAt(FileChannel ch, long pos) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1);
    if (ch.read(b, pos) < 1) {
      return -1;
    }
    int n = b.get(0) & 0xFF;
    return n == SegmentEntry.LEAF_INPUT_LENGTH || n == SegmentEntry.LEAF_INPUT_LENGTH_WITH_INIT ? n : -1;
  }

  private static IOException damaged(Path file, int record, String why) {
    return new IOException(file + ": record " + record + " is damaged (" + why + "); refusing to continue a log "
        + "that may fork. Restore the file or start a new epoch (--new-epoch).");
  }

  /**
   * Appends one entry and forces it to disk before returning. If that fails, the record is cut off
   * again before the exception leaves, so the caller may simply retry with the same or a later entry.
   */
  void append(SegmentEntry entry) throws IOException {
    write(entry);
    force();
  }

  /**
   * Writes one entry after the last whole record without forcing it: {@link #force} must follow
   * (on any thread, once) before the next write, and nothing may be published that names the entry
   * until it returned. Lets the caller sign while the disk syncs. If the write fails, what it left is
   * cut off before the exception leaves.
   */
  void write(SegmentEntry entry) throws IOException {
    if (written != end) {
      throw new IllegalStateException(file + ": a record is written but not yet forced");
    }
    byte[] leaf = entry.leafInput();
    if (!tagged && entry.hasInit()) {
      throw new IOException(file + " was created before fMP4 support and holds TS segments only; start a new "
          + "epoch (--new-epoch) to publish fMP4 segments");
    }
    ByteBuffer r = ByteBuffer.allocate(tagged ? taggedRecord(leaf.length) : RECORD);
    if (tagged) {
      r.put((byte) leaf.length);
    }
    r.put(leaf);
    CRC32C c = new CRC32C();
    c.update(r.array(), 0, r.position());
    r.putInt((int) c.getValue()).flip();
    int record = r.limit();
    try {
      for (long pos = end; r.hasRemaining(); ) {
        pos += channel.write(r, pos);
      }
    } catch (IOException e) {
      cutBackTo(end, e);
      throw e;
    }
    written = end + record;
  }

  /**
   * Forces the record {@link #write} wrote to disk (fdatasync). If that fails, the record is cut off
   * again before the exception leaves, so the caller may retry with the same or a later entry.
   */
  void force() throws IOException {
    try {
      channel.force(false);
    } catch (IOException e) {
      written = end;
      cutBackTo(end, e);
      throw e;
    }
    end = written;
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
