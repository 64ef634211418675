package org.ownerless.ingest.hls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the media playlists of a packager's output directory, in this order:
 * <ol>
 *   <li>a master playlist ({@code *.m3u8} with EXT-X-STREAM-INF) in the directory: its variants, named
 *       after the variant's directory when nested ({@code hi/index.m3u8} → hi), else its file name;
 *   <li>one media playlist in the directory: rendition {@code src}; several: one rendition each, by file name;
 *   <li>subdirectories holding a media playlist (nginx-rtmp {@code hls_nested}): one rendition each, by
 *       directory name.
 * </ol>
 * An empty list means nothing is written yet.
 */
final class TreeLayout {
  private TreeLayout() {}

  static List<FollowedPlaylist> discover(Path root) throws IOException, PlaylistException {
    List<Path> top = playlists(root);
    for (Path p : top) {
      String text = TreeFiles.readPlaylist(p);
      if (MasterPlaylist.isMaster(text)) {
        return fromMaster(root, MasterPlaylist.parse(text));
      }
    }
    RenditionNames names = new RenditionNames();
    List<FollowedPlaylist> found = new ArrayList<>();
    if (top.size() == 1) {
      return List.of(new FollowedPlaylist("src", top.get(0), null));
    }
    for (Path p : top) {
      found.add(new FollowedPlaylist(names.unique(stem(p)), p, null));
    }
    if (found.isEmpty()) {
      for (Path sub : subdirectories(root)) {
        List<Path> inside = playlists(sub);
        if (inside.size() == 1) {
          found.add(new FollowedPlaylist(names.unique(sub.getFileName().toString()), inside.get(0), null));
        }
      }
    }
    if (found.size() > HlsLimits.MAX_RENDITIONS) {
      throw new PlaylistException(found.size() + " media playlists under " + root + "; at most "
          + HlsLimits.MAX_RENDITIONS + " renditions are followed");
    }
    return found;
  }

  private static List<FollowedPlaylist> fromMaster(Path root, MasterPlaylist master) throws PlaylistException {
    RenditionNames names = new RenditionNames();
    List<FollowedPlaylist> found = new ArrayList<>();
    for (Variant v : master.variants()) {
      Path playlist = TreeFiles.resolve(root, root, v.uri());
      Path parent = root.relativize(playlist).getParent();
      String raw = parent != null ? parent.getFileName().toString() : stem(playlist);
      found.add(new FollowedPlaylist(names.unique(raw), playlist, v));
    }
    return found;
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  private static List<Path> playlists(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".m3u8") && Files.isRegularFile(p)).sorted()
          .limit(HlsLimits.MAX_RENDITIONS + 1L).toList();
    }
  }

  private static List<Path> subdirectories(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().limit(64).toList();
    }
  }
}
