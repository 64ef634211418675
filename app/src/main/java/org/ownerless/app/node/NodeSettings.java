package org.ownerless.app.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.ingest.transcode.SegmentFormat;
import org.ownerless.origin.bucket.BucketSettings;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/**
 * A node's resolved settings: every value present and checked. Built with {@link #builder()}, which
 * holds each setting's default; `node` (flags over YAML), `demo` and tests all go through it.
 *
 * @param keyFile the creator key; the builder defaults it to DATA/creator.key
 * @param publicUrl the node's URL as viewers reach it; null derives it from host and port
 * @param extraOrigins origins listed in the announce after the node's own (and the bucket's)
 * @param trackers trackers listed after the node's own
 * @param tlsCert null for plain HTTP; then {@code tlsKey} is null too
 * @param reownProjectId null when viewers tip with a browser wallet only
 * @param bucket where to publish the stream besides the node's own origin; null for nowhere
 * @param segmentFormat what the built-in packager writes: MPEG-TS (default) or fMP4/CMAF
 * @param partSeconds LL-HLS part length (fMP4 only), 0 for no parts
 * @param rtmpHost where plain RTMP listens (resolved: loopback by default when RTMPS is on)
 * @param rtmpsPort the RTMPS port; meaningless when {@code rtmpsCert} is null
 * @param rtmpsCert null for no RTMPS; otherwise its certificate chain (its own or --tls-cert's)
 * @param publishTokenFile where the publish token is kept, or null when it was given as a setting
 * @param hlsInput another packager's HLS directory to follow instead of RTMP ingest; null for RTMP
 */
public record NodeSettings(
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
    SegmentFormat segmentFormat,
    double partSeconds,
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
    BucketSettings bucket,
    String rtmpHost,
    int rtmpsPort,
    Path rtmpsCert,
    Path rtmpsKey,
    Path publishTokenFile,
    Path hlsInput) {

  public NodeSettings {
    extraOrigins = List.copyOf(extraOrigins);
    trackers = List.copyOf(trackers);
  }

  public boolean rtmps() {
    return rtmpsCert != null;
  }

  /** A builder holding every default; set what differs, then {@link NodeSettingsBuilder#build()}. */
  public static NodeSettingsBuilder builder() {
    return new NodeSettingsBuilder();
  }
}
