package org.ownerless.origin.bucket;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.ownerless.protocol.layout.StreamLayout;

/**
 * One stream's directory ({@code streams/PUB/NAME} on disk) mirrored into the bucket. A pass first
 * brings every rendition up to date (in parallel: they are independent), then the master playlist
 * (its renditions' playlists are in place by then), and the announce last, so a reader that starts
 * from the announce finds everything it names.
 */
final class StreamUpload {
  private final ObjectStore store;
  private final Path streamDir;
  private final String keyBase;
  private final ExecutorService uploaders;
  private final UploadedVersions versions = new UploadedVersions();
  private final Map<String, RenditionUpload> renditions = new LinkedHashMap<>();

  /** @param keyBase the stream's key with a trailing slash, e.g. {@code prefix/streams/PUB/NAME/} */
  StreamUpload(ObjectStore store, Path streamDir, String keyBase, ExecutorService uploaders) {
    this.store = store;
    this.streamDir = streamDir;
    this.keyBase = keyBase;
    this.uploaders = uploaders;
  }

  void sync() throws IOException, InterruptedException {
    List<Future<?>> running = new ArrayList<>();
    for (RenditionUpload r : renditionsOnDisk()) {
      running.add(uploaders.submit(() -> {
        r.sync();
        return null;
      }));
    }
    IOException failed = null;
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failed == null) {
          failed = e.getCause() instanceof IOException io ? io : new IOException(e.getCause().toString(), e.getCause());
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
    uploadIfChanged(StreamLayout.MASTER_PLAYLIST);
    uploadIfChanged(StreamLayout.ANNOUNCE);
  }

  private List<RenditionUpload> renditionsOnDisk() throws IOException {
    if (!Files.isDirectory(streamDir)) {
      return List.of();
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(streamDir, Files::isDirectory)) {
      for (Path d : dirs) {
        renditions.computeIfAbsent(d.getFileName().toString(), n -> new RenditionUpload(store, d, keyBase, versions));
      }
    }
    return List.copyOf(renditions.values());
  }

  private void uploadIfChanged(String name) throws IOException {
    byte[] bytes = RenditionUpload.readIfExists(streamDir.resolve(name));
    String key = keyBase + name;
    if (bytes != null && !versions.isCurrent(key, bytes)) {
      store.putBytes(key, bytes, ObjectHeaders.forPath(name));
      versions.uploaded(key, bytes);
    }
  }
}
