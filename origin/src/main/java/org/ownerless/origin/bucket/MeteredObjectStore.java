package org.ownerless.origin.bucket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Counts every upload and its bytes, by result, for {@code /metrics}. */
final class MeteredObjectStore implements ObjectStore {
  private final ObjectStore store;
  private final Counter ok;
  private final Counter failed;
  private final Counter bytes;

  MeteredObjectStore(ObjectStore store, MeterRegistry registry) {
    this.store = store;
    this.ok = Counter.builder("ownerless.bucket.uploads").tag("result", "ok")
        .description("objects written to the bucket").register(registry);
    this.failed = Counter.builder("ownerless.bucket.uploads").tag("result", "failed")
        .description("objects written to the bucket").register(registry);
    this.bytes = Counter.builder("ownerless.bucket.upload.bytes").baseUnit("bytes").register(registry);
  }

  @Override
  public void putBytes(String key, byte[] body, ObjectHeaders headers) throws IOException {
    count(body.length, () -> store.putBytes(key, body, headers));
  }

  @Override
  public void putFile(String key, Path file, ObjectHeaders headers) throws IOException {
    count(Files.size(file), () -> store.putFile(key, file, headers));
  }

  private interface Upload {
    void run() throws IOException;
  }

  private void count(long size, Upload upload) throws IOException {
    try {
      upload.run();
      ok.increment();
      bytes.increment(size);
    } catch (IOException | RuntimeException e) {
      failed.increment();
      throw e;
    }
  }

  @Override
  public long sizeOf(String key) throws IOException {
    return store.sizeOf(key);
  }

  @Override
  public void close() {
    store.close();
  }
}
