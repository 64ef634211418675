package org.ownerless.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.ownerless.protocol.io.AtomicFiles;

/**
 * The browser viewer as the build packaged it (esbuild bundle, worker, page, stylesheet) under
 * {@code org/ownerless/viewer/web/} in this jar. A server writes the files to a directory and serves
 * that directory like any other static content; the watch page itself is rendered per request.
 */
public final class ViewerAssets {
  private static final String ROOT = "org/ownerless/viewer/web/";
  private static final String BASE_MARKER = "<!--ownerless:base-->";
  /** Where a server that carries the stream puts its first signed files into the watch page. */
  public static final String FIRST_BYTES_MARKER = "<!--ownerless:first-bytes-->";

  /** Where the build names the player's own file (watch.js's chunk: hls.js, the engine, the verifier). */
  private static final Pattern PLAYER_CODE = Pattern.compile("<!--ownerless:player-code ([A-Za-z0-9_-]{1,64}\\.js)-->");

  private ViewerAssets() {}

  /**
   * {@code html} (the watch page or a part of it) with the build's note of the player's own file turned
   * into a modulepreload link for it, in the same place: after the modules main.js needs. Only for a
   * page that carries its first files: a page without them sends its first requests from main.js, and a
   * preloaded player, compiled as soon as it arrives, would hold those back.
   */
  public static String withPlayerPreload(String html) {
    return PLAYER_CODE.matcher(html).replaceFirst("<link rel=\"modulepreload\" href=\"$1\" />");
  }

  /** Names of the packaged files (from the list the build writes beside them). */
  public static List<String> names() {
    String list = new String(read("files.txt"), StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (String line : list.split("\n")) {
      if (!line.isBlank()) {
        out.add(line.strip());
      }
    }
    return out;
  }

  /** Writes every packaged file into {@code dir}, replacing only those whose bytes differ. */
  public static void extractTo(Path dir) throws IOException {
    AtomicFiles.publicDirectory(dir);
    for (String name : names()) {
      byte[] bytes = read(name);
      Path target = dir.resolve(name);
      if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
        continue;
      }
      // Beside, then renamed over: a browser never fetches a half-written bundle. Readable by the
      // web server that may serve this directory instead of the node.
      AtomicFiles.publish(target, bytes);
    }
  }

  /**
   * The watch page for a server that serves the assets at {@code assetBase} (e.g. "/viewer/"),
   * offering WalletConnect tips when {@code reownProjectId} is not null.
   */
  public static String watchPage(String assetBase, String reownProjectId) {
    if (reownProjectId != null && !reownProjectId.matches("[A-Za-z0-9_-]{1,128}")) {
      throw new IllegalArgumentException("not a Reown project id: " + reownProjectId);
    }
    String html = new String(read("watch.html"), StandardCharsets.UTF_8);
    html = html.replace(BASE_MARKER, "<base href=\"" + assetBase + "\">");
    if (reownProjectId != null) {
      html = html.replace("<main data-part=\"player\"", "<main data-reown-project-id=\"" + reownProjectId + "\" data-part=\"player\"");
    }
    return html;
  }

  private static byte[] read(String name) {
    if (name.contains("/") || name.contains("..")) {
      throw new IllegalArgumentException("not a viewer asset name: " + name);
    }
    try (InputStream in = ViewerAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("viewer asset " + name + " is missing from the jar (was the viewer built?)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
