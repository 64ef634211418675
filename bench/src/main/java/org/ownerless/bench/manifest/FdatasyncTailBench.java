package org.ownerless.bench.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * The floor under the publishing target: how long this machine's disk takes to fdatasync one
 * appended log record (the publishing path forces one per segment per rendition), with a second
 * thread renaming small files over each other as the playlist and manifest writes do. Records are
 * written to a fresh file, either appended (the log as it is) or over zeros already on disk
 * ({@code preallocated}: no size or extent change, so no journal commit is needed).
 * Usage: {@code java -cp bench/target/benchmarks.jar org.ownerless.bench.manifest.FdatasyncTailBench [SYNCS] [DIR]}
 */
public final class FdatasyncTailBench {
  private static final int RECORD = 102; // a length-tagged fMP4 record of the segment log

  public static void main(String[] args) throws Exception {
    int syncs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path parent = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
    for (boolean preallocated : new boolean[] {false, true}) {
      Path dir = Files.createTempDirectory(parent, "fdatasync-tail-");
      try {
        long[] nanos = run(dir, syncs, preallocated);
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-12s %d syncs: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n",
            preallocated ? "preallocated" : "appended", syncs, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99),
            nanos[nanos.length - 1] / 1e6);
      } finally {
        try (var files = Files.list(dir)) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
        }
        Files.deleteIfExists(dir);
      }
    }
  }

  private static long[] run(Path dir, int syncs, boolean preallocated) throws Exception {
    Thread renames = new Thread(() -> renameLoop(dir), "renames");
    renames.setDaemon(true);
    long[] nanos = new long[syncs];
    try (FileChannel log = FileChannel.open(dir.resolve("log"), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      if (preallocated) {
        log.write(ByteBuffer.allocate(RECORD * syncs), 0);
        log.force(true);
      }
      renames.start();
      for (int i = 0; i < syncs; i++) {
        log.write(ByteBuffer.allocate(RECORD).put(0, (byte) (RECORD - 5)), (long) i * RECORD);
        long start = System.nanoTime();
        log.force(false);
        nanos[i] = System.nanoTime() - start;
        Thread.sleep(5);
      }
    } finally {
      renames.interrupt();
      renames.join();
    }
    return nanos;
  }

  /** A 2 KB file written beside and renamed over the last, every 3 ms, until interrupted. */
  private static void renameLoop(Path dir) {
    try {
      for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
        Path temp = dir.resolve(".playlist-" + i);
        Files.write(temp, new byte[2000]);
        Files.move(temp, dir.resolve("index.m3u8"), StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(3);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      System.err.println("rename loop stopped: " + e.getMessage());
    }
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
  }
}
