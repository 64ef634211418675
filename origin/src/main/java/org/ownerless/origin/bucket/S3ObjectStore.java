package org.ownerless.origin.bucket;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3-compatible bucket through the AWS SDK: path-style addressing (MinIO, s3proxy, Ceph and AWS
 * all accept it), checksums only where the API requires them (several S3-compatible servers refuse
 * the SDK's newer default trailing checksums), short timeouts and at most one quick SDK retry: the
 * caller ({@link BucketPublisher}) retries with its own backoff and knows what is still worth sending.
 */
public final class S3ObjectStore implements ObjectStore {
  private final S3Client s3;
  private final String bucket;
  private final SecretScrubber scrubber;

  private S3ObjectStore(S3Client s3, String bucket, SecretScrubber scrubber) {
    this.s3 = s3;
    this.bucket = bucket;
    this.scrubber = scrubber;
  }

  public static S3ObjectStore open(BucketSettings settings) {
    S3Client client = S3Client.builder()
        .endpointOverride(settings.endpoint())
        .region(Region.of(settings.region()))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())))
        .httpClientBuilder(Apache5HttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(3))
            .socketTimeout(Duration.ofSeconds(20))
            .maxConnections(8))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o
            .apiCallAttemptTimeout(Duration.ofSeconds(30))
            .apiCallTimeout(Duration.ofSeconds(60))
            .retryStrategy(b -> b.maxAttempts(2)))
        .build();
    return new S3ObjectStore(client, settings.bucket(), new SecretScrubber(settings.secretAccessKey()));
  }

  @Override
  public void putBytes(String key, byte[] body, ObjectHeaders headers) throws IOException {
    put(key, headers, RequestBody.fromBytes(body));
  }

  @Override
  public void putFile(String key, Path file, ObjectHeaders headers) throws IOException {
    put(key, headers, RequestBody.fromFile(file));
  }

  private void put(String key, ObjectHeaders headers, RequestBody body) throws IOException {
    PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(key)
        .contentType(headers.contentType()).cacheControl(headers.cacheControl()).build();
    try {
      s3.putObject(request, body);
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause(); // the local file: its path, no credential
    } catch (RuntimeException e) { // the SDK's, or anything under it: only scrubbed text leaves the store
      throw failure("PUT " + key, e);
    }
  }

  @Override
  public long sizeOf(String key) throws IOException {
    try {
      return s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
    } catch (NoSuchKeyException e) {
      return -1;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return -1;
      }
      throw failure("HEAD " + key, e);
    } catch (RuntimeException e) {
      throw failure("HEAD " + key, e);
    }
  }

  /** One line: what failed and why (HTTP status and S3 error code, or the network error). */
  private BucketException failure(String what, RuntimeException e) {
    String why;
    if (e instanceof S3Exception s3e && s3e.awsErrorDetails() != null) {
      why = "HTTP " + s3e.statusCode() + " " + s3e.awsErrorDetails().errorCode();
    } else {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      why = root == e ? String.valueOf(e.getMessage()) : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
    return new BucketException(scrubber.scrub(what + " in bucket " + bucket + " failed: " + why));
  }

  @Override
  public void close() {
    s3.close();
  }
}
