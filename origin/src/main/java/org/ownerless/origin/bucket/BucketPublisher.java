package org.ownerless.origin.bucket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one stream's directory to a bucket, off the publishing thread.
 *
 * <p>The node's files on disk are the queue: the manifest service writes them in a consistent order,
 * and this publisher's worker brings the bucket up to them pass by pass ({@link StreamUpload}). The
 * publishing thread only drops a nudge into a one-slot queue ({@link #changed()}), which never blocks
 * and never grows; a pass also runs every second to pick up announce and master-playlist changes.
 * When uploads fail the worker retries with exponential backoff; what accumulates meanwhile is bounded
 * by construction (newest version per key, segments of the current window), so a long outage costs
 * neither memory nor ingest, and the bucket catches up to a consistent state when it is back.
 */
public final class BucketPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BucketPublisher.class);
  private static final long IDLE_PASS_MS = 1000;
  private static final int UPLOAD_THREADS = 4;

  private final ObjectStore store;
  private final StreamUpload upload;
  private final BucketHealth health;
  private final Backoff backoff;
  private final Counter failedPasses;
  private final BlockingQueue<Boolean> nudges = new ArrayBlockingQueue<>(1);
  private final CountDownLatch closeRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final ExecutorService uploaders;
  private final Thread worker;
  private volatile boolean closing;

  private BucketPublisher(ObjectStore store, String bucket, Path streamDir, String keyBase, MeterRegistry registry,
      Duration firstRetry, Duration maxRetry) {
    this.store = new MeteredObjectStore(store, registry);
    AtomicInteger n = new AtomicInteger();
    this.uploaders = Executors.newFixedThreadPool(UPLOAD_THREADS, r -> daemon(r, "bucket-upload-" + n.incrementAndGet()));
    this.upload = new StreamUpload(this.store, streamDir, keyBase.endsWith("/") ? keyBase : keyBase + "/", uploaders);
    this.health = new BucketHealth(bucket);
    this.backoff = new Backoff(firstRetry, maxRetry);
    this.failedPasses = Counter.builder("ownerless.bucket.sync.failures")
        .description("publishing passes that failed and were retried with backoff").register(registry);
    Gauge.builder("ownerless.bucket.up", health, h -> h.isUp() ? 1 : 0)
        .description("1 while the bucket takes uploads").register(registry);
    this.worker = daemon(this::run, "bucket-publisher");
  }

  /**
   * Starts publishing {@code streamDir} (a stream's {@code streams/PUB/NAME} directory) to keys below
   * {@code keyBase} (e.g. {@code prefix/streams/PUB/NAME/}). Closing the publisher closes the store.
   */
  public static BucketPublisher start(ObjectStore store, String bucket, Path streamDir, String keyBase,
      MeterRegistry registry) {
    return start(store, bucket, streamDir, keyBase, registry, Duration.ofSeconds(1), Duration.ofSeconds(15));
  }

  /** As {@link #start(ObjectStore, String, Path, String, MeterRegistry)} with explicit retry backoff bounds. */
  public static BucketPublisher start(ObjectStore store, String bucket, Path streamDir, String keyBase,
      MeterRegistry registry, Duration firstRetry, Duration maxRetry) {
    BucketPublisher p = new BucketPublisher(store, bucket, streamDir, keyBase, registry, firstRetry, maxRetry);
    p.worker.start();
    return p;
  }

  /** Something was published on disk: sync soon. Never blocks; nudges while one is pending merge. */
  public void changed() {
    nudges.offer(Boolean.TRUE);
  }

  public boolean isUp() {
    return health.isUp();
  }

  private void run() {
    try {
      for (;;) {
        boolean last = closing;
        try {
          upload.sync();
          health.succeeded();
          backoff.reset();
          if (last) {
            return;
          }
          nudges.poll(IDLE_PASS_MS, TimeUnit.MILLISECONDS);
        } catch (IOException | RuntimeException e) {
          failedPasses.increment();
          String reason = FailureReason.of(e);
          health.failed(reason);
          log.debug("bucket pass failed: {}", reason);
          if (last) {
            return;
          }
          // Closing cuts the wait short: one last attempt, bounded by close()'s deadline.
          closeRequested.await(backoff.nextDelayMs(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Error e) {
      log.error("bucket publisher stopped by an internal error ({}); the bucket is no longer updated",
          FailureReason.of(e));
      throw e;
    } finally {
      stopped.countDown();
    }
  }

  /**
   * Makes a last pass (so the bucket shows the stream's final state, e.g. ended), waiting at most
   * {@code flushWithin}, then stops.
   */
  public void close(Duration flushWithin) {
    closing = true;
    closeRequested.countDown();
    nudges.offer(Boolean.TRUE);
    try {
      if (!stopped.await(flushWithin.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("bucket: final upload pass not finished within {} s; the bucket may lag the node",
            flushWithin.toSeconds());
        worker.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.interrupt();
    }
    uploaders.shutdownNow();
    store.close();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
