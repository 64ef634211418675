package org.ownerless.ingest.hls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a packager's output the way packagers do: segment files, then the playlist replaced by rename. */
final class PackagerDir {
  final Path dir;

  PackagerDir(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  Path segment(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  /** A media playlist of {@code uris} with 1-second EXTINFs, starting at {@code firstSequence}. */
  void playlist(String name, long firstSequence, boolean ended, String... uris) throws IOException {
    StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:")
        .append(firstSequence).append('\n');
    for (String u : uris) {
      b.append(u.startsWith("#") ? u + "\n" : "#EXTINF:1.000,\n" + u + "\n");
    }
    if (ended) {
      b.append("#EXT-X-ENDLIST\n");
    }
    write(name, b.toString());
  }

  void write(String name, String text) throws IOException {
    Path target = dir.resolve(name);
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
