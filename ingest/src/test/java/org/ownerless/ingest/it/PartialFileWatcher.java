package org.ownerless.ingest.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Plays a reader that polls the output tree as fast as it can: records every segment file's size
 * when first seen and every playlist entry whose file is missing, so a test can assert that no
 * reader ever saw a file still being written or a playlist ahead of its segments.
 */
final class PartialFileWatcher implements AutoCloseable {
  final List<String> problems = new CopyOnWriteArrayList<>();
  private final Map<Path, Long> firstSeenSize = new ConcurrentHashMap<>();
  private final Path root;
  private final Thread thread;
  private volatile boolean running = true;
  volatile int scans;

  PartialFileWatcher(Path root) {
    this.root = root;
    thread = new Thread(this::loop, "partial-file-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      scan();
      scans++;
    }
  }

  private void scan() {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith(".")) {
          continue; // temp files of atomic writes are invisible to HTTP serving
        }
        if (name.endsWith(".ts")) {
          long size = Files.size(p);
          Long first = firstSeenSize.putIfAbsent(p, size);
          if (first != null && first != size) {
            problems.add(p + " changed size from " + first + " to " + size);
          }
        } else if (name.equals("index.m3u8")) {
          for (String line : Files.readAllLines(p)) {
            if (!line.isEmpty() && !line.startsWith("#") && !Files.exists(p.resolveSibling(line))) {
              problems.add(p + " lists " + line + " before it exists");
            }
          }
        }
      }
    } catch (NoSuchFileException e) {
      // a temp file renamed while walking: fine
    } catch (IOException | java.io.UncheckedIOException e) {
      // same race, reported through the stream
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(2000);
  }
}
