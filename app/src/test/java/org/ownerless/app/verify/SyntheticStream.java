package org.ownerless.app.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.ownerless.ingest.transcode.RenditionSpec;
import org.ownerless.ingest.transcode.SegmentReady;
import org.ownerless.ingest.transcode.SelectedRendition;
import org.ownerless.manifest.ManifestConfig;
import org.ownerless.manifest.ManifestService;
import org.ownerless.manifest.PublishListener;
import org.ownerless.protocol.crypto.Signer;

/** A stream published by the real manifest service from synthetic segment files, for verifier and studio tests. */
public final class SyntheticStream implements AutoCloseable {
  public final Path data;
  public final ManifestService service;
  private final Random random = new Random(5);
  private int next;

  public SyntheticStream(Path data, Signer creator) throws IOException {
    this.data = data;
    service = new ManifestService(creator, ManifestConfig.defaults(data), PublishListener.NONE);
    service.open("show");
    service.onRenditions("show", List.of(
        new SelectedRendition(RenditionSpec.sourceCopy(), 640, 360, "avc1.64001e,mp4a.40.2", 2_000_000),
        new SelectedRendition(new RenditionSpec("180p", 180, 300, 64), 320, 180, "avc1.4d401f,mp4a.40.2", 400_000)));
    service.onPublisherChange("show", true);
  }

  public void addSegments(int count) throws IOException {
    for (int i = 0; i < count; i++, next++) {
      for (String r : List.of("src", "180p")) {
        Path staged = Files.createTempFile(data, "staged-", ".ts");
        byte[] bytes = new byte[2000 + random.nextInt(3000)];
        random.nextBytes(bytes);
        Files.write(staged, bytes);
        service.onSegment("show", new SegmentReady(r, staged, next * 2.0, next * 2.0 + 2.0, 1), false);
      }
    }
  }

  @Override
  public void close() {
    service.close();
  }
}
