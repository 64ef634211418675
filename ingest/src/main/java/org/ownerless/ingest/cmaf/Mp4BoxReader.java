package org.ownerless.ingest.cmaf;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads top-level boxes one by one from a stream (ffmpeg's output pipe), each whole before it is
 * returned. A box larger than the bound is refused before its bytes are read: the pipe is local, but
 * a confused encoder must cost a clear error, not the heap.
 */
public final class Mp4BoxReader {
  private final InputStream in;
  private final int maxBoxBytes;

  public Mp4BoxReader(InputStream in, int maxBoxBytes) {
    this.in = in;
    this.maxBoxBytes = maxBoxBytes;
  }

  /** The next box, or null at a clean end of stream (between boxes). */
  public Mp4Box next() throws IOException, Mp4FormatException {
    byte[] header = new byte[8];
    int first = in.readNBytes(header, 0, 8);
    if (first == 0) {
      return null;
    }
    if (first < 8) {
      throw new EOFException("the stream ended inside a box header");
    }
    String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
    long size = Integer.toUnsignedLong(ByteBuffer.wrap(header).getInt(0));
    byte[] large = new byte[0];
    if (size == 1) {
      large = in.readNBytes(8);
      if (large.length < 8) {
        throw new EOFException("the stream ended inside the 64-bit size of '" + type + "'");
      }
      size = ByteBuffer.wrap(large).getLong();
    } else if (size == 0) {
      throw new Mp4FormatException("'" + type + "' runs to the end of the stream; a live stream has no end");
    }
    int headerBytes = 8 + large.length;
    if (size < headerBytes || size > maxBoxBytes) {
      throw new Mp4FormatException("'" + type + "' claims " + size + " bytes (at most " + maxBoxBytes + ")");
    }
    byte[] box = new byte[(int) size];
    System.arraycopy(header, 0, box, 0, 8);
    System.arraycopy(large, 0, box, 8, large.length);
    int body = in.readNBytes(box, headerBytes, box.length - headerBytes);
    if (body < box.length - headerBytes) {
      throw new EOFException("the stream ended inside '" + type + "' (" + (headerBytes + body) + " of " + size
          + " bytes)");
    }
    return new Mp4Box(type, box);
  }
}
