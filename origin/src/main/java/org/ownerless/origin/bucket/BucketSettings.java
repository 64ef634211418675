package org.ownerless.origin.bucket;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Where and how to publish a stream to an S3-compatible bucket.
 *
 * <p>Objects are laid out exactly like the origin's URLs, below an optional prefix:
 * {@code [prefix/]streams/PUB/NAME/...}; so {@code publicUrl} (the bucket's plain HTTP address of that
 * prefix) is an origin base URL and goes into the signed announce as a hint.
 *
 * @param endpoint the S3 API endpoint, e.g. {@code https://s3.eu-west-1.amazonaws.com} or a MinIO URL
 * @param prefix key prefix without leading or trailing slash; empty for the bucket's root
 * @param accessKeyId the S3 access key id
 * @param secretAccessKey the S3 secret; never printed (see {@link #toString()})
 * @param publicUrl base URL viewers read the bucket from, ending with '/'
 */
public record BucketSettings(URI endpoint, String region, String bucket, String prefix, String accessKeyId,
    String secretAccessKey, String publicUrl) {

  public static final String DEFAULT_REGION = "us-east-1";
  // S3's rules for new bucket names: 3-63 of lowercase letters, digits, dots and hyphens.
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern PREFIX_PART = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

  public BucketSettings {
    requireHttpUrl("--bucket-endpoint", endpoint);
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("--bucket-region '" + region + "' is not a region name (e.g. us-east-1)");
    }
    if (!BUCKET_NAME.matcher(bucket).matches()) {
      throw new IllegalArgumentException("--bucket '" + bucket
          + "' is not a valid bucket name (3-63 lowercase letters, digits, dots, hyphens)");
    }
    for (String part : prefix.isEmpty() ? new String[0] : prefix.split("/", -1)) {
      if (!PREFIX_PART.matcher(part).matches() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException("--bucket-prefix '" + prefix
            + "' must be path segments of letters, digits, '.', '_', '-' separated by '/'");
      }
    }
    if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
      throw new IllegalArgumentException("bucket credentials missing: set AWS_ACCESS_KEY_ID and "
          + "AWS_SECRET_ACCESS_KEY in the environment (or bucketAccessKey and bucketSecretKey in the config file)");
    }
    requireHttpUrl("--bucket-public-url", URI.create(publicUrl));
    if (!publicUrl.endsWith("/")) {
      throw new IllegalArgumentException("--bucket-public-url must end with '/'");
    }
  }

  /**
   * Settings from user input: trims slashes off the prefix, defaults the region, and defaults the
   * public URL to the path-style address of the prefix ({@code ENDPOINT/BUCKET/PREFIX/}).
   *
   * @throws IllegalArgumentException with a message naming the bad flag
   */
  public static BucketSettings of(String endpoint, String region, String bucket, String prefix, String accessKeyId,
      String secretAccessKey, String publicUrl) {
    URI uri = parseUrl("--bucket-endpoint", endpoint);
    String cleanPrefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
    String base = publicUrl;
    if (base == null) {
      String e = uri.toString().replaceAll("/+$", "");
      base = e + "/" + bucket + "/" + (cleanPrefix.isEmpty() ? "" : cleanPrefix + "/");
    } else {
      parseUrl("--bucket-public-url", base);
      base = base.endsWith("/") ? base : base + "/";
    }
    return new BucketSettings(uri, region == null ? DEFAULT_REGION : region, bucket, cleanPrefix, accessKeyId,
        secretAccessKey, base);
  }

  /** The object key of a path relative to the prefix, e.g. {@code streams/PUB/NAME/announce.json}. */
  public String key(String relative) {
    return prefix.isEmpty() ? relative : prefix + "/" + relative;
  }

  private static URI parseUrl(String flag, String text) {
    try {
      URI uri = new URI(text);
      requireHttpUrl(flag, uri);
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(flag + " '" + text + "' is not a URL");
    }
  }

  private static void requireHttpUrl(String flag, URI uri) {
    if (uri == null || uri.getHost() == null || uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(flag + " must be an http:// or https:// URL, not '" + uri + "'");
    }
  }

  /** Never shows the secret: settings end up in logs and error messages. */
  @Override
  public String toString() {
    return "BucketSettings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
        + ", accessKeyId=" + accessKeyId + ", secretAccessKey=(hidden), publicUrl=" + publicUrl + "]";
  }
}
