package org.ownerless.origin.http;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Bodies of small files (playlists, manifests, announces) kept in memory, so the requests that come
 * thousands of times a second cost one stat instead of an open, a read and a close.
 *
 * <p>An entry is used only while the stat taken for the request still shows the same file: same
 * file key (device and inode), size and modification time to the nanosecond. The node replaces
 * these files by atomic rename, which always makes a new inode, so a changed file can never match
 * an old entry; the ETag is made of the same three facts, so the cache is never staler than the
 * validator the response carries. Bounded in bytes; emptied when full (a stream's small files are
 * back after one request each).
 */
final class SmallFileCache {
  /** The largest body kept. */
  static final int MAX_FILE = StaticFileRoute.SMALL_FILE;

  private record Entry(Object fileKey, long size, long modifiedNanos, byte[] body, FileHeaders headers) {
    boolean matches(BasicFileAttributes attrs) {
      return size == attrs.size() && modifiedNanos == attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS)
          && fileKey.equals(attrs.fileKey());
    }
  }

  /** A cached body and the headers worked out for it. */
  record Hit(byte[] body, FileHeaders headers) {}

  private final long maxBytes;
  private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();
  private long bytes; // guarded by this; reads go without the lock

  SmallFileCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The body of {@code file} if the cached copy is the version {@code attrs} describes, else null. */
  Hit get(Path file, BasicFileAttributes attrs) {
    Entry e = entries.get(file);
    return e != null && e.matches(attrs) ? new Hit(e.body, e.headers) : null;
  }

  /**
   * Remembers {@code body} as the content of {@code file} in the version {@code attrs} describes.
   * The caller must have checked that the file still had those attributes after reading it.
   */
  synchronized void put(Path file, BasicFileAttributes attrs, byte[] body, FileHeaders headers) {
    Object key = attrs.fileKey();
    if (key == null || body.length > MAX_FILE || body.length != attrs.size()) {
      return; // no inode to tell versions apart, or not the body these attributes describe
    }
    if (bytes + body.length > maxBytes) {
      entries.clear();
      bytes = 0;
    }
    Entry old = entries.put(file, new Entry(key, attrs.size(),
        attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), body, headers));
    bytes += body.length - (old == null ? 0 : old.body.length);
  }

  synchronized long bytes() {
    return bytes;
  }
}
