package org.ownerless.ingest.transcode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last lines ffmpeg wrote to stderr, kept so a crash report can say why without unbounded logs. */
final class StderrTail {
  private final int capacity;
  private final ArrayDeque<String> lines = new ArrayDeque<>();

  StderrTail(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(String line) {
    if (lines.size() == capacity) {
      lines.removeFirst();
    }
    lines.addLast(line.length() > 500 ? line.substring(0, 500) + "…" : line);
  }

  synchronized List<String> lines() {
    return new ArrayList<>(lines);
  }
}
