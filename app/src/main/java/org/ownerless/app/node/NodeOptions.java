package org.ownerless.app.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/** A node's resolved settings: config file and flags merged, defaults applied, values checked. */
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
    String reownProjectId) {}
