package org.ownerless.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.app.Main;

/**
 * Files holding secrets that someone else wrote (a stored publish token, a config file with
 * credentials) are refused when other users may read them, as the creator key is: one line naming
 * the file, its mode and the fix. `node` is only checked here, never started.
 */
class SecretFilePermissionsTest {
  @TempDir Path dir;

  record Result(int code, String err) {}

  private Result check(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 3];
    all[0] = "node";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--ffmpeg";
    all[args.length + 2] = "/bin/sh"; // any executable: checking only looks that it exists
    int code = Main.check(all, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, err.toString());
  }

  private Path file(String name, String content, String mode) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    return f;
  }

  @Test
  void aStoredPublishTokenOthersCanReadIsRefusedWithTheFix() throws Exception {
    Path token = file("publish-token", "a-stored-token-1\n", "rw-r--r--");
    Result r = check("--data", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: " + token + ": publish token file is accessible to other users (rw-r--r--); "
        + "run: chmod 600 " + token + System.lineSeparator());
  }

  @Test
  void anOwnerOnlyStoredTokenIsAccepted() throws Exception {
    file("publish-token", "a-stored-token-1\n", "rw-------");
    assertThat(check("--data", dir.toString())).isEqualTo(new Result(0, ""));
  }

  @Test
  void aConfigFileHoldingTheBucketSecretThatTheGroupCanReadIsRefusedWithTheFix() throws Exception {
    Path config = file("node.yaml", "bucketEndpoint: http://127.0.0.1:9000\nbucket: videos\n"
        + "bucketAccessKey: id\nbucketSecretKey: s3cr3t-value\n", "rw-r-----");
    Result r = check("--config", config.toString(), "--data", dir.resolve("data").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: " + config + ": config file holding bucketSecretKey is accessible to other "
        + "users (rw-r-----); run: chmod 600 " + config + System.lineSeparator());
    assertThat(r.err()).doesNotContain("s3cr3t-value");
  }

  @Test
  void aConfigFileHoldingThePublishTokenThatOthersCanReadIsRefused() throws Exception {
    Path config = file("node.yaml", "publishToken: a-token-in-the-file\n", "rw-r--r--");
    Result r = check("--config", config.toString(), "--data", dir.resolve("data").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("config file holding publishToken is accessible to other users (rw-r--r--)",
        "chmod 600 " + config).doesNotContain("a-token-in-the-file");
  }

  @Test
  void aConfigFileWithoutSecretsMayBeReadableByOthers() throws Exception {
    Path config = file("node.yaml", "title: Public settings\nhttpPort: 9090\n", "rw-r--r--");
    assertThat(check("--config", config.toString(), "--data", dir.resolve("data").toString()))
        .isEqualTo(new Result(0, ""));
  }
}
