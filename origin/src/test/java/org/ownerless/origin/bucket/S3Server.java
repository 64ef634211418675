package org.ownerless.origin.bucket;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;

/**
 * A real S3 API server on loopback for tests: s3proxy in-process over an in-memory blob store.
 * Writes need AWS signatures with {@link #ACCESS_KEY}/{@link #SECRET_KEY}; every object is public-read
 * and CORS allows any origin, as a bucket serving a stream to browsers would be configured. It can be
 * stopped and started again on the same port with its content kept, to play an outage.
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-9f8e7d6c5b4a";
  public static final String BUCKET = "live-bucket";

  private final BlobStore blobs;
  private int port;
  private S3Proxy proxy;

  public S3Server() throws Exception {
    blobs = new PublicReadBlobStore(BlobStores.create("transient", new Properties()));
    blobs.createContainer(BUCKET);
    blobs.setContainerAccess(BUCKET, BucketCannedACL.PUBLIC_READ);
    start();
  }

  /** Starts serving (again), on the port of the first start. */
  public synchronized void start() throws Exception {
    if (proxy != null) {
      return;
    }
    S3Proxy p = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .corsRules(new CrossOriginResourceSharing()).stopTimeout(0).build();
    p.start();
    Awaitility.await("s3proxy started").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> "STARTED".equals(p.getState()));
    port = p.getPort();
    proxy = p;
  }

  /** Stops answering: connections are refused until {@link #start()}. */
  public synchronized void stop() throws Exception {
    if (proxy != null) {
      proxy.stop();
      proxy = null;
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The bucket's plain HTTP address (path style), ending with '/'. */
  public String bucketUrl() {
    return endpoint() + "/" + BUCKET + "/";
  }

  public BucketSettings settings(String prefix) {
    return BucketSettings.of(endpoint(), null, BUCKET, prefix, ACCESS_KEY, SECRET_KEY, null);
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
