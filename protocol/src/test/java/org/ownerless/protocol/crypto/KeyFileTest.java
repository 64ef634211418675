package org.ownerless.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.protocol.ProtocolException;

class KeyFileTest {
  @TempDir Path dir;

  @Test
  void aWrittenKeyIsOwnerOnlyAndReadsBackAsTheSameIdentity() throws Exception {
    Path file = dir.resolve("creator.key");
    Signer signer = Signer.generate();
    KeyFile.write(file, signer, false);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(KeyFile.read(file).publicKey()).isEqualTo(signer.publicKey());
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file); // no temp file left behind
    }
  }

  @Test
  void anExistingKeyIsNeverOverwrittenWithoutForce() throws Exception {
    Path file = dir.resolve("creator.key");
    Signer first = Signer.generate();
    KeyFile.write(file, first, false);

    assertThatThrownBy(() -> KeyFile.write(file, Signer.generate(), false)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(KeyFile.read(file).publicKey()).isEqualTo(first.publicKey());

    Signer second = Signer.generate();
    KeyFile.write(file, second, true);
    assertThat(KeyFile.read(file).publicKey()).isEqualTo(second.publicKey());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void aKeyReadableByOthersIsRefusedWithTheFix() throws Exception {
    Path file = dir.resolve("creator.key");
    KeyFile.write(file, Signer.generate(), false);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> KeyFile.read(file)).isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("chmod 600");
  }

  @Test
  void aDamagedSeedIsDetectedInsteadOfBecomingAnotherIdentity() throws Exception {
    Path file = dir.resolve("creator.key");
    KeyFile.write(file, Signer.generate(), false);
    String text = Files.readString(file);
    String seed = text.replaceAll("(?s).*\"seed\" : \"([^\"]+)\".*", "$1");
    String damaged = text.replace(seed, (seed.charAt(0) == 'A' ? "B" : "A") + seed.substring(1));
    Files.writeString(file, damaged);

    assertThatThrownBy(() -> KeyFile.read(file)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("damaged key");
  }

  @Test
  void somethingThatIsNotAKeyFileIsRefusedClearly() throws Exception {
    Path file = dir.resolve("notakey");
    Files.write(file, "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> KeyFile.read(file)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("missing field 'type'");

    Files.write(file, "garbage".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> KeyFile.read(file)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("malformed JSON");
  }
}
