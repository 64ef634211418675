package org.ownerless.origin.http;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * Strong ETags for files, and the If-None-Match comparison.
 *
 * <p>The tag is size + modification time in nanoseconds + the file key (device/inode). Files are
 * replaced by atomic rename, which always yields a new inode, so even two writes within one clock
 * tick with equal sizes get different tags.
 */
final class EntityTags {
  private EntityTags() {}

  static String of(BasicFileAttributes attrs) {
    StringBuilder tag = new StringBuilder("\"")
        .append(Long.toHexString(attrs.size()))
        .append('-')
        .append(Long.toHexString(attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
    Object key = attrs.fileKey();
    if (key != null) {
      tag.append('-').append(Integer.toHexString(key.hashCode()));
    }
    return tag.append('"').toString();
  }

  /** RFC 9110 §13.1.2: If-None-Match uses the weak comparison, so a {@code W/} prefix is ignored. */
  static boolean noneMatchHits(String ifNoneMatch, String etag) {
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*")) {
        return true;
      }
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
