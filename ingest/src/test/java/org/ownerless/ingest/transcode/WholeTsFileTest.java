package org.ownerless.ingest.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ffmpeg's segmenter lists after a failed write (issue 15: a full disk) is never taken for a segment. */
class WholeTsFileTest {
  @TempDir Path dir;

  @Test
  void wholePacketsPass() throws IOException {
    assertThat(WholeTsFile.problem(file(packets(100)))).isNull();
  }

  @Test
  void anEmptyFileAsAFullDiskLeavesItIsRefused() throws IOException {
    assertThat(WholeTsFile.problem(file(new byte[0]))).isEqualTo("empty");
  }

  @Test
  void aWriteCutOffAtAPageBoundaryIsRefused() throws IOException {
    assertThat(WholeTsFile.problem(file(Arrays.copyOf(packets(100), 3 * 4096))))
        .contains("12288 bytes, not a whole number of 188-byte packets");
  }

  @Test
  void bytesThatAreNotTransportStreamAreRefused() throws IOException {
    assertThat(WholeTsFile.problem(file(new byte[188 * 3]))).contains("no sync byte");
  }

  private Path file(byte[] bytes) throws IOException {
    Path f = Files.createTempFile(dir, "seg-", ".ts");
    Files.write(f, bytes);
    return f;
  }

  private static byte[] packets(int count) {
    byte[] b = new byte[count * WholeTsFile.PACKET];
    for (int i = 0; i < b.length; i += WholeTsFile.PACKET) {
      b[i] = 0x47;
      b[i + 1] = (byte) i;
    }
    return b;
  }
}
