package org.ownerless.origin.bucket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.ownerless.ingest.transcode.RenditionSpec;
import org.ownerless.ingest.transcode.PartReady;
import org.ownerless.ingest.transcode.SegmentReady;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.manifest.ManifestConfig;
import org.ownerless.manifest.ManifestService;
import org.ownerless.protocol.crypto.Signer;
import org.ownerless.protocol.model.StreamId;

/**
 * A stream signed and written to disk by the real manifest service, from small random segments of two
 * renditions; each published segment nudges whatever listens (the bucket publisher under test).
 */
final class PublishedStream implements AutoCloseable {
  static final List<String> RENDITIONS = List.of("src", "180p");
  final Signer creator = Signer.generate();
  final Path data;
  final StreamId id;
  private final ManifestService service;
  private final Random random = new Random(7);
  private volatile Runnable onPublished = () -> {};
  private int next;

  PublishedStream(Path data) throws IOException {
    this.data = data;
    service = new ManifestService(creator, ManifestConfig.defaults(data), (s, r, e, n, c) -> onPublished.run());
    id = service.open("show");
    service.onRenditions("show", List.of(
        new SelectedRendition(RenditionSpec.sourceCopy(), 640, 360, "avc1.64001e,mp4a.40.2", 2_000_000),
        new SelectedRendition(new RenditionSpec("180p", 180, 300, 64), 320, 180, "avc1.4d401f,mp4a.40.2", 400_000)));
    service.onPublisherChange("show", true);
  }

  void onPublished(Runnable r) {
    onPublished = r;
  }

  /** The stream's directory on disk, {@code DATA/streams/PUB/NAME}. */
  Path dir() {
    return data.resolve(id.path());
  }

  /** Publishes one more segment in every rendition. */
  void addSegment() throws IOException {
    for (String r : RENDITIONS) {
      Path staged = Files.createTempFile(data, "staged-", ".ts");
      byte[] bytes = new byte[3000 + random.nextInt(3000)];
      random.nextBytes(bytes);
      Files.write(staged, bytes);
      service.onSegment("show", new SegmentReady(r, staged, next * 2.0, next * 2.0 + 2.0, 1), false);
    }
    next++;
  }

  /**
   * Publishes LL-HLS part {@code index} of the segment in progress in every rendition (local
   * manifest.json then lists it), and nudges the listener as a segment would.
   */
  void addPart(int index) {
    for (String r : RENDITIONS) {
      byte[] bytes = new byte[500 + random.nextInt(500)];
      random.nextBytes(bytes);
      service.onPart("show", new PartReady(r, bytes, 500_000, index == 0, next, index, 1, null));
    }
    onPublished.run();
  }

  int segments() {
    return next;
  }

  /** The publisher leaves for good: playlists get ENDLIST, the announce says ended. */
  @Override
  public void close() {
    service.close();
  }
}
