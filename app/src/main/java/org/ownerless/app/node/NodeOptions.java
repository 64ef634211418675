package org.ownerless.app.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.origin.bucket.BucketSettings;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/**
 * A node's resolved settings: config file and flags merged, defaults applied, values checked.
 *
 * @param bucket where to publish the stream besides the node's own origin; null for nowhere
 */
public record NodeOptions(
    String name,
    Path keyFile,
    Path dataDir,
    String host,
    int httpPort,
    int rtmpPort,
    String publishToken,
    String publicUrl,
    String title,
    TipTargets tips,
    LatencyMode latency,
    Ladder ladder,
    double segmentSeconds,
    int playlistWindow,
    int retention,
    Duration endAfter,
    boolean newEpoch,
    List<String> extraOrigins,
    List<String> trackers,
    Path tlsCert,
    Path tlsKey,
    String ffmpeg,
    String reownProjectId,
    BucketSettings bucket) {

  /** Options without a bucket: the stream is served by the node (and the origins it lists) only. */
  public NodeOptions(String name, Path keyFile, Path dataDir, String host, int httpPort, int rtmpPort,
      String publishToken, String publicUrl, String title, TipTargets tips, LatencyMode latency, Ladder ladder,
      double segmentSeconds, int playlistWindow, int retention, Duration endAfter, boolean newEpoch,
      List<String> extraOrigins, List<String> trackers, Path tlsCert, Path tlsKey, String ffmpeg,
      String reownProjectId) {
    this(name, keyFile, dataDir, host, httpPort, rtmpPort, publishToken, publicUrl, title, tips, latency, ladder,
        segmentSeconds, playlistWindow, retention, endAfter, newEpoch, extraOrigins, trackers, tlsCert, tlsKey, ffmpeg,
        reownProjectId, null);
  }
}
