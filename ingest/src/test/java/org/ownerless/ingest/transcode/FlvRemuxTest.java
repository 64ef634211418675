package org.ownerless.ingest.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.flv.FlvFormatException;

class FlvRemuxTest {
  // Tag bodies from real encoders (the same bytes as flv/RealEncoderFixtures): x264 1280x720 High 3.1,
  // ffmpeg's AAC-LC 44.1 kHz stereo.
  private static final byte[] AVC_720P = hex("1700000000"
      + "0164001fffe1001a6764001facd9405005bb011000000300100000030320f1831960"
      + "01000668ebe3cb22c0fdf8f800");
  private static final byte[] AAC_STEREO = hex("af00121056e500");
  private static final byte[] METADATA = hex("02000a6f6e4d65746144617461080000000009");

  private final FlvRemux remux = new FlvRemux("cam");

  /** One tag of an FLV byte stream; the body as hex so failures show the bytes. */
  private record Tag(int type, long timestamp, String body) {}

  private record Flv(int flags, List<Tag> tags) {}

  @Test
  void untilAnOutputBeginsMediaWaitsForAKeyframeAndNoAudioPasses() {
    assertThat(remux.waitingForKeyframe()).isTrue();
    assertThat(remux.passesAudio()).isFalse();
    assertThat(remux.hasVideoSequenceHeader()).isFalse();
  }

  @Test
  void anOutputBeginsWithTheHeaderMetadataAndBothSequenceHeadersStampedWithTheKeyframesTime() {
    remux.metadata(METADATA, 3000);
    remux.videoSequenceHeader(AVC_720P);
    remux.audioSequenceHeader(AAC_STEREO);

    Flv flv = parse(remux.begin(0x01020304L, true));

    assertThat(flv.flags()).as("audio and video flags").isEqualTo(0x05);
    assertThat(flv.tags()).containsExactly(
        new Tag(18, 0x01020304L, hexOf(METADATA)),
        new Tag(9, 0x01020304L, hexOf(AVC_720P)),
        new Tag(8, 0x01020304L, hexOf(AAC_STEREO)));
    assertThat(remux.waitingForKeyframe()).isFalse();
  }

  @Test
  void anOutputWithoutAudioPromisesNoneAndLeavesOutTheAudioSequenceHeaderAndAbsentMetadata() {
    remux.videoSequenceHeader(AVC_720P);
    remux.audioSequenceHeader(AAC_STEREO);

    Flv flv = parse(remux.begin(40, false));

    assertThat(flv.flags()).as("video flag only").isEqualTo(0x01);
    assertThat(flv.tags()).containsExactly(new Tag(9, 40, hexOf(AVC_720P)));
    assertThat(remux.passesAudio()).isFalse();
  }

  @Test
  void everyOutputReplaysTheLatestMetadataAndSequenceHeaders() {
    byte[] newerMetadata = hex("0200");
    byte[] newerAac = hex("af00118856e500");
    remux.metadata(METADATA, 0);
    remux.videoSequenceHeader(AVC_720P);
    remux.audioSequenceHeader(AAC_STEREO);
    remux.begin(0, true);

    remux.metadata(newerMetadata, 0);
    remux.audioSequenceHeader(newerAac);
    remux.waitForKeyframe();
    Flv second = parse(remux.begin(9000, true));

    assertThat(second.tags()).containsExactly(
        new Tag(18, 9000, hexOf(newerMetadata)),
        new Tag(9, 9000, hexOf(AVC_720P)),
        new Tag(8, 9000, hexOf(newerAac)));
  }

  @Test
  void theMetadataIsCopiedSoTheCallerMayReuseItsArray() {
    byte[] metadata = METADATA.clone();
    remux.metadata(metadata, 0);
    remux.videoSequenceHeader(AVC_720P);
    Arrays.fill(metadata, (byte) 0);

    assertThat(parse(remux.begin(0, false)).tags().get(0).body()).isEqualTo(hexOf(METADATA));
  }

  @Test
  void onlyADifferentVideoSequenceHeaderAfterTheFirstCountsAsAChange() {
    assertThat(remux.videoSequenceHeader(AVC_720P)).as("the first").isFalse();
    assertThat(remux.videoSequenceHeader(AVC_720P.clone())).as("the same bytes again").isFalse();

    byte[] other = AVC_720P.clone();
    other[other.length - 1] ^= 1;
    assertThat(remux.videoSequenceHeader(other)).as("different bytes").isTrue();
    assertThat(parse(remux.begin(0, false)).tags().get(0).body()).isEqualTo(hexOf(other));
  }

  @Test
  void afterADropNoAudioPassesUntilTheNextOutputBeginsOnAKeyframe() {
    remux.videoSequenceHeader(AVC_720P);
    remux.audioSequenceHeader(AAC_STEREO);
    remux.begin(0, true);
    assertThat(remux.passesAudio()).isTrue();

    remux.waitForKeyframe();
    assertThat(remux.waitingForKeyframe()).isTrue();
    assertThat(remux.passesAudio()).isFalse();

    remux.begin(2000, true);
    assertThat(remux.passesAudio()).isTrue();
  }

  @Test
  void theSourceIsDescribedFromTheSequenceHeadersAndTheMetadataBitrate() {
    remux.metadata(METADATA, 4500);
    remux.videoSequenceHeader(AVC_720P);
    remux.audioSequenceHeader(AAC_STEREO);

    assertThat(remux.describeSource()).isEqualTo(new SourceInfo(1280, 720, "avc1.64001f", "mp4a.40.2", 4500));
  }

  @Test
  void unreadableAudioConfigurationDescribesASourceWithoutAudio() {
    remux.videoSequenceHeader(AVC_720P);
    remux.audioSequenceHeader(hex("af000000")); // audio object type 0: not AAC at all

    SourceInfo source = remux.describeSource();

    assertThat(source.hasAudio()).isFalse();
    assertThat(source.width()).isEqualTo(1280);
  }

  @Test
  void anUnreadableVideoSequenceHeaderCannotBeDescribed() {
    remux.videoSequenceHeader(hex("1700000000" + "01"));

    assertThatThrownBy(remux::describeSource).isInstanceOf(FlvFormatException.class);
  }

  @Test
  void aFrameBecomesOneFlvTagAndItsBufferIsLeftReadable() {
    ByteBuf payload = Unpooled.wrappedBuffer(hex("2701000000aabbcc"));
    try {
      byte[] tag = FlvRemux.tag(9, 0xFF000010L, payload);

      assertThat(HexFormat.of().formatHex(tag)).isEqualTo(
          "09" + "000008" + "000010" + "ff" + "000000" + "2701000000aabbcc" + "00000013");
      assertThat(payload.readableBytes()).isEqualTo(8);
    } finally {
      payload.release();
    }
  }

  /** Reads an FLV byte stream field by field (FLV spec E.2, E.3), checking each PreviousTagSize. */
  private static Flv parse(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte[] signature = new byte[3];
    in.get(signature);
    assertThat(new String(signature, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("FLV");
    assertThat(in.get()).as("version").isEqualTo((byte) 1);
    int flags = in.get() & 0xFF;
    assertThat(in.getInt()).as("header size").isEqualTo(9);
    assertThat(in.getInt()).as("PreviousTagSize0").isZero();
    List<Tag> tags = new ArrayList<>();
    while (in.hasRemaining()) {
      int type = in.get() & 0xFF;
      int size = u24(in);
      long timestamp = u24(in) | (long) (in.get() & 0xFF) << 24;
      assertThat(u24(in)).as("stream id").isZero();
      byte[] body = new byte[size];
      in.get(body);
      assertThat(in.getInt()).as("PreviousTagSize").isEqualTo(11 + size);
      tags.add(new Tag(type, timestamp, hexOf(body)));
    }
    return new Flv(flags, tags);
  }

  private static int u24(ByteBuffer in) {
    return (in.get() & 0xFF) << 16 | (in.get() & 0xFF) << 8 | in.get() & 0xFF;
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static String hexOf(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
