package org.ownerless.app.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ownerless.protocol.crypto.Base64Url;
import org.ownerless.protocol.model.Names;

/**
 * The signed files a watch page's player reads first, put into the page itself: the stream's announce
 * and the manifest of its first rendition, as they are on this server's disk when the page is asked for.
 * Without them the page asks for the announce, waits for it, then asks for that manifest: two round
 * trips in a row before the first check of a signature, on every start.
 *
 * <p>Nothing here is trusted. The page verifies these bytes exactly as if it had fetched them from this
 * server (player/first-bytes.js) and fetches what is missing, too large or unreadable itself. The bytes
 * go in as base64url inside a JSON data block, so no file content can end the element or run as script.
 */
final class FirstBytes {
  /** Larger files are left for the page to fetch: the page itself should stay small. */
  static final int ANNOUNCE_MAX = 16 * 1024;
  static final int MANIFEST_MAX = 64 * 1024;
  static final String ELEMENT_ID = "ownerless-first-bytes";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path streamsRoot;

  /** @param streamsRoot the directory served at {@code /streams/} */
  FirstBytes(Path streamsRoot) {
    this.streamsRoot = streamsRoot;
  }

  /**
   * The data block for stream {@code pub}/{@code name} (both already checked against the watch
   * path's pattern), or "" when this server has none of its files.
   */
  String elementFor(String pub, String name) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    String dir = pub + "/" + name + "/";
    byte[] announce = readAtMost(streamsRoot.resolve(dir + "announce.json"), ANNOUNCE_MAX);
    if (announce == null) {
      return "";
    }
    files.put("streams/" + dir + "announce.json", announce);
    String rendition = firstRendition(announce);
    if (rendition != null) {
      byte[] manifest = readAtMost(streamsRoot.resolve(dir + rendition + "/manifest.json"), MANIFEST_MAX);
      if (manifest != null) {
        files.put("streams/" + dir + rendition + "/manifest.json", manifest);
      }
    }
    // Keys are a checked path, values base64url: nothing in this JSON needs escaping in HTML.
    StringBuilder out = new StringBuilder("<script type=\"application/json\" id=\"" + ELEMENT_ID + "\">{");
    String sep = "";
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      out.append(sep).append('"').append(f.getKey()).append("\":\"")
          .append(Base64Url.encode(f.getValue())).append('"');
      sep = ",";
    }
    return out.append("}</script>").toString();
  }

  /** The first rendition's name as the page would read it, or null: an unsigned guess, costing one file read. */
  static String firstRendition(byte[] announce) {
    try {
      JsonNode name = JSON.readTree(announce).path("renditions").path(0).path("name");
      return name.isTextual() && Names.isRenditionName(name.asText()) ? name.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The file's bytes if it has at most {@code max}; null if it is larger, missing or unreadable. */
  static byte[] readAtMost(Path file, int max) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(max + 1);
      return bytes.length > max ? null : bytes;
    } catch (IOException e) {
      return null;
    }
  }
}
