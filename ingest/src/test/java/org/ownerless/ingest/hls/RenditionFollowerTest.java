package org.ownerless.ingest.hls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenditionFollowerTest {
  @TempDir Path tmp;
  PackagerDir packager;
  RenditionFollower follower;

  @BeforeEach
  void setUp() throws Exception {
    packager = new PackagerDir(tmp.resolve("hls"));
    Path work = Files.createDirectories(tmp.resolve("work"));
    follower = new RenditionFollower("src", packager.dir, packager.dir.resolve("live.m3u8"), work);
  }

  private static List<String> contents(List<TakenSegment> taken) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    for (TakenSegment t : taken) {
      out.add(Files.readString(t.file()) + (t.discontinuity() ? "|D" : ""));
    }
    return out;
  }

  @Test
  void takesEachListedSegmentOnceAsThePlaylistIsRewritten() throws Exception {
    packager.segment("a0.ts", "zero");
    packager.segment("a1.ts", "one");
    packager.playlist("live.m3u8", 0, false, "a0.ts", "a1.ts");
    assertThat(contents(follower.poll(true))).containsExactly("zero", "one");
    assertThat(follower.poll(true)).as("unchanged playlist").isEmpty();

    packager.segment("a2.ts", "two");
    Files.delete(packager.dir.resolve("a0.ts")); // the packager's cleanup
    packager.playlist("live.m3u8", 1, false, "a1.ts", "a2.ts");
    assertThat(contents(follower.poll(true))).containsExactly("two");
  }

  @Test
  void aTakenSegmentSurvivesThePackagerDeletingItsOwnFileWhichStaysInPlace() throws Exception {
    Path original = packager.segment("a0.ts", "zero");
    packager.playlist("live.m3u8", 0, false, "a0.ts");
    TakenSegment t = follower.poll(true).get(0);
    assertThat(original).exists(); // linked, never moved
    Files.delete(original);
    assertThat(Files.readString(t.file())).isEqualTo("zero");
  }

  @Test
  void aMediaSequenceGoingBackIsANewPackagerRunAndStartsADiscontinuity() throws Exception {
    packager.segment("a5.ts", "five");
    packager.segment("a6.ts", "six");
    packager.playlist("live.m3u8", 5, false, "a5.ts", "a6.ts");
    follower.poll(true);
    packager.segment("a0.ts", "new zero");
    packager.playlist("live.m3u8", 0, false, "a0.ts");
    assertThat(contents(follower.poll(true))).containsExactly("new zero|D");
    packager.segment("a1.ts", "new one");
    packager.playlist("live.m3u8", 0, false, "a0.ts", "a1.ts");
    assertThat(contents(follower.poll(true))).containsExactly("new one");
  }

  @Test
  void aRecreatedFileUnderTheSameNameAndNumberIsANewRun() throws Exception {
    packager.segment("a0.ts", "first run");
    packager.playlist("live.m3u8", 0, false, "a0.ts");
    follower.poll(true);
    Files.delete(packager.dir.resolve("a0.ts"));
    packager.segment("a0.ts", "second run");
    packager.segment("a1.ts", "second run, next");
    packager.playlist("live.m3u8", 0, false, "a0.ts", "a1.ts");
    assertThat(contents(follower.poll(true))).containsExactly("second run|D", "second run, next");
  }

  @Test
  void anExplicitDiscontinuityTagIsPassedOn() throws Exception {
    packager.segment("a0.ts", "zero");
    packager.segment("a1.ts", "one");
    packager.playlist("live.m3u8", 0, false, "a0.ts", "#EXT-X-DISCONTINUITY", "a1.ts");
    assertThat(contents(follower.poll(true))).containsExactly("zero", "one|D");
  }

  @Test
  void aSegmentThatVanishedBeforeBeingTakenIsSkippedAndTheNextStartsADiscontinuity() throws Exception {
    packager.segment("a0.ts", "zero");
    packager.playlist("live.m3u8", 0, false, "a0.ts");
    follower.poll(true);
    packager.segment("a2.ts", "two");
    packager.playlist("live.m3u8", 0, false, "a0.ts", "a1.ts", "a2.ts"); // a1.ts is already gone
    assertThat(contents(follower.poll(true))).containsExactly("two|D");
  }

  @Test
  void segmentsThatLeftThePlaylistUnreadMakeTheNextADiscontinuity() throws Exception {
    packager.segment("a0.ts", "zero");
    packager.playlist("live.m3u8", 0, false, "a0.ts");
    follower.poll(true);
    packager.segment("a9.ts", "nine");
    packager.playlist("live.m3u8", 9, false, "a9.ts");
    assertThat(contents(follower.poll(true))).containsExactly("nine|D");
  }

  @Test
  void endlistIsReportedAndItsRemovalStartsANewRun() throws Exception {
    packager.segment("a0.ts", "zero");
    packager.playlist("live.m3u8", 0, false, "a0.ts");
    follower.poll(true);
    packager.playlist("live.m3u8", 0, true, "a0.ts");
    assertThat(follower.poll(true)).isEmpty();
    assertThat(follower.ended()).isTrue();
    packager.segment("b0.ts", "again");
    packager.playlist("live.m3u8", 0, false, "b0.ts");
    assertThat(contents(follower.poll(true))).containsExactly("again|D");
    assertThat(follower.ended()).isFalse();
  }

  @Test
  void anAlreadyEndedPlaylistFoundAtStartIsAnOldRunAndNotRepublished() throws Exception {
    packager.segment("a0.ts", "old");
    packager.playlist("live.m3u8", 0, true, "a0.ts");
    assertThat(follower.poll(true)).isEmpty();
  }

  @Test
  void aSegmentUriLeavingTheTreeIsNeverTaken() throws Exception {
    Files.writeString(tmp.resolve("secret.ts"), "not yours");
    packager.segment("a1.ts", "one");
    packager.playlist("live.m3u8", 0, false, "../secret.ts", "a1.ts");
    assertThat(contents(follower.poll(true))).containsExactly("one|D");
  }

  @Test
  void anOversizedPlaylistIsIgnoredUntilFixed() throws Exception {
    packager.write("live.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:1\n" + "#X\n".repeat(HlsLimits.MAX_PLAYLIST_BYTES / 3));
    assertThat(follower.poll(true)).isEmpty();
    packager.segment("a0.ts", "zero");
    packager.playlist("live.m3u8", 0, false, "a0.ts");
    assertThat(contents(follower.poll(true))).containsExactly("zero");
  }

  @Test
  void fmp4SegmentsCarryTheirInitSectionTakenOnce() throws Exception {
    packager.segment("init.mp4", "moov");
    packager.segment("s0.m4s", "frag0");
    packager.segment("s1.m4s", "frag1");
    packager.playlist("live.m3u8", 0, false, "#EXT-X-MAP:URI=\"init.mp4\"", "s0.m4s", "s1.m4s");
    List<TakenSegment> taken = follower.poll(true);
    assertThat(taken).hasSize(2);
    assertThat(taken.get(0).init()).isEqualTo(taken.get(1).init());
    assertThat(Files.readString(taken.get(0).init())).isEqualTo("moov");
    assertThat(taken.get(0).file().toString()).endsWith(".m4s");
  }
}
