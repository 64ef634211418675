package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.crypto.Signer;

/** The node's key and token: created owner-only on first start, the same ones on every start after. */
class NodeSecretsTest {
  @TempDir Path dir;

  @Test
  void aMissingKeyIsCreatedOwnerOnlyAndReusedOnRestart() throws Exception {
    Path keyFile = dir.resolve("data/creator.key");
    StringWriter err = new StringWriter();
    Signer first = NodeSecrets.creatorKey(keyFile, new PrintWriter(err));
    assertThat(err.toString()).contains("created a new creator identity in " + keyFile);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

    StringWriter again = new StringWriter();
    Signer second = NodeSecrets.creatorKey(keyFile, new PrintWriter(again));
    assertThat(second.publicKey()).isEqualTo(first.publicKey());
    assertThat(again.toString()).isEmpty();
  }

  @Test
  void aDamagedKeyIsRefusedAndLeftAlone() throws Exception {
    Path keyFile = dir.resolve("creator.key");
    Files.writeString(keyFile, "{\"type\":\"something else\"}");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> NodeSecrets.creatorKey(keyFile, new PrintWriter(new StringWriter())))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("not an ownerless secret key file");
    assertThat(Files.readString(keyFile)).contains("something else");
  }

  @Test
  void aKeyReadableByOthersIsRefusedWithTheFix() throws Exception {
    Path keyFile = dir.resolve("creator.key");
    NodeSecrets.creatorKey(keyFile, new PrintWriter(new StringWriter()));
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> NodeSecrets.creatorKey(keyFile, new PrintWriter(new StringWriter())))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("chmod 600");
  }

  @Test
  void theTokenIsGeneratedOwnerOnlyAndKeptAcrossRestarts() throws Exception {
    Path data = dir.resolve("data");
    String token = NodeSecrets.publishToken(data);
    Path file = data.resolve("publish-token");
    assertThat(token).hasSizeGreaterThanOrEqualTo(8);
    assertThat(Files.readString(file).trim()).isEqualTo(token);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(NodeSecrets.publishToken(data)).isEqualTo(token);
  }

  @Test
  void aStoredTokenIsUsedAsWrittenAndAnEmptiedOneReplaced() throws Exception {
    Files.writeString(dir.resolve("publish-token"), "my-own-token-1\n");
    Files.setPosixFilePermissions(dir.resolve("publish-token"), PosixFilePermissions.fromString("rw-------"));
    assertThat(NodeSecrets.publishToken(dir)).isEqualTo("my-own-token-1");
    Files.writeString(dir.resolve("publish-token"), "\n");
    String replaced = NodeSecrets.publishToken(dir);
    assertThat(replaced).hasSizeGreaterThanOrEqualTo(8);
    assertThat(Files.readString(dir.resolve("publish-token")).trim()).isEqualTo(replaced);
  }

  @Test
  void aStoredTokenOthersCanReadIsRefusedWithTheFixAndLeftAlone() throws Exception {
    Path file = dir.resolve("publish-token");
    Files.writeString(file, "my-own-token-1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> NodeSecrets.publishToken(dir)).isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("publish token file is accessible to other users (rw-r--r--); run: chmod 600 " + file);
    assertThat(Files.readString(file)).isEqualTo("my-own-token-1\n");
  }
}
