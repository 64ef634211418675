package org.ownerless.origin.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A data directory laid out like the published URLs: streams/PUB/NAME/... */
final class StreamTree {
  /** A creator key in base64url without padding (43 characters). */
  static final String PUB = "Q2xhcmFfdGhlX2NyZWF0b3Jfa2V5X2Zvcl90ZXN0czA";
  static final String STREAM = "/streams/" + PUB + "/show/";

  final Path streams;

  private StreamTree(Path streams) {
    this.streams = streams;
  }

  static StreamTree in(Path dataDir) throws IOException {
    Path streams = Files.createDirectories(dataDir.resolve("streams"));
    StreamTree t = new StreamTree(streams);
    t.write("announce.json", "{\"type\":\"STREAM_ANNOUNCE\"}");
    t.write("master.m3u8", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=2800000\n720p/index.m3u8\n");
    t.write("720p/index.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nseg00001.ts\n");
    t.write("720p/manifest.json", "{\"type\":\"MANIFEST_ROOT\"}");
    t.write("720p/roots/1-3.json", "{\"tree_size\":3}");
    t.write("720p/seg00001.ts", "\u0047 pretend transport stream packets");
    t.write("720p/seg00001.m4s", "pretend fragment");
    t.write("720p/init.mp4", "pretend init segment");
    t.write("page.html", "<!doctype html><title>x</title>");
    t.write("app.js", "console.log(1)");
    t.write("style.css", "body{}");
    t.write("logo.svg", "<svg/>");
    t.write("logo.png", "\u0089PNG");
    t.write("blob.bin", "opaque");
    return t;
  }

  /** Writes streams/PUB/show/{relative}. */
  Path write(String relative, String content) throws IOException {
    return write(relative, content.getBytes(StandardCharsets.UTF_8));
  }

  Path write(String relative, byte[] content) throws IOException {
    Path file = show().resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.write(file, content);
  }

  Path show() {
    return streams.resolve(PUB).resolve("show");
  }
}
