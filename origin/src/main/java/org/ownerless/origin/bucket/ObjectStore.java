package org.ownerless.origin.bucket;

import java.io.IOException;
import java.nio.file.Path;

/** The few object-storage operations publishing needs; an S3 bucket in production. */
public interface ObjectStore extends AutoCloseable {
  /** Writes an object whole; readers see the old or the new bytes, never a mix. */
  void putBytes(String key, byte[] body, ObjectHeaders headers) throws IOException;

  void putFile(String key, Path file, ObjectHeaders headers) throws IOException;

  /** The size of an object, or -1 if there is none. */
  long sizeOf(String key) throws IOException;

  @Override
  void close();
}
