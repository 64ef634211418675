package org.ownerless.manifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamStatus;

/**
 * Signs and publishes a stream's STREAM_ANNOUNCE whenever something it states changes (status,
 * renditions) and before it expires. The seq is the issue time in milliseconds, bumped if needed so
 * it always grows, even across restarts within the same millisecond.
 */
final class AnnounceSigner {
  private final Signer signer;
  private final String name;
  private final ManifestConfig config;
  private final Path file;
  private long lastSeq;
  private long issuedAtMs;
  private StreamStatus status = StreamStatus.ENDED;
  private List<Rendition> renditions = List.of();

  AnnounceSigner(Signer signer, String name, ManifestConfig config, Path file) {
    this.signer = signer;
    this.name = name;
    this.config = config;
    this.file = file;
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

  /** Re-signs once half the validity has passed, so a published announce never expires. */
  synchronized void refreshIfDue(long nowMs) throws IOException {
    if (issuedAtMs > 0 && nowMs - issuedAtMs >= config.announceTtl().toMillis() / 2) {
      sign();
    }
  }

  synchronized StreamStatus status() {
    return status;
  }

  private void sign() throws IOException {
    long now = System.currentTimeMillis();
    long seq = Math.max(now, lastSeq + 1);
    StreamAnnounce a = new StreamAnnounce(signer.publicKey(), name, config.title(), seq, now,
        now + config.announceTtl().toMillis(), status, config.latency(), renditions, config.origins(),
        config.trackers(), config.tips());
    AtomicFiles.write(file, a.sign(signer).toCanonicalBytes());
    lastSeq = seq;
    issuedAtMs = now;
  }
}
