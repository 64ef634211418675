package org.ownerless.ingest.flv;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The parsers read bytes from whoever connects to the ingest port. Whatever those bytes are, each
 * parser must either return or throw {@link FlvFormatException} — no other exception, no hang —
 * so the session can reject the message at one place.
 */
class ParsersNeverFailUnexpectedlyProperties {
  /**
   * Each input is under a few hundred bytes and parses in microseconds; the generous bound only
   * catches hangs and runaway loops, not GC or JIT pauses on a busy machine.
   */
  private static final Duration QUICKLY = Duration.ofSeconds(2);

  private static void returnsOrThrowsFlvFormatException(byte[] input, Consumer<byte[]> parser) {
    long start = System.nanoTime();
    try {
      parser.accept(input);
    } catch (FlvFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
  }

  private static void everyParser(byte[] input) {
    returnsOrThrowsFlvFormatException(input, VideoTagHeader::parse);
    returnsOrThrowsFlvFormatException(input, AudioTagHeader::parse);
    returnsOrThrowsFlvFormatException(input, AacAudioConfig::parse);
    returnsOrThrowsFlvFormatException(input, H264Sps::parse);
    returnsOrThrowsFlvFormatException(input, b -> AvcDecoderConfig.parse(b).firstSps());
  }

  @Property(tries = 2000)
  void randomBytesNeverBreakAParser(@ForAll @Size(max = 80) byte[] input) {
    everyParser(input);
  }

  @Property(tries = 2000)
  void randomSpsBodiesNeverBreakTheSpsParser(@ForAll @Size(max = 80) byte[] body) {
    // Force a valid NAL header and a high profile so the random bits reach the deep fields.
    byte[] nal = new byte[body.length + 2];
    nal[0] = 0x67;
    nal[1] = 100;
    System.arraycopy(body, 0, nal, 2, body.length);
    returnsOrThrowsFlvFormatException(nal, H264Sps::parse);
  }

  @Provide
  Arbitrary<byte[]> realInputs() {
    return Arbitraries.of(
            RealEncoderFixtures.AVC_SEQUENCE_HEADER_1280X720,
            RealEncoderFixtures.AVC_SEQUENCE_HEADER_1280X720.substring(10),
            RealEncoderFixtures.SPS_1920X1080_HIGH,
            RealEncoderFixtures.SPS_640X360_INTERLACED,
            RealEncoderFixtures.SPS_322X182_HIGH444,
            RealEncoderFixtures.AAC_SEQUENCE_HEADER_44100_STEREO,
            RealEncoderFixtures.AAC_SEQUENCE_HEADER_44100_STEREO.substring(4),
            "90687663310101",
            "97020003e80161763031")
        .map(Hex::bytes);
  }

  @Property(tries = 3000)
  void realInputsWithCorruptedBytesNeverBreakAParser(@ForAll("realInputs") byte[] input,
      @ForAll int position, @ForAll byte value, @ForAll int cut) {
    byte[] mutated = input.clone();
    mutated[Math.floorMod(position, mutated.length)] = value;
    byte[] truncated = java.util.Arrays.copyOf(mutated, Math.floorMod(cut, mutated.length + 1));
    everyParser(mutated);
    everyParser(truncated);
  }

  @Property(tries = 500)
  void writtenTagsCanBeReadBack(@ForAll @Size(max = 300) byte[] data, @ForAll long timestamp) {
    ByteBuf out = Unpooled.buffer();
    try {
      FlvWriter.writeTag(out, FlvWriter.TAG_VIDEO, timestamp, Unpooled.wrappedBuffer(data));
      assertThat(out.readUnsignedByte()).isEqualTo((short) 9);
      assertThat(out.readUnsignedMedium()).isEqualTo(data.length);
      long ts = out.readUnsignedMedium() | ((long) out.readUnsignedByte() << 24);
      assertThat(ts).isEqualTo(timestamp & 0xFFFFFFFFL);
      assertThat(out.readUnsignedMedium()).isZero();
      byte[] back = new byte[data.length];
      out.readBytes(back);
      assertThat(back).isEqualTo(data);
      assertThat(out.readInt()).isEqualTo(11 + data.length);
      assertThat(out.readableBytes()).isZero();
    } finally {
      out.release();
    }
  }
}
