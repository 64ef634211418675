package org.ownerless.ingest.cmaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ownerless.ingest.cmaf.SyntheticMp4.AUDIO;
import static org.ownerless.ingest.cmaf.SyntheticMp4.NON_SYNC;
import static org.ownerless.ingest.cmaf.SyntheticMp4.SYNC;
import static org.ownerless.ingest.cmaf.SyntheticMp4.VIDEO;
import static org.ownerless.ingest.cmaf.SyntheticMp4.concat;
import static org.ownerless.ingest.cmaf.SyntheticMp4.ftyp;
import static org.ownerless.ingest.cmaf.SyntheticMp4.mdat;
import static org.ownerless.ingest.cmaf.SyntheticMp4.moof;
import static org.ownerless.ingest.cmaf.SyntheticMp4.moov;
import static org.ownerless.ingest.cmaf.SyntheticMp4.mvex;
import static org.ownerless.ingest.cmaf.SyntheticMp4.trak;
import static org.ownerless.ingest.cmaf.SyntheticMp4.trex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CmafCutterTest {
  private static final long SECOND = 1_000_000;
  private static final byte[] INIT = concat(ftyp(),
      moov(trak(VIDEO, "vide", 90_000), trak(AUDIO, "soun", 48_000),
          mvex(trex(VIDEO, 3000, NON_SYNC), trex(AUDIO, 1024, 0))));

  private final List<InitSection> inits = new ArrayList<>();
  private final List<CmafPart> parts = new ArrayList<>();
  private final List<CmafSegment> segments = new ArrayList<>();
  private final CmafCutter.Output output = new CmafCutter.Output() {
    @Override
    public void init(InitSection init) {
      inits.add(init);
    }

    @Override
    public void part(CmafPart part) {
      parts.add(part);
    }

    @Override
    public void segment(CmafSegment segment) {
      segments.add(segment);
    }
  };

  /** {@code fragments} fragments of 0.2 s (6 frames at 30 fps), a keyframe every {@code keyframeEvery}. */
  private static byte[] stream(int fragments, int keyframeEvery) {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    s.writeBytes(INIT);
    for (int i = 0; i < fragments; i++) {
      boolean key = keyframeEvery > 0 && i % keyframeEvery == 0;
      s.writeBytes(moof(VIDEO, i * 18_000L, 6, 3000, key ? SYNC : NON_SYNC));
      s.writeBytes(mdat(100 + i));
    }
    return s.toByteArray();
  }

  private void cut(byte[] stream, long targetMicros) throws Exception {
    new CmafCutter(output, targetMicros, 7, CmafLimits.defaults())
        .run(new Mp4BoxReader(new ByteArrayInputStream(stream), 1 << 20));
  }

  @Test
  void fragmentsBecomePartsAndAKeyframeAfterTheTargetLengthStartsTheNextSegment() throws Exception {
    cut(stream(15, 5), SECOND);

    assertThat(inits).singleElement().satisfies(i -> {
      assertThat(i.bytes()).isEqualTo(INIT);
      assertThat(i.timingTrack().id()).isEqualTo(VIDEO);
    });
    assertThat(parts).hasSize(15).allSatisfy(p -> assertThat(p.durationMicros()).isEqualTo(200_000));
    assertThat(parts).extracting(CmafPart::index).containsExactly(0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4);
    assertThat(parts).extracting(CmafPart::independent)
        .containsExactly(true, false, false, false, false, true, false, false, false, false, true, false, false, false,
            false);
    assertThat(segments).extracting(CmafSegment::sequence).containsExactly(7L, 8L, 9L);
    assertThat(segments).allSatisfy(s -> {
      assertThat(s.durationMicros()).isEqualTo(SECOND);
      assertThat(s.independent()).isTrue();
      assertThat(s.parts()).allSatisfy(p -> assertThat(p.sequence()).isEqualTo(s.sequence()));
    });
    assertThat(segments.get(1).startMicros()).isEqualTo(SECOND);
    byte[] expected = concat(moof(VIDEO, 90_000, 6, 3000, SYNC), mdat(105), moof(VIDEO, 108_000, 6, 3000, NON_SYNC),
        mdat(106), moof(VIDEO, 126_000, 6, 3000, NON_SYNC), mdat(107), moof(VIDEO, 144_000, 6, 3000, NON_SYNC), mdat(108),
        moof(VIDEO, 162_000, 6, 3000, NON_SYNC), mdat(109));
    assertThat(segments.get(1).bytes()).as("a segment is its parts' bytes in order").isEqualTo(expected);
  }

  @Test
  void keyframesMoreOftenThanTheTargetDoNotShortenSegments() throws Exception {
    cut(stream(20, 2), SECOND); // a keyframe every 0.4 s

    assertThat(segments).extracting(CmafSegment::durationMicros).containsExactly(1_200_000L, 1_200_000L, 1_200_000L,
        400_000L);
    assertThat(segments).allSatisfy(s -> assertThat(s.independent()).isTrue());
  }

  @Test
  void anEncoderThatSendsNoKeyframeIsCutAtFourTargetLengths() throws Exception {
    cut(stream(25, 0), SECOND);

    assertThat(segments).extracting(CmafSegment::durationMicros).containsExactly(4 * SECOND, SECOND);
    assertThat(segments).noneMatch(CmafSegment::independent);
  }

  @Test
  void theLastSegmentIsHandedOnWhenTheStreamEndsBetweenFragments() throws Exception {
    cut(stream(7, 5), SECOND);

    assertThat(segments).extracting(s -> s.parts().size()).containsExactly(5, 2);
  }

  @Test
  void anAudioOnlyStreamCanBeCutAtAnyFragment() throws Exception {
    byte[] init = concat(ftyp(), moov(trak(AUDIO, "soun", 48_000), mvex(trex(AUDIO, 1024, NON_SYNC))));
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    s.writeBytes(init);
    for (int i = 0; i < 10; i++) {
      s.writeBytes(moof(AUDIO, i * 9_600L, 10, 960, 0)); // 0.2 s of 20 ms frames
      s.writeBytes(mdat(50));
    }
    cut(s.toByteArray(), SECOND);

    assertThat(segments).extracting(CmafSegment::durationMicros).containsExactly(SECOND, SECOND);
  }

  @Test
  void brokenStreamsStopWithAClearReasonAfterHandingOnOnlyWholeParts() {
    byte[] moovLess = concat(ftyp(), moof(VIDEO, 0, 6, 3000, SYNC), mdat(10));
    assertThatThrownBy(() -> cut(moovLess, SECOND)).isInstanceOf(Mp4FormatException.class)
        .hasMessageContaining("no 'moov'");

    byte[] twoMoofs = concat(INIT, moof(VIDEO, 0, 6, 3000, SYNC), moof(VIDEO, 18_000, 6, 3000, NON_SYNC));
    assertThatThrownBy(() -> cut(twoMoofs, SECOND)).hasMessageContaining("without an 'mdat'");

    byte[] strayMdat = concat(INIT, moof(VIDEO, 0, 6, 3000, SYNC), mdat(10), mdat(10));
    assertThatThrownBy(() -> cut(strayMdat, SECOND)).hasMessageContaining("without the 'moof'");

    byte[] wholeThenCut = stream(6, 5);
    byte[] truncated = java.util.Arrays.copyOf(wholeThenCut, wholeThenCut.length - 3);
    parts.clear();
    segments.clear();
    assertThatThrownBy(() -> cut(truncated, SECOND)).isInstanceOf(EOFException.class)
        .hasMessageContaining("inside 'mdat'");
    assertThat(parts).as("the five whole fragments were handed on as parts").hasSize(5);
    assertThat(segments).as("their segment's end was never seen: the cut-off fragment would have shown it").isEmpty();

    byte[] lyingTrun = concat(INIT, SyntheticMp4.box("moof", SyntheticMp4.box("traf",
        SyntheticMp4.fullBox("tfhd", 0, 0, SyntheticMp4.ints(VIDEO)),
        SyntheticMp4.fullBox("tfdt", 0, 0, SyntheticMp4.ints(0)),
        SyntheticMp4.fullBox("trun", 0, 0x100, SyntheticMp4.ints(1_000_000)))), mdat(10));
    assertThatThrownBy(() -> cut(lyingTrun, SECOND)).isInstanceOf(Mp4FormatException.class)
        .hasMessageContaining("lists 1000000 samples");
  }

  @Test
  void aBoxLargerThanTheBoundIsRefusedBeforeItsBytesAreRead() {
    byte[] header = {0x7f, 0, 0, 0, 'm', 'd', 'a', 't'}; // claims 2 GB, then nothing
    assertThatThrownBy(() -> new Mp4BoxReader(new ByteArrayInputStream(header), 1 << 20).next())
        .isInstanceOf(Mp4FormatException.class).hasMessageContaining("claims 2130706432 bytes (at most 1048576)");
  }
}
