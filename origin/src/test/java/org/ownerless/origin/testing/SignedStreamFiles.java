package org.ownerless.origin.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.io.AtomicFiles;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.merkle.ConsistencyProof;
import org.ownerless.protocol.merkle.MerkleTree;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.LogHead;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.PartEntry;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamId;
import org.ownerless.protocol.model.StreamStatus;
import org.ownerless.protocol.model.TipTargets;

/**
 * A creator publishing a stream as files laid out like a node's data directory, in the node's
 * order (segment, roots/E-N.json, manifest.json, playlist), from synthetic segments: the upstream of
 * the relay and follower unit tests, without ingest or ffmpeg. Window 15, playlist 10, as the node's defaults.
 */
public final class SignedStreamFiles {
  public static final int WINDOW = 15;

  private final class Log {
    final MerkleTree tree = new MerkleTree();
    final List<SegmentEntry> entries = new ArrayList<>();
    long published;
    ManifestRoot newest;
    final List<PartEntry> parts = new ArrayList<>();
  }

  public final Signer creator = Signer.generate();
  public final Path streamsDir;
  public final StreamId stream;
  public final Path dir;
  /** The creator's clock, read for each root's timeMs (a test may set it back to sign old roots). */
  public volatile LongSupplier clock = System::currentTimeMillis;
  private final List<String> renditions;
  private final Map<String, Log> logs = new HashMap<>();
  private final Random random = new Random(7);

  public SignedStreamFiles(Path streamsDir, List<String> renditions) throws IOException {
    this.streamsDir = streamsDir;
    this.stream = new StreamId(creator.publicKey(), "show");
    this.dir = streamsDir.resolve(creator.publicKey().toBase64Url()).resolve("show");
    this.renditions = renditions;
    for (String r : renditions) {
      logs.put(r, new Log());
    }
    announce(StreamStatus.LIVE);
  }

  public void announce(StreamStatus status) throws IOException {
    announce(status, System.currentTimeMillis(), Duration.ofHours(1));
  }

  /** Signs an announce issued at {@code issuedMs} (its seq too) and valid for {@code ttl}. */
  public synchronized void announce(StreamStatus status, long issuedMs, Duration ttl) throws IOException {
    if (status == StreamStatus.ENDED) {
      endPlaylists(); // as the node: ENDLIST playlists listing the whole window before the ended announce
    }
    long now = issuedMs;
    List<Rendition> list = new ArrayList<>();
    for (String r : renditions) {
      list.add(new Rendition(r, 400_000, 320, 180, "avc1.4d401f,mp4a.40.2"));
    }
    // As a node signs it: each rendition's published size, so a mirror serving older roots is stale.
    List<LogHead> heads = new ArrayList<>();
    for (String r : renditions) {
      if (logs.get(r).published > 0) {
        heads.add(new LogHead(r, 1, logs.get(r).published));
      }
    }
    StreamAnnounce a = new StreamAnnounce(creator.publicKey(), "show", "relay test", now, now, now + ttl.toMillis(),
        status, LatencyMode.NORMAL, list, List.of(), List.of(), TipTargets.NONE, heads);
    AtomicFiles.publish(dir.resolve(StreamLayout.ANNOUNCE), a.sign(creator).toCanonicalBytes());
  }

  /** Publishes the next segment of {@code rendition}; returns its entry. */
  public synchronized SegmentEntry addSegment(String rendition) throws IOException {
    Log log = logs.get(rendition);
    byte[] bytes = new byte[1000 + random.nextInt(2000)];
    random.nextBytes(bytes);
    long index = log.entries.size();
    SegmentEntry e = new SegmentEntry(index, StreamLayout.segment(1, index), 2_000_000,
        Digest.sha256(bytes), bytes.length, index == 0);
    Path rdir = dir.resolve(rendition);
    AtomicFiles.publish(rdir.resolve(e.uri()), bytes);
    log.entries.add(e);
    log.tree.append(e.leafHash());
    long size = log.tree.size();
    ConsistencyProof proof = log.published >= 1 ? log.tree.consistencyProof(log.published, size) : null;
    List<SegmentEntry> window = log.entries.subList(Math.max(0, log.entries.size() - WINDOW), log.entries.size());
    ManifestRoot root = ManifestRoot.ofTree(creator.publicKey(), "show", rendition, 1, log.tree, size,
        clock.getAsLong(), List.copyOf(window), null, proof);
    byte[] signed = root.sign(creator).toCanonicalBytes();
    AtomicFiles.publish(rdir.resolve(StreamLayout.root(1, size)), signed);
    AtomicFiles.publish(rdir.resolve(StreamLayout.MANIFEST), signed);
    AtomicFiles.publish(rdir.resolve(StreamLayout.MEDIA_PLAYLIST),
        "#EXTM3U\n# the relay never reads this\n".getBytes(StandardCharsets.UTF_8));
    log.published = size;
    log.newest = root;
    log.parts.clear();
    return e;
  }

  /**
   * Publishes the next LL-HLS part of {@code rendition}'s segment in progress as a node does: the part
   * file, then a root of the current size listing the parts so far, as manifest.json only (roots/E-N.json
   * stays part-less). Needs a segment published first.
   */
  public synchronized PartEntry addPart(String rendition) throws IOException {
    Log log = logs.get(rendition);
    byte[] bytes = new byte[500 + random.nextInt(500)];
    random.nextBytes(bytes);
    PartEntry p = new PartEntry(StreamLayout.part(1, log.tree.size(), log.parts.size()), 500_000,
        Digest.sha256(bytes), bytes.length, log.parts.isEmpty());
    Path rdir = dir.resolve(rendition);
    AtomicFiles.publish(rdir.resolve(p.uri()), bytes);
    log.parts.add(p);
    AtomicFiles.publish(rdir.resolve(StreamLayout.MANIFEST),
        log.newest.withParts(log.parts).sign(creator).toCanonicalBytes());
    return p;
  }

  private void endPlaylists() throws IOException {
    for (String r : renditions) {
      List<SegmentEntry> entries = logs.get(r).entries;
      List<SegmentEntry> window = entries.subList(Math.max(0, entries.size() - WINDOW), entries.size());
      StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:"
          + (window.isEmpty() ? 0 : window.get(0).index()) + "\n");
      for (SegmentEntry e : window) {
        m3u8.append(e.discontinuity() ? "#EXT-X-DISCONTINUITY\n" : "").append("#EXTINF:")
            .append(org.ownerless.protocol.layout.MediaPlaylist.formatDuration(e.durationUs())).append(",\n")
            .append(e.uri()).append('\n');
      }
      m3u8.append("#EXT-X-ENDLIST\n");
      AtomicFiles.publish(dir.resolve(r).resolve(StreamLayout.MEDIA_PLAYLIST),
          m3u8.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  public byte[] segment(String rendition, String uri) throws IOException {
    return Files.readAllBytes(dir.resolve(rendition).resolve(uri));
  }
}
