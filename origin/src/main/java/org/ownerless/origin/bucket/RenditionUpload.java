package org.ownerless.origin.bucket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import org.ownerless.origin.verify.MediaPlaylistText;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.InitSection;
import org.ownerless.protocol.model.ManifestRoot;
import org.ownerless.protocol.model.SegmentEntry;
import org.ownerless.protocol.signing.SignedObject;
import org.ownerless.protocol.verify.RootTracker;

/**
 * Brings one rendition's objects in the bucket up to its files on disk, in the order that keeps a
 * reader of the bucket consistent (as the manifest service does on disk): the init sections and
 * segments the manifest and playlist name → the roots a verifier may walk to close a gap → {@code roots/N.json} and
 * {@code manifest.json} → only then {@code index.m3u8}.
 *
 * <p>Only the current state is sent. Segments that left the window while the bucket was unreachable
 * are skipped (no reader of the live stream asks for them; once the stream ends its manifest lists the
 * whole log again and they are sent then), and of the playlists and manifests written meanwhile only
 * the newest goes up.
 */
final class RenditionUpload {
  /** A verifier walks at most this many intermediate roots. */
  static final int MAX_ROOTS_TO_WALK = RootTracker.MAX_GAP_FETCHES;

  private final ObjectStore store;
  private final Path dir;
  private final String rendition;
  private final String keyBase;
  private final UploadedVersions versions;
  private final UploadedSegments segments = new UploadedSegments();
  // Init sections (fMP4) sent, by uri; only those the current window names are remembered.
  private final Set<String> initsUploaded = new HashSet<>();
  private long lastRootUploaded = -1;

  /** @param keyBase the stream's key, e.g. {@code prefix/streams/PUB/NAME/} */
  RenditionUpload(ObjectStore store, Path dir, String keyBase, UploadedVersions versions) {
    this.store = store;
    this.dir = dir;
    this.rendition = dir.getFileName().toString();
    this.keyBase = keyBase;
    this.versions = versions;
  }

  /** One pass; throws on the first failed upload, leaving what is done recorded for the next pass. */
  void sync() throws IOException {
    // The playlist is read before the manifest: the manifest on disk is then at least as new as the
    // one this playlist was written after, so it covers every entry the playlist lists.
    byte[] playlist = readIfExists(dir.resolve(StreamLayout.MEDIA_PLAYLIST));
    byte[] manifest = withoutParts(readIfExists(dir.resolve(StreamLayout.MANIFEST)));
    if (manifest == null) {
      return;
    }
    String manifestKey = key(StreamLayout.MANIFEST);
    String playlistKey = key(StreamLayout.MEDIA_PLAYLIST);
    boolean manifestCurrent = versions.isCurrent(manifestKey, manifest);
    boolean playlistCurrent = playlist == null || versions.isCurrent(playlistKey, playlist);
    if (manifestCurrent && playlistCurrent) {
      return;
    }
    ManifestRoot root = parse(manifest);
    segments.observe(root.epoch(), root.treeSize());
    uploadInits(root);
    for (var e : segmentsNamed(root, playlist).entrySet()) {
      uploadSegment(e.getKey(), e.getValue());
    }
    if (!manifestCurrent) {
      uploadRootsUpTo(root);
      String rootFile = StreamLayout.root(root.epoch(), root.treeSize());
      store.putBytes(key(rootFile), manifest, headers(rootFile));
      store.putBytes(manifestKey, manifest, headers(StreamLayout.MANIFEST));
      versions.uploaded(manifestKey, manifest);
      lastRootUploaded = root.treeSize();
    }
    if (!playlistCurrent) {
      store.putBytes(playlistKey, playlist, headers(StreamLayout.MEDIA_PLAYLIST));
      versions.uploaded(playlistKey, playlist);
    }
  }

  /**
   * The bucket serves no LL-HLS parts (yet): a manifest that lists parts is replaced by the part-less
   * root of its size, {@code roots/E-N.json}, which the node wrote before it listed any part. So the
   * bucket never lists a part file it does not hold, and is written once per segment as before, not
   * once per part. Null when there is no manifest (or, unexpectedly, no such root: try again later).
   */
  private byte[] withoutParts(byte[] manifest) throws IOException {
    if (manifest == null) {
      return null;
    }
    ManifestRoot root = parse(manifest);
    return root.parts().isEmpty() ? manifest
        : readIfExists(dir.resolve(StreamLayout.root(root.epoch(), root.treeSize())));
  }

  /** Segments of the manifest's window and of the playlist, by index. */
  private TreeMap<Long, String> segmentsNamed(ManifestRoot root, byte[] playlist) {
    TreeMap<Long, String> named = new TreeMap<>();
    for (SegmentEntry e : root.window()) {
      named.put(e.index(), e.uri());
    }
    if (playlist != null) {
      try {
        for (MediaPlaylistText.Item item : MediaPlaylistText.parse(playlist).items()) {
          named.putIfAbsent(item.index(), item.uri());
        }
      } catch (IllegalArgumentException e) {
        // The node wrote it, so this is not expected; the manifest's window still names the segments.
      }
    }
    return named;
  }

  /**
   * The init sections the window names, before any segment or root that needs them. Their names
   * are their hashes, so one sent is never sent again while the window names it.
   */
  private void uploadInits(ManifestRoot root) throws IOException {
    Set<String> named = new HashSet<>();
    for (InitSection init : root.inits()) {
      named.add(init.uri());
      Path file = dir.resolve(init.uri());
      if (!initsUploaded.contains(init.uri()) && Files.exists(file)) {
        store.putFile(key(init.uri()), file, headers(init.uri()));
        initsUploaded.add(init.uri());
      }
    }
    initsUploaded.retainAll(named);
  }

  private void uploadSegment(long index, String uri) throws IOException {
    if (segments.contains(index) || uri.contains("/") || uri.contains("\\")) {
      return;
    }
    Path file = dir.resolve(uri);
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      return; // deleted by retention: nothing to send, and nobody can be sent it
    }
    String key = key(uri);
    if (!segments.mayPredateThisRun(index) || store.sizeOf(key) != size) {
      store.putFile(key, file, headers(uri));
    }
    segments.add(index);
  }

  /** Roots a verifier holding an older root walks through (size by size) to reach the new one. */
  private void uploadRootsUpTo(ManifestRoot root) throws IOException {
    long newest = root.treeSize();
    long from = lastRootUploaded >= 0 ? lastRootUploaded + 1
        : root.window().isEmpty() ? newest : root.window().get(0).index() + 1;
    from = Math.max(from, newest - MAX_ROOTS_TO_WALK);
    for (long size = Math.max(from, 1); size < newest; size++) {
      String rel = StreamLayout.root(root.epoch(), size);
      byte[] bytes = readIfExists(dir.resolve(rel));
      if (bytes != null) {
        store.putBytes(key(rel), bytes, headers(rel));
      }
      lastRootUploaded = size;
    }
  }

  private String key(String relative) {
    return keyBase + rendition + "/" + relative;
  }

  private ObjectHeaders headers(String relative) {
    return ObjectHeaders.forPath(rendition + "/" + relative);
  }

  private ManifestRoot parse(byte[] manifest) throws IOException {
    try {
      return ManifestRoot.fromSigned(SignedObject.parse(manifest));
    } catch (ProtocolException e) {
      throw new IOException(dir.resolve(StreamLayout.MANIFEST) + " is not a manifest: " + e.getMessage(), e);
    }
  }

  static byte[] readIfExists(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
