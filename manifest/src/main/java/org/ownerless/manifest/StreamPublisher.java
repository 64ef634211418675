package org.ownerless.manifest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.layout.MasterPlaylist;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.LogHead;
import org.ownerless.protocol.model.PartEntry;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamId;
import org.ownerless.protocol.model.StreamStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a node publishes for one stream: the announce, the master playlist and each
 * rendition's signed log. Opening it after a crash picks every log up where it stopped, same
 * epoch, same hashes; the first segment after that is marked as a discontinuity.
 */
final class StreamPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StreamPublisher.class);

  private final Signer signer;
  private final StreamId id;
  private final ManifestConfig config;
  private final SigningClock clock;
  private final Path servedDir;
  private final Path stateDir;
  private final long epoch;
  private final AnnounceSigner announce;
  // Concurrent: the announce reads the logs' sizes under its own lock, never under this publisher's.
  private final Map<String, RenditionPublisher> renditions = new ConcurrentHashMap<>();
  private final Set<String> resumed = new HashSet<>();
  private boolean ended = true;

  StreamPublisher(Signer signer, String name, ManifestConfig config, SigningClock clock) throws IOException {
    this.signer = signer;
    this.clock = clock;
    this.id = new StreamId(signer.publicKey(), name);
    this.config = config;
    this.servedDir = config.dataDir().resolve(id.path());
    this.stateDir = config.stateDir().resolve(name);
    this.epoch = new EpochStore(stateDir).open(config.newEpoch());
    this.announce = new AnnounceSigner(signer, name, config, servedDir.resolve(StreamLayout.ANNOUNCE),
        stateDir.resolve(AnnounceSigner.SEQ_FILE), this::logHeads, clock);
    reopenLogs();
    announce.update(StreamStatus.ENDED, List.of());
  }

  StreamId id() {
    return id;
  }

  long epoch() {
    return epoch;
  }

  /** Logs of this epoch found on disk: continue them, and republish their roots and playlists. */
  private void reopenLogs() throws IOException {
    if (!Files.isDirectory(stateDir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(stateDir, "*-e" + epoch + ".log")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        String rendition = name.substring(0, name.length() - ("-e" + epoch + ".log").length());
        RenditionPublisher p = open(rendition);
        if (p.size() > 0) {
          resumed.add(rendition);
          log.info("{}/{}: continuing log of epoch {} at size {}", id.name(), rendition, epoch, p.size());
        }
        p.republish(false);
      }
    }
  }

  private RenditionPublisher open(String rendition) throws IOException {
    RenditionPublisher p = renditions.get(rendition);
    if (p == null) {
      Path dir = servedDir.resolve(rendition);
      p = new RenditionPublisher(signer, id.name(), dir, config, RenditionLog.open(stateDir, rendition, epoch),
          EpochLinks.of(stateDir, dir, rendition, epoch), clock);
      renditions.put(rendition, p);
    }
    return p;
  }

  /**
   * Each announced rendition's log as published: what the announce signs as the stream's freshness.
   * The published size, not the log's: an entry whose root could not be written yet would make
   * every reader call the genuine newest root stale.
   */
  private List<LogHead> logHeads(List<Rendition> announced) {
    List<LogHead> heads = new ArrayList<>();
    for (Rendition r : announced) {
      RenditionPublisher p = renditions.get(r.name());
      heads.add(new LogHead(r.name(), epoch, p == null ? 0 : p.publishedSize()));
    }
    return heads;
  }

  synchronized void onRenditions(List<SelectedRendition> selected) throws IOException {
    List<Rendition> announced = new ArrayList<>();
    for (SelectedRendition r : selected) {
      open(r.name());
      announced.add(r.toRendition());
    }
    AtomicFiles.publishString(servedDir.resolve(StreamLayout.MASTER_PLAYLIST), MasterPlaylist.render(announced));
    announce.renditions(announced);
  }

  SegmentEntry onSegment(String rendition, Path file, Path initFile, long durationUs, boolean discontinuity)
      throws IOException {
    RenditionPublisher p;
    boolean afterRestart;
    synchronized (this) {
      p = open(rendition);
      afterRestart = resumed.remove(rendition);
      if (ended) {
        live();
      }
    }
    return p.add(file, initFile, durationUs, discontinuity || afterRestart);
  }

  /** A part of {@code rendition}'s segment in progress (LL-HLS); empty when it was not listed. */
  Optional<PartEntry> onPart(String rendition, byte[] bytes, Path initFile, long durationUs, boolean independent,
      int index) throws IOException {
    RenditionPublisher p;
    synchronized (this) {
      if (ended) {
        return Optional.empty(); // the stream goes live with its next segment, not with a part
      }
      p = open(rendition);
    }
    return p.addPart(bytes, initFile, durationUs, independent, index);
  }

  synchronized void live() throws IOException {
    if (ended) {
      ended = false;
      for (RenditionPublisher p : renditions.values()) {
        p.republish(false);
      }
    }
    announce.status(StreamStatus.LIVE);
  }

  /** The publisher is gone for good: playlists get ENDLIST, manifests the whole log, the announce says so. */
  synchronized void end() throws IOException {
    if (ended) {
      return;
    }
    ended = true;
    for (RenditionPublisher p : renditions.values()) {
      p.republish(true);
    }
    announce.status(StreamStatus.ENDED);
    log.info("{}: stream ended", id.name());
  }

  synchronized boolean isEnded() {
    return ended;
  }

  /** True if the announce was due and has been signed and published again. */
  boolean refreshAnnounce() throws IOException {
    return announce.refreshIfDue();
  }

  /** Closes the logs without publishing an end: for a stream nobody watches (the warm-up's). */
  synchronized void discard() throws IOException {
    for (RenditionPublisher p : renditions.values()) {
      p.close();
    }
  }

  @Override
  public synchronized void close() throws IOException {
    end();
    for (RenditionPublisher p : renditions.values()) {
      p.close();
    }
  }
}
