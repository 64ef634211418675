package org.ownerless.origin.bucket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the bucket takes our uploads, logged once per change (not once per failed request, which
 * during an outage would flood the log).
 */
final class BucketHealth {
  private static final Logger log = LoggerFactory.getLogger(BucketHealth.class);
  private final String bucket;
  private volatile boolean up = true;
  private volatile long failingSinceMs;

  BucketHealth(String bucket) {
    this.bucket = bucket;
  }

  void succeeded() {
    if (!up) {
      up = true;
      log.info("bucket {}: reachable again after {} s; uploads caught up", bucket,
          (System.currentTimeMillis() - failingSinceMs) / 1000);
    }
  }

  void failed(String reason) {
    if (up) {
      up = false;
      failingSinceMs = System.currentTimeMillis();
      log.warn("bucket {}: uploads failing ({}); retrying with backoff, the node keeps serving meanwhile",
          bucket, reason);
    }
  }

  boolean isUp() {
    return up;
  }
}
