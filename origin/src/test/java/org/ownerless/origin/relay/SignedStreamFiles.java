package org.ownerless.origin.relay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.merkle.ConsistencyProof;
import org.ownerless.protocol.merkle.MerkleTree;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.Rendition;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamId;
import org.ownerless.protocol.model.StreamStatus;
import org.ownerless.protocol.model.TipTargets;

/**
 * A creator publishing a stream as files laid out like a node's data directory, in the node's
 * order (segment, roots/N.json, manifest.json, playlist), from synthetic segments: the upstream of
 * the relay unit tests, without ingest or ffmpeg. Window 15, playlist 10, as the node's defaults.
 */
final class SignedStreamFiles {
  static final int WINDOW = 15;

  private final class Log {
    final MerkleTree tree = new MerkleTree();
    final List<SegmentEntry> entries = new ArrayList<>();
    long published;
  }

  final Signer creator = Signer.generate();
  final Path streamsDir;
  final StreamId stream;
  final Path dir;
  private final List<String> renditions;
  private final Map<String, Log> logs = new HashMap<>();
  private final Random random = new Random(7);

  SignedStreamFiles(Path streamsDir, List<String> renditions) throws IOException {
    this.streamsDir = streamsDir;
    this.stream = new StreamId(creator.publicKey(), "show");
    this.dir = streamsDir.resolve(creator.publicKey().toBase64Url()).resolve("show");
    this.renditions = renditions;
    for (String r : renditions) {
      logs.put(r, new Log());
    }
    announce(StreamStatus.LIVE);
  }

  synchronized void announce(StreamStatus status) throws IOException {
    long now = System.currentTimeMillis();
    List<Rendition> list = new ArrayList<>();
    for (String r : renditions) {
      list.add(new Rendition(r, 400_000, 320, 180, "avc1.4d401f,mp4a.40.2"));
    }
    StreamAnnounce a = new StreamAnnounce(creator.publicKey(), "show", "relay test", now, now, now + 3_600_000,
        status, LatencyMode.NORMAL, list, List.of(), List.of(), TipTargets.NONE);
    write(dir.resolve("announce.json"), a.sign(creator).toCanonicalBytes());
  }

  /** Publishes the next segment of {@code rendition}; returns its entry. */
  synchronized SegmentEntry addSegment(String rendition) throws IOException {
    Log log = logs.get(rendition);
    byte[] bytes = new byte[1000 + random.nextInt(2000)];
    random.nextBytes(bytes);
    long index = log.entries.size();
    SegmentEntry e = new SegmentEntry(index, String.format("seg-1-%06d.ts", index), 2_000_000,
        Digest.sha256(bytes), bytes.length, index == 0);
    Path rdir = dir.resolve(rendition);
    write(rdir.resolve(e.uri()), bytes);
    log.entries.add(e);
    log.tree.append(e.leafHash());
    long size = log.tree.size();
    ConsistencyProof proof = log.published >= 1 ? log.tree.consistencyProof(log.published, size) : null;
    List<SegmentEntry> window = log.entries.subList(Math.max(0, log.entries.size() - WINDOW), log.entries.size());
    ManifestRoot root = new ManifestRoot(creator.publicKey(), "show", rendition, 1, size, log.tree.rootHash(),
        System.currentTimeMillis(), List.copyOf(window), proof);
    byte[] signed = root.sign(creator).toCanonicalBytes();
    write(rdir.resolve("roots").resolve(size + ".json"), signed);
    write(rdir.resolve("manifest.json"), signed);
    write(rdir.resolve("index.m3u8"), "#EXTM3U\n# the relay never reads this\n".getBytes(StandardCharsets.UTF_8));
    log.published = size;
    return e;
  }

  byte[] segment(String rendition, String uri) throws IOException {
    return Files.readAllBytes(dir.resolve(rendition).resolve(uri));
  }

  private static void write(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.write(temp, bytes);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
