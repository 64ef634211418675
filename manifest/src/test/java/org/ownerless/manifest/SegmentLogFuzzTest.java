package org.ownerless.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.ownerless.protocol.model.SegmentEntry;

/**
 * A rendition's segment log as the node finds it on disk after a crash or damage, read the way a
 * restart reads it ({@link RenditionLog#open}). The file is built from the fuzzer's choices: a header
 * (usually right), records whose leaf bytes are the fuzzer's with a checksum that is usually right
 * (else a random CRC would stop every input at the first record), and a tail of torn bytes.
 *
 * <p>Contract: the log, or an {@link IOException} saying what is wrong with the file; no other
 * exception. On success the log holds a prefix of the records written, exactly those, and the file
 * was cut to them (a torn last record goes, damage before it is refused).
 */
class SegmentLogFuzzTest {
  private static final long EPOCH = 3;
  private static final String RENDITION = "src";
  private static final Path STATE;

  static {
    try {
      STATE = Files.createTempDirectory("segment-log-fuzz");
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void open(FuzzedDataProvider data) throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    if (data.consumeBoolean()) {
      file.writeBytes(data.consumeBytes(SegmentLogFile.HEADER));
    } else {
      file.writeBytes(ByteBuffer.allocate(SegmentLogFile.HEADER).put(SegmentLogFile.MAGIC).putLong(EPOCH).array());
    }
    int records = data.consumeInt(0, 6);
    for (int i = 0; i < records; i++) {
      ByteBuffer leaf = ByteBuffer.allocate(SegmentEntry.LEAF_INPUT_LENGTH);
      leaf.putLong(data.consumeBoolean() ? i : data.consumeLong());
      leaf.put(data.consumeBytes(SegmentEntry.LEAF_INPUT_LENGTH - 8));
      CRC32C crc = new CRC32C();
      crc.update(leaf.array());
      int checksum = data.consumeInt(0, 15) == 0 ? data.consumeInt() : (int) crc.getValue();
      file.writeBytes(leaf.array());
      file.writeBytes(ByteBuffer.allocate(4).putInt(checksum).array());
    }
    file.writeBytes(data.consumeBytes(SegmentLogFile.RECORD - 1));
    byte[] written = file.toByteArray();
    Path path = RenditionLog.fileFor(STATE, RENDITION, EPOCH);
    Files.write(path, written);

    RenditionLog log;
    try {
      log = RenditionLog.open(STATE, RENDITION, EPOCH);
    } catch (IOException refused) {
      return;
    }
    try {
      int kept = (int) log.size();
      long length = SegmentLogFile.HEADER + (long) kept * SegmentLogFile.RECORD;
      assertThat(Files.size(path)).as("cut to the intact records").isEqualTo(length);
      assertThat(kept).isLessThanOrEqualTo(records);
      for (int i = 0; i < kept; i++) {
        SegmentEntry e = log.entry(i);
        int at = SegmentLogFile.HEADER + i * SegmentLogFile.RECORD;
        byte[] leaf = Arrays.copyOfRange(written, at, at + SegmentEntry.LEAF_INPUT_LENGTH);
        assertThat(e.leafInput()).as("record %d read back exactly", i).isEqualTo(leaf);
      }
    } finally {
      log.close();
    }
  }
}
