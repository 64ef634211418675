package org.ownerless.manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ownerless.protocol.layout.LiveWindow;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/**
 * How a node signs and publishes its streams.
 *
 * @param dataDir holds {@code streams/} (served as is) and {@code state/} (logs, epochs; never served)
 * @param playlistWindow segments a live media playlist lists; a live manifest signs {@link LiveWindow#MARGIN}
 *     more, so that a client holding a slightly older playlist still finds each of its entries in it
 * @param keepSegments segments kept on disk per rendition; 0 keeps the whole log (a full archive)
 * @param endAfter how long after the publisher left the stream is declared ended
 * @param announceTtl validity of each live announce (re-signed every 10 s; an ended one is valid 24 h)
 */
public record ManifestConfig(
    Path dataDir,
    String title,
    List<String> origins,
    List<String> trackers,
    TipTargets tips,
    LatencyMode latency,
    int playlistWindow,
    int keepSegments,
    Duration endAfter,
    Duration announceTtl,
    double segmentSeconds,
    boolean newEpoch) {

  public ManifestConfig {
    origins = List.copyOf(origins);
    trackers = List.copyOf(trackers);
    int signed = LiveWindow.manifestWindow(playlistWindow);
    if (keepSegments != 0 && keepSegments < signed) {
      throw new IllegalArgumentException("retention must keep at least the " + signed
          + " segments a manifest lists (or 0 for the full archive)");
    }
  }

  public static ManifestConfig defaults(Path dataDir) {
    return new ManifestConfig(dataDir, "", List.of(), List.of(), TipTargets.NONE, LatencyMode.NORMAL,
        LiveWindow.DEFAULT_PLAYLIST_WINDOW, 0, Duration.ofSeconds(30), Duration.ofSeconds(60),
        LiveWindow.DEFAULT_SEGMENT_SECONDS, false);
  }

  public Path streamsDir() {
    return dataDir.resolve("streams");
  }

  public Path stateDir() {
    return dataDir.resolve("state");
  }

  public ManifestConfig withHints(String title, List<String> origins, List<String> trackers, TipTargets tips) {
    return new ManifestConfig(dataDir, title, origins, trackers, tips, latency, playlistWindow,
        keepSegments, endAfter, announceTtl, segmentSeconds, newEpoch);
  }

  public ManifestConfig withEndAfter(Duration d) {
    return new ManifestConfig(dataDir, title, origins, trackers, tips, latency, playlistWindow,
        keepSegments, d, announceTtl, segmentSeconds, newEpoch);
  }

  public ManifestConfig withRetention(int keep) {
    return new ManifestConfig(dataDir, title, origins, trackers, tips, latency, playlistWindow,
        keep, endAfter, announceTtl, segmentSeconds, newEpoch);
  }

  public ManifestConfig withNewEpoch(boolean fresh) {
    return new ManifestConfig(dataDir, title, origins, trackers, tips, latency, playlistWindow,
        keepSegments, endAfter, announceTtl, segmentSeconds, fresh);
  }

  public ManifestConfig withPlaylist(int window, double segmentDuration) {
    return new ManifestConfig(dataDir, title, origins, trackers, tips, latency, window,
        keepSegments, endAfter, announceTtl, segmentDuration, newEpoch);
  }

  public ManifestConfig withSegmentSeconds(double segmentDuration) {
    return withPlaylist(playlistWindow, segmentDuration);
  }

  public ManifestConfig withLatency(LatencyMode mode) {
    return new ManifestConfig(dataDir, title, origins, trackers, tips, mode, playlistWindow,
        keepSegments, endAfter, announceTtl, segmentSeconds, newEpoch);
  }
}
