package org.ownerless.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ownerless.protocol.crypto.Digest;
import org.ownerless.protocol.layout.StreamLayout;
import org.ownerless.protocol.model.SegmentEntry;

/** A full disk during an append (issue 15): the log never keeps half a record, so it always reopens as one log. */
class SegmentLogFileTest {
  private static final long EPOCH = 1;
  private static final int TS_RECORD = SegmentLogFile.taggedRecord(SegmentEntry.LEAF_INPUT_LENGTH);
  @TempDir Path state;

  @Test
  void anAppendThatFailsHalfWayIsCutAtOnceAndTheRetryContinuesTheLog() throws IOException {
    Path path = state.resolve("src-e1.log");
    AtomicReference<FailingWrites> disk = new AtomicReference<>();
    try (SegmentLogFile log = SegmentLogFile.open(path, EPOCH, new ArrayList<>(), ch -> wrap(ch, disk))) {
      appendOneThenFailHalfWay(log, disk.get(), false);
      assertThat(Files.size(path)).as("the half record is gone").isEqualTo(SegmentLogFile.HEADER + TS_RECORD);
      disk.get().full = false;
      log.append(entry(1));
    }
    assertThat(reopened(path)).containsExactly(entry(0), entry(1));
  }

  @Test
  void halfARecordThatCouldNotBeCutIsOverwrittenByTheNextAppend() throws IOException {
    Path path = state.resolve("src-e1.log");
    AtomicReference<FailingWrites> disk = new AtomicReference<>();
    try (SegmentLogFile log = SegmentLogFile.open(path, EPOCH, new ArrayList<>(), ch -> wrap(ch, disk))) {
      appendOneThenFailHalfWay(log, disk.get(), true);
      assertThat(Files.size(path)).isEqualTo(SegmentLogFile.HEADER + TS_RECORD + 30);
      disk.get().full = false;
      disk.get().truncateFails = false;
      log.append(entry(1));
      log.append(entry(2));
    }
    assertThat(reopened(path)).containsExactly(entry(0), entry(1), entry(2));
  }

  @Test
  void aFailedAppendLeftBehindByACrashIsCutOnOpen() throws IOException {
    Path path = state.resolve("src-e1.log");
    AtomicReference<FailingWrites> disk = new AtomicReference<>();
    SegmentLogFile log = SegmentLogFile.open(path, EPOCH, new ArrayList<>(), ch -> wrap(ch, disk));
    appendOneThenFailHalfWay(log, disk.get(), true);
    log.close(); // the process dies here: the half record stays on disk

    assertThat(reopened(path)).containsExactly(entry(0));
    assertThat(Files.size(path)).isEqualTo(SegmentLogFile.HEADER + TS_RECORD);
  }

  /** Entry 0 appends; the disk then fills up 30 bytes into entry 1's record. */
  private static void appendOneThenFailHalfWay(SegmentLogFile log, FailingWrites disk, boolean truncateFails)
      throws IOException {
    log.append(entry(0));
    disk.full = true;
    disk.bytesBeforeFull = 30;
    disk.truncateFails = truncateFails;
    assertThatThrownBy(() -> log.append(entry(1))).hasMessageContaining("No space left on device");
  }

  private static FileChannel wrap(FileChannel ch, AtomicReference<FailingWrites> disk) {
    FailingWrites w = new FailingWrites(ch);
    disk.set(w);
    return w;
  }

  @Test
  void aLogOfTheFirstFormatStillOpensContinuesInItsOwnFormatAndRefusesAnFmp4EntryWithTheFix() throws IOException {
    // Written byte by byte as nodes before fMP4 support wrote it: "OLSEGLOG", the epoch, then fixed
    // 61-byte records (57-byte leaf input + CRC-32C), and a torn last record from a crash mid-append.
    Path path = state.resolve("src-e1.log");
    java.io.ByteArrayOutputStream old = new java.io.ByteArrayOutputStream();
    old.write(SegmentLogFile.MAGIC);
    old.write(java.nio.ByteBuffer.allocate(8).putLong(EPOCH).array());
    for (long i = 0; i < 3; i++) {
      byte[] leaf = entry(i).leafInput();
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(leaf);
      old.write(leaf);
      old.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
    old.write(new byte[20]);
    Files.write(path, old.toByteArray());

    List<SegmentEntry> recovered = new ArrayList<>();
    try (SegmentLogFile log = SegmentLogFile.open(path, EPOCH, recovered)) {
      assertThat(recovered).containsExactly(entry(0), entry(1), entry(2));
      assertThat(Files.size(path)).as("the torn record is cut").isEqualTo(SegmentLogFile.HEADER + 3L * SegmentLogFile.RECORD);
      log.append(entry(3));
      assertThatThrownBy(() -> log.append(fmp4Entry(4)))
          .isInstanceOf(IOException.class).hasMessageContaining("--new-epoch");
    }
    assertThat(Files.size(path)).as("still fixed 61-byte records, nothing of the refused entry")
        .isEqualTo(SegmentLogFile.HEADER + 4L * SegmentLogFile.RECORD);
    byte[] header = new byte[8];
    System.arraycopy(Files.readAllBytes(path), 0, header, 0, 8);
    assertThat(header).isEqualTo(SegmentLogFile.MAGIC);
    assertThat(reopened(path)).containsExactly(entry(0), entry(1), entry(2), entry(3));
  }

  @Test
  void aNewLogHoldsTsAndFmp4EntriesSideBySideAndReopensWithTheirInitSections() throws IOException {
    Path path = state.resolve("src-e1.log");
    try (SegmentLogFile log = SegmentLogFile.open(path, EPOCH, new ArrayList<>())) {
      log.append(entry(0));
      log.append(fmp4Entry(1));
      log.append(fmp4Entry(2));
    }
    List<SegmentEntry> back = reopened(path);
    assertThat(back).containsExactly(entry(0), fmp4Entry(1), fmp4Entry(2));
    assertThat(back.get(1).hasInit()).isTrue();
  }

  private static SegmentEntry fmp4Entry(long index) {
    Digest initHash = hash(-1);
    return new SegmentEntry(index, StreamLayout.segment(EPOCH, index, true), 1_000_000 + index, hash(index),
        1000 + index, false, new org.ownerless.protocol.model.InitSection(StreamLayout.init(initHash), initHash, 700));
  }

  private static List<SegmentEntry> reopened(Path path) throws IOException {
    List<SegmentEntry> leaves = new ArrayList<>();
    SegmentLogFile.open(path, EPOCH, leaves).close();
    return leaves;
  }

  private static SegmentEntry entry(long index) {
    return new SegmentEntry(index, StreamLayout.segment(EPOCH, index), 1_000_000 + index, hash(index), 1000 + index,
        index == 0);
  }

  private static Digest hash(long index) {
    return Digest.sha256(("segment " + index).getBytes(StandardCharsets.US_ASCII));
  }
}
