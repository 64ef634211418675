package org.ownerless.ingest.transcode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Splits one self-contained fragmented MP4 file, as ffmpeg's segment muxer writes it
 * (ftyp, moov, then moof+mdat fragments), at its first {@code moof}: the bytes before are the
 * initialization section, the rest the media segment. Walking the top-level boxes also checks that
 * the file is whole: ffmpeg lists a segment even when writing it failed (see WholeTsFile), and a
 * file whose last box runs past its end, or that has no fragment, must never be signed.
 */
final class Fmp4Split {
  /** An init section larger than this is refused (the protocol's bound on a signed init, §4.3). */
  static final int MAX_INIT = 1 << 20;

  /** Where the file splits: init = [0, mediaStart), media = [mediaStart, size). */
  record Layout(long mediaStart, long size) {}

  private Fmp4Split() {}

  /**
   * The split of {@code file}, or throws {@link NotWhole} saying why the file is not a whole fMP4
   * segment. Reads only box headers (8 or 16 bytes each), never the media.
   */
  static Layout layout(Path file) throws IOException, NotWhole {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long at = 0;
      long firstMoof = -1;
      boolean sawMoov = false;
      boolean sawMdat = false;
      ByteBuffer header = ByteBuffer.allocate(16);
      while (at < size) {
        header.clear().limit(8);
        if (readFully(ch, header, at) < 8) {
          throw new NotWhole("a box header is cut off at byte " + at);
        }
        long boxSize = Integer.toUnsignedLong(header.getInt(0));
        String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
        if (boxSize == 1) { // 64-bit size follows the type
          header.clear().limit(8);
          if (readFully(ch, header, at + 8) < 8) {
            throw new NotWhole("a 64-bit box size is cut off at byte " + at);
          }
          boxSize = header.getLong(0);
        }
        if (boxSize < 8 || boxSize > size - at) {
          throw new NotWhole("box '" + type + "' at byte " + at + " claims " + boxSize + " bytes; "
              + (size - at) + " are left");
        }
        if (firstMoof < 0) {
          if (type.equals("moov")) {
            sawMoov = true;
          } else if (type.equals("moof")) {
            firstMoof = at;
          }
        } else if (type.equals("mdat")) {
          sawMdat = true;
        }
        at += boxSize;
      }
      if (size == 0) {
        throw new NotWhole("empty");
      }
      if (!sawMoov || firstMoof < 0 || !sawMdat) {
        throw new NotWhole("not a fragmented MP4 segment (needs moov, then moof and mdat)");
      }
      if (firstMoof > MAX_INIT) {
        throw new NotWhole("an initialization section of " + firstMoof + " bytes (at most " + MAX_INIT + ")");
      }
      return new Layout(firstMoof, size);
    }
  }

  /** The init section's bytes of a file whose layout is {@code layout}. */
  static byte[] initBytes(Path file, Layout layout) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate((int) layout.mediaStart());
      if (readFully(ch, b, 0) != layout.mediaStart()) {
        throw new IOException(file + " shrank while it was split");
      }
      return b.array();
    }
  }

  /** Copies the media part of {@code file} into {@code media} (created or replaced). */
  static void writeMedia(Path file, Layout layout, Path media) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(media, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      long at = layout.mediaStart();
      while (at < layout.size()) {
        long n = in.transferTo(at, layout.size() - at, out);
        if (n <= 0) {
          throw new IOException(file + " shrank while it was split");
        }
        at += n;
      }
    }
  }

  private static int readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
    int total = 0;
    while (b.hasRemaining()) {
      int n = ch.read(b, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /** The file is not a whole fMP4 segment. */
  static final class NotWhole extends Exception {
    NotWhole(String message) {
      super(message, null, false, false);
    }
  }
}
