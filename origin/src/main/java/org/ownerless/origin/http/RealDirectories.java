package org.ownerless.origin.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real paths of the directories files are served from, remembered: a stream has a handful of
 * directories but thousands of requests a second. Bounded; cleared when full. A directory the
 * operator replaces by a symlink after it was cached keeps its old real path until the cache is
 * cleared, which can only point inside the root, where it was resolved.
 */
final class RealDirectories {
  private static final int MAX = 4096;
  private final ConcurrentHashMap<Path, Path> cache = new ConcurrentHashMap<>();

  /** The real path of {@code dir}, or null if it does not exist or is not a directory. */
  Path resolve(Path dir) {
    Path known = cache.get(dir);
    if (known != null) {
      return known;
    }
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      return null;
    }
    if (!Files.isDirectory(real)) {
      return null; // a file used as a directory ("a.ts/x"): the lookup below would fail with ENOTDIR
    }
    if (cache.size() >= MAX) {
      cache.clear();
    }
    cache.put(dir, real);
    return real;
  }
}
