package org.ownerless.origin.bucket;

import java.io.IOException;

/** A failed bucket operation, described in one line that never contains a credential. */
public final class BucketException extends IOException {
  public BucketException(String message) {
    super(message);
  }
}
