package org.ownerless.ingest.hls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one media playlist: each poll takes the segments listed since the last one (a segment is
 * complete once its packager lists it) and says which start a discontinuity. A new packager run shows as
 * the media sequence going back, the last taken sequence number now naming another file, or ENDLIST
 * going away; its first segment is a discontinuity, as is the segment after any that could not be taken.
 */
final class RenditionFollower {
  private static final Logger log = LoggerFactory.getLogger(RenditionFollower.class);

  private final String name;
  private final Path root;
  private final Path playlist;
  private final Path workDir;
  private String lastText;
  private long lastSequence = -1;
  private String lastUri;
  private Object lastFileKey;
  private boolean sawEnd;
  private boolean discontinuityPending;
  private String initUri;
  private Path init;
  /** Init sections replaced since the last poll: the segments already handed out may still name them. */
  private final List<Path> retiredInits = new ArrayList<>();
  private int taken;
  private double targetSeconds = 2;
  private String lastProblem;

  RenditionFollower(String name, Path root, Path playlist, Path workDir) {
    this.name = name;
    this.root = root;
    this.playlist = playlist;
    this.workDir = workDir;
  }

  String name() {
    return name;
  }

  double targetSeconds() {
    return targetSeconds;
  }

  boolean ended() {
    return sawEnd;
  }

  /**
   * Reads the playlist once; empty when it is unchanged, missing or broken (logged once per problem).
   * {@code skipListed}: the first read of a playlist that already ended only marks its segments as seen
   * (an old run's leftovers are not this stream).
   */
  List<TakenSegment> poll(boolean skipListedIfEnded) throws IOException {
    for (Path old : retiredInits) {
      Files.deleteIfExists(old);
    }
    retiredInits.clear();
    MediaPlaylist p;
    String text;
    try {
      text = TreeFiles.readPlaylist(playlist);
      if (text.equals(lastText)) {
        return List.of();
      }
      p = MediaPlaylist.parse(text);
    } catch (NoSuchFileException e) {
      return List.of(); // between runs, or the packager writes it by rename
    } catch (PlaylistException e) {
      problem(e.getMessage());
      return List.of();
    }
    boolean firstRead = lastText == null && lastUri == null;
    lastText = text;
    lastProblem = null;
    targetSeconds = Math.max(0.1, p.targetSeconds());
    boolean newRun = isNewRun(p);
    if (newRun) {
      log.info("{}: {} was rewritten by a new packager run; its next segment starts a discontinuity", name,
          playlist.getFileName());
      discontinuityPending = true;
      lastSequence = -1;
      initUri = null;
    }
    sawEnd = p.ended();
    List<TakenSegment> out = new ArrayList<>();
    if (firstRead && skipListedIfEnded && p.ended()) {
      remember(p.segments().isEmpty() ? null : p.segments().get(p.segments().size() - 1));
      return out;
    }
    for (ListedSegment s : p.segments()) {
      if (s.sequence() <= lastSequence) {
        continue;
      }
      if (lastSequence >= 0 && s.sequence() > lastSequence + 1) {
        log.warn("{}: segments {}..{} left the playlist before they were read; continuing after a discontinuity",
            name, lastSequence + 1, s.sequence() - 1);
        discontinuityPending = true;
      }
      TakenSegment t = take(s);
      remember(s);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  private boolean isNewRun(MediaPlaylist p) {
    if (lastSequence < 0) {
      return false;
    }
    if (sawEnd && !p.ended()) {
      return true;
    }
    if (p.nextSequence() <= lastSequence) {
      return true; // the sequence went back
    }
    for (ListedSegment s : p.segments()) {
      if (s.sequence() == lastSequence) {
        // Same name, another file: recreated (a file the cleanup deleted since says nothing).
        Object key;
        try {
          key = fileKey(source(s.uri()));
        } catch (PlaylistException e) {
          key = null; // reported when it is taken
        }
        return !s.uri().equals(lastUri) || (key != null && lastFileKey != null && !key.equals(lastFileKey));
      }
    }
    return false;
  }

  private TakenSegment take(ListedSegment s) throws IOException {
    Path source;
    try {
      source = source(s.uri());
      Path initFile = init(s.mapUri());
      String ext = extension(s.uri());
      Path target = workDir.resolve(name + "-" + s.sequence() + "-" + (++taken) + ext);
      SegmentTaker.take(source, target, HlsLimits.MAX_SEGMENT_BYTES);
      boolean d = discontinuityPending || s.discontinuity();
      discontinuityPending = false;
      return new TakenSegment(target, s.seconds(), d, initFile, Files.size(target));
    } catch (NoSuchFileException e) {
      log.warn("{}: segment {} vanished before it was taken (packager cleanup too quick?); skipped, the next one "
          + "starts a discontinuity", name, Shown.of(s.uri()));
    } catch (SegmentTaker.SegmentTooLargeException e) {
      log.warn("{}: segment skipped: {}", name, e.getMessage());
    } catch (PlaylistException e) {
      log.warn("{}: segment skipped: {}", name, e.getMessage());
    }
    discontinuityPending = true;
    return null;
  }

  /** The init section in force, taken once per EXT-X-MAP URI: the packager may rewrite or delete its own. */
  private Path init(String mapUri) throws IOException, PlaylistException {
    if (mapUri == null) {
      return null;
    }
    if (!mapUri.equals(initUri)) {
      Path target = workDir.resolve(name + "-init-" + (++taken) + extension(mapUri));
      SegmentTaker.take(source(mapUri), target, HlsLimits.MAX_INIT_BYTES);
      if (init != null) {
        retiredInits.add(init);
      }
      init = target;
      initUri = mapUri;
    }
    return init;
  }

  private void remember(ListedSegment s) throws IOException {
    if (s == null) {
      return;
    }
    lastSequence = s.sequence();
    lastUri = s.uri();
    try {
      lastFileKey = fileKey(source(s.uri()));
    } catch (PlaylistException e) {
      lastFileKey = null;
    }
  }

  private Path source(String uri) throws PlaylistException {
    return TreeFiles.resolve(root, playlist.getParent(), uri);
  }

  private static Object fileKey(Path p) {
    try {
      return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null; // deleted by now
    }
  }

  private static String extension(String uri) {
    int slash = uri.lastIndexOf('/');
    int dot = uri.lastIndexOf('.');
    String ext = dot > slash ? uri.substring(dot).toLowerCase(java.util.Locale.ROOT) : "";
    return ext.matches("\\.[a-z0-9]{1,5}") ? ext : ".ts";
  }

  private void problem(String message) {
    if (!message.equals(lastProblem)) {
      log.warn("{}: {} ignored until it is fixed: {}", name, playlist.getFileName(), message);
      lastProblem = message;
    }
  }
}
