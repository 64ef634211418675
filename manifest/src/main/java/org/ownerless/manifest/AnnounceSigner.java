package org.ownerless.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.protocol.model.LogHead;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamStatus;

/**
 * Signs and publishes a stream's STREAM_ANNOUNCE, the stream's small, often re-signed, short-lived
 * timestamp (docs/protocol.md §3): at once when something it states changes (status, renditions),
 * and while live every {@link #LIVE_RESIGN} with the logs' current sizes, valid for
 * {@link ManifestConfig#announceTtl()} (60 s by default), so a mirror frozen on an old state is
 * exposed within a minute. An ended stream's announce is valid {@link #ENDED_TTL} (nothing advances).
 *
 * <p>The seq is the issue time in milliseconds, bumped past the last one, which is kept in the state
 * directory: it grows across restarts and across the clock stepping back. Issue time and expiry come
 * from the {@link SigningClock}: a step back of the wall clock neither dates an announce before the
 * last one nor postpones the next re-signing until the announce out there has expired.
 */
final class AnnounceSigner {
  /** The last seq signed, in the stream's state directory. */
  static final String SEQ_FILE = "announce.seq";
  /** How often a live announce is re-signed with the logs' sizes. */
  static final Duration LIVE_RESIGN = Duration.ofSeconds(10);
  /** Validity of an ended stream's announce. */
  static final Duration ENDED_TTL = Duration.ofHours(24);

  private final Signer signer;
  private final String name;
  private final ManifestConfig config;
  private final Path file;
  private final Path seqFile;
  private final Function<List<Rendition>, List<LogHead>> logs;
  private final SigningClock clock;
  private long lastSeq = -1;
  private long issuedAtMs;
  private StreamStatus status = StreamStatus.ENDED;
  private List<Rendition> renditions = List.of();

  AnnounceSigner(Signer signer, String name, ManifestConfig config, Path file, Path seqFile,
      Function<List<Rendition>, List<LogHead>> logs, SigningClock clock) {
    this.clock = clock;
    this.signer = signer;
    this.name = name;
    this.config = config;
    this.file = file;
    this.seqFile = seqFile;
    this.logs = logs;
  }

  synchronized void update(StreamStatus newStatus, List<Rendition> newRenditions) throws IOException {
    status = newStatus;
    renditions = List.copyOf(newRenditions);
    sign();
  }

  synchronized void status(StreamStatus newStatus) throws IOException {
    if (newStatus != status) {
      status = newStatus;
      sign();
    }
  }

  synchronized void renditions(List<Rendition> newRenditions) throws IOException {
    renditions = List.copyOf(newRenditions);
    sign();
  }

  /**
   * Re-signs a live announce every {@link #LIVE_RESIGN} (with the logs as they are now), any other
   * once half its validity has passed, so a published announce never expires while the node runs.
   * Measured on the signing clock, which never goes back: a wall clock stepped back an hour would
   * otherwise postpone the re-signing by that hour, long after the announce out there has expired.
   *
   * @return true if it was due and has been signed and published
   */
  synchronized boolean refreshIfDue() throws IOException {
    long nowMs = clock.nowMs();
    long every = status == StreamStatus.LIVE ? Math.min(LIVE_RESIGN.toMillis(), ttl().toMillis() / 2)
        : ttl().toMillis() / 2;
    if (issuedAtMs > 0 && nowMs - issuedAtMs >= every) {
      sign();
      return true;
    }
    return false;
  }

  synchronized StreamStatus status() {
    return status;
  }

  private Duration ttl() {
    return status == StreamStatus.LIVE ? config.announceTtl() : ENDED_TTL;
  }

  private void sign() throws IOException {
    long now = clock.nowMs();
    long seq = Math.max(now, lastSeq() + 1);
    // Kept before it is published: after a crash the next seq is still higher than any announce out there.
    AtomicFiles.writeString(seqFile, seq + "\n");
    StreamAnnounce a = new StreamAnnounce(signer.publicKey(), name, config.title(), seq, now,
        now + ttl().toMillis(), status, config.latency(), renditions, config.origins(),
        config.trackers(), config.tips(), logs.apply(renditions));
    AtomicFiles.publish(file, a.sign(signer).toCanonicalBytes());
    lastSeq = seq;
    issuedAtMs = now;
  }

  private long lastSeq() throws IOException {
    if (lastSeq < 0) {
      lastSeq = 0;
      if (Files.exists(seqFile)) {
        String text = Files.readString(seqFile, StandardCharsets.US_ASCII).strip();
        try {
          lastSeq = Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw new IOException(seqFile + " does not hold an announce seq: '" + text + "'");
        }
      }
    }
    return lastSeq;
  }
}
