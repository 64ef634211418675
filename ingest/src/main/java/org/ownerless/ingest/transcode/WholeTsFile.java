package org.ownerless.ingest.transcode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a segment file ffmpeg reported is whole MPEG-TS. ffmpeg's segmenter lists a segment even
 * when writing it failed ("Failure occurred when ending segment", on a full disk for one), so a
 * listed file may be empty or cut off, and must then never be signed. A write cut off by a full
 * disk ends on a page or block boundary (4 KiB), which is a whole number of 188-byte packets only
 * at multiples of 188 KiB: this catches 46 of 47 such cuts, and every empty file, reading two bytes.
 */
final class WholeTsFile {
  static final int PACKET = 188;
  private static final byte SYNC = 0x47;

  private WholeTsFile() {}

  /** Null if {@code file} looks whole, else what is wrong with it. */
  static String problem(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size == 0) {
        return "empty";
      }
      if (size % PACKET != 0) {
        return size + " bytes, not a whole number of " + PACKET + "-byte packets";
      }
      if (!syncAt(ch, 0) || !syncAt(ch, size - PACKET)) {
        return "no sync byte where a packet starts";
      }
      return null;
    }
  }

  private static boolean syncAt(FileChannel ch, long position) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1);
    return ch.read(b, position) == 1 && b.get(0) == SYNC;
  }
}
