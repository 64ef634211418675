package org.ownerless.app.cli;

import java.util.Map;
import org.ownerless.app.UserError;
import org.ownerless.app.options.ServerUrls;
import org.ownerless.origin.bucket.BucketSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `node`'s flags for also publishing the stream to an S3-compatible bucket. */
final class BucketOptions {
  static final String ACCESS_KEY = "--bucket-access-key";
  static final String SECRET_KEY = "--bucket-secret-key";

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Option(names = "--bucket-endpoint", paramLabel = "URL",
      description = "S3 API endpoint of a bucket to publish the stream to as well (AWS, MinIO, any S3-compatible store).")
  String endpoint;

  @Option(names = "--bucket", paramLabel = "NAME", description = "Bucket to publish to (with --bucket-endpoint); "
      + "credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the config file, never from flags.")
  String bucket;

  @Option(names = "--bucket-prefix", paramLabel = "P", description = "Key prefix in the bucket (default: none).")
  String prefix;

  @Option(names = "--bucket-region", paramLabel = "R", description = "Bucket region (default: us-east-1).")
  String region;

  @Option(names = "--bucket-public-url", paramLabel = "URL", description = "The bucket (prefix) as viewers reach it, "
      + "listed as an origin in the announce (default: ENDPOINT/BUCKET/PREFIX/).")
  String publicUrl;

  // Config-file keys only (bucketAccessKey, bucketSecretKey): declared as hidden options so the file
  // reaches them like every other setting. A secret on the command line ends up in shell history and
  // `ps`, so there they are refused, with the way to pass them.
  @Option(names = ACCESS_KEY, hidden = true, paramLabel = "KEY",
      description = "Bucket access key, config file only (default: $AWS_ACCESS_KEY_ID).")
  String accessKey;

  @Option(names = SECRET_KEY, hidden = true, paramLabel = "KEY",
      description = "Bucket secret key, config file only (default: $AWS_SECRET_ACCESS_KEY).")
  String secretKey;

  /** The bucket to publish to, or null; credentials from the config file, else {@code env}. */
  BucketSettings settings(Map<String, String> env) {
    if (onCommandLine(ACCESS_KEY) || onCommandLine(SECRET_KEY)) {
      throw new UserError("bucket credentials are not taken on the command line (they would show in `ps` and shell "
          + "history): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or bucketAccessKey and bucketSecretKey in --config");
    }
    if (endpoint == null && bucket == null) {
      if (prefix != null || region != null || publicUrl != null) {
        throw new UserError("--bucket-prefix, --bucket-region and --bucket-public-url need --bucket-endpoint and --bucket");
      }
      return null;
    }
    if (endpoint == null || bucket == null) {
      throw new UserError("--bucket-endpoint and --bucket go together");
    }
    try {
      return BucketSettings.of(endpoint, region, bucket, prefix,
          accessKey != null ? accessKey : env.get("AWS_ACCESS_KEY_ID"),
          secretKey != null ? secretKey : env.get("AWS_SECRET_ACCESS_KEY"),
          // A base URL like every other: https://cdn.example/show gets its slash rather than an error.
          publicUrl == null ? null : ServerUrls.base("--bucket-public-url", publicUrl, ServerUrls.HTTP));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private boolean onCommandLine(String option) {
    return command != null && command.commandLine() != null && command.commandLine().getParseResult() != null
        && command.commandLine().getParseResult().hasMatchedOption(option);
  }
}
