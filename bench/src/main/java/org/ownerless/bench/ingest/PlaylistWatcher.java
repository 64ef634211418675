package org.ownerless.bench.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records when each segment first appears in a media playlist, polling every millisecond on its
 * own thread (a file-system watch would add its own, variable, delay).
 */
final class PlaylistWatcher implements AutoCloseable {
  final List<Long> appearedNanos = new ArrayList<>();
  private final Path playlist;
  final Thread thread;
  private volatile boolean running = true;

  PlaylistWatcher(Path playlist) {
    this.playlist = playlist;
    thread = new Thread(this::run, "playlist-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    Set<String> seen = new HashSet<>();
    while (running) {
      try {
        if (Files.exists(playlist)) {
          for (String line : Files.readAllLines(playlist)) {
            if (!line.isBlank() && !line.startsWith("#") && seen.add(line.trim())) {
              synchronized (this) {
                appearedNanos.add(System.nanoTime());
              }
            }
          }
        }
        Thread.sleep(1);
      } catch (IOException e) {
        // mid-rename: try again
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  synchronized List<Long> times() {
    return new ArrayList<>(appearedNanos);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(1000);
  }
}
