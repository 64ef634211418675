package org.ownerless.manifest;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a rendition log's fdatasync beside its publishing thread, which signs the root covering the
 * entry meanwhile (the two take about the same half millisecond; done one after the other they were a
 * fifth of a segment's publishing time). Only the order "durable before published" is required, not
 * "durable before signed": a signature that never leaves the process commits to nothing.
 * At most {@link #THREADS} syncs run at once; beyond that the publishing thread syncs itself, as it
 * did before. Idle threads end after 30 s.
 */
final class LogSyncs {
  static final int THREADS = 8;
  private static final AtomicInteger NUMBER = new AtomicInteger();
  private static final ThreadPoolExecutor SYNCS = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS,
      new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "log-fdatasync-" + NUMBER.incrementAndGet());
        t.setDaemon(true);
        return t;
      }, new ThreadPoolExecutor.CallerRunsPolicy());

  private LogSyncs() {}

  /** Starts forcing what {@link RenditionLog#write} wrote to disk. */
  static Future<Void> start(RenditionLog log) {
    return SYNCS.submit(() -> {
      log.force();
      return null;
    });
  }

  /**
   * Waits for the sync, through interrupts too (nothing may be published or taken back while it
   * runs); rethrows its failure, after which the entry is no longer in the file.
   */
  static void await(Future<Void> sync) throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          sync.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof IOException io) {
            throw io;
          }
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          throw new IOException("the log could not be synced", cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
