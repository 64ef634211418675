package org.ownerless.app.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.Main;

/** Bad bucket settings stop `node` before it starts: one `error:` line, exit 2, never a secret echoed. */
class BucketFlagsTest {
  @TempDir Path dir;

  @Test
  void incompleteOrInvalidBucketSettingsAreOneClearLine() throws Exception {
    expectRefused("--bucket-endpoint and --bucket go together", "--bucket", "videos");
    expectRefused("--bucket-prefix, --bucket-region and --bucket-public-url need", "--bucket-prefix", "live");
    expectRefused("--bucket 'Bad_Name' is not a valid bucket name", "--bucket-endpoint", "http://127.0.0.1:9000",
        "--bucket", "Bad_Name");
    expectRefused("--bucket-endpoint must be an http:// or https:// URL", "--bucket-endpoint", "ftp://h",
        "--bucket", "videos");
    Path config = dir.resolve("node.yaml");
    Files.writeString(config, "bucketEndpoint: http://127.0.0.1:9000\nbucket: videos\nbucketAccessKey: id\n");
    Assumptions.assumeTrue(System.getenv("AWS_SECRET_ACCESS_KEY") == null, "a secret is set in the environment");
    expectRefused("bucket credentials missing: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", "--config",
        config.toString());
  }

  @Test
  void aSecretOnTheCommandLineIsRefusedWithoutBeingRepeated() {
    String out = expectRefused("bucket credentials are not taken on the command line", "--bucket-endpoint", "http://127.0.0.1:9000",
        "--bucket", "videos", "--bucket-secret-key", "cli-secret-5d4c3b2a");
    assertThat(out).doesNotContain("cli-secret-5d4c3b2a").contains("AWS_SECRET_ACCESS_KEY");
  }

  private String expectRefused(String message, String... flags) {
    List<String> args = new ArrayList<>(List.of("node", "--data", dir.toString()));
    args.addAll(List.of(flags));
    StringWriter out = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(out));
    assertThat(code).as(out.toString()).isEqualTo(2);
    assertThat(out.toString()).contains("error: " + message).doesNotContain("Exception");
    assertThat(out.toString().strip().lines().count()).as(out.toString()).isEqualTo(1);
    return out.toString();
  }
}
