package org.ownerless.origin.relay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ownerless.origin.follow.StreamFollower;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.protocol.model.StreamId;

/**
 * What one relay mirrors and how.
 *
 * @param streamsDir the mirror root, served as {@code /streams/}: the stream lives in {@code streamsDir/PUB/NAME}
 * @param upstreams tried first, in order, before the announce's origin hints
 * @param publicUrl the relay's own base URL, never used as its upstream (null if unknown)
 * @param keepSegments segments kept per rendition; 0 keeps all (archive)
 * @param manifestPoll how often each rendition's manifest.json is polled (conditional GET)
 * @param announcePoll how often announce.json is polled
 * @param timeout connect and read timeout of each upstream request
 */
public record RelayConfig(StreamId stream, List<StreamUrl> upstreams, Path streamsDir, String publicUrl,
    int keepSegments, Duration manifestPoll, Duration announcePoll, Duration timeout) {
  public static final int DEFAULT_KEEP = 64;
  /** A rendition the announce names may lack a manifest for a while (no segment yet); longer is a failure. */
  public static final Duration NOT_FOUND_GRACE = Duration.ofSeconds(15);

  public RelayConfig {
    upstreams = List.copyOf(upstreams);
    if (upstreams.isEmpty()) {
      throw new IllegalArgumentException("at least one upstream is needed");
    }
    if (keepSegments < 0) {
      throw new IllegalArgumentException("retention must be 0 (keep everything) or a positive number of segments");
    }
  }

  public static RelayConfig of(StreamId stream, List<StreamUrl> upstreams, Path streamsDir, String publicUrl) {
    return new RelayConfig(stream, upstreams, streamsDir, publicUrl, DEFAULT_KEEP, Duration.ofMillis(100),
        Duration.ofMillis(500), Duration.ofSeconds(5));
  }

  public RelayConfig withRetention(int keep) {
    return new RelayConfig(stream, upstreams, streamsDir, publicUrl, keep, manifestPoll, announcePoll, timeout);
  }

  public RelayConfig withTimeout(Duration t) {
    return new RelayConfig(stream, upstreams, streamsDir, publicUrl, keepSegments, manifestPoll, announcePoll, t);
  }

  /** How the relay's follower reads its upstreams. */
  public StreamFollower.Settings follow() {
    return new StreamFollower.Settings(timeout, NOT_FOUND_GRACE);
  }

  /** The directory of this stream in the mirror. */
  public Path streamDir() {
    return streamsDir.resolve(stream.creator().toBase64Url()).resolve(stream.name());
  }
}
