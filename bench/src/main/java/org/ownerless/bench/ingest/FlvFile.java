package org.ownerless.bench.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tags of an FLV file, to replay them over RTMP exactly the same way to every server. */
final class FlvFile {
  record Tag(int type, long timestampMs, byte[] body) {
    boolean isVideoKeyframe() {
      return type == 9 && body.length > 1 && (body[0] >> 4 & 0x0f) == 1 && body[1] == 1;
    }
  }

  private FlvFile() {}

  static List<Tag> read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
    if (b.get() != 'F' || b.get() != 'L' || b.get() != 'V') {
      throw new IOException(file + " is not an FLV file");
    }
    b.position(b.getInt(5) + 4); // header length, then PreviousTagSize0
    List<Tag> tags = new ArrayList<>();
    while (b.remaining() >= 11) {
      int type = b.get() & 0x1f;
      int size = (b.get() & 0xff) << 16 | (b.get() & 0xff) << 8 | (b.get() & 0xff);
      long ts = (b.get() & 0xff) << 16 | (b.get() & 0xff) << 8 | (b.get() & 0xff) | (long) (b.get() & 0xff) << 24;
      b.position(b.position() + 3);
      if (b.remaining() < size + 4) {
        break;
      }
      byte[] body = new byte[size];
      b.get(body);
      b.getInt();
      tags.add(new Tag(type, ts, body));
    }
    return tags;
  }
}
