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
