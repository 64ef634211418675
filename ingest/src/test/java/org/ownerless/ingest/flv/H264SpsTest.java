package org.ownerless.ingest.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ownerless.ingest.flv.Hex.bytes;
import static org.ownerless.ingest.flv.RealEncoderFixtures.*;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class H264SpsTest {

  @Test
  void baseline320x180IsCroppedFrom192CodedLines() {
    H264Sps sps = H264Sps.parse(bytes(SPS_320X180_BASELINE));
    assertThat(sps.profileIdc()).isEqualTo(66);
    assertThat(sps.constraintFlags()).isEqualTo(0xc0);
    assertThat(sps.levelIdc()).isEqualTo(12);
    assertThat(sps.picOrderCntType()).isEqualTo(2);
    assertThat(sps.maxNumRefFrames()).isEqualTo(3);
    assertThat(sps.width()).isEqualTo(320);
    assertThat(sps.height()).isEqualTo(180);
  }

  @Test
  void main640x360HasPocType0AndDefaultChroma() {
    H264Sps sps = H264Sps.parse(bytes(SPS_640X360_MAIN));
    assertThat(sps.profileIdc()).isEqualTo(77);
    assertThat(sps.levelIdc()).isEqualTo(30);
    assertThat(sps.picOrderCntType()).isZero();
    assertThat(sps.chromaFormatIdc()).isEqualTo(1);
    assertThat(sps.bitDepthLuma()).isEqualTo(8);
    assertThat(sps.width()).isEqualTo(640);
    assertThat(sps.height()).isEqualTo(360);
  }

  @Test
  void high1280x720NeedsNoCropping() {
    H264Sps sps = H264Sps.parse(bytes(SPS_1280X720_HIGH));
    assertThat(sps.profileIdc()).isEqualTo(100);
    assertThat(sps.levelIdc()).isEqualTo(31);
    assertThat(sps.width()).isEqualTo(1280);
    assertThat(sps.height()).isEqualTo(720);
  }

  @Test
  void high1920x1080IsCroppedFrom1088() {
    H264Sps sps = H264Sps.parse(bytes(SPS_1920X1080_HIGH));
    assertThat(sps.profileIdc()).isEqualTo(100);
    assertThat(sps.levelIdc()).isEqualTo(40);
    assertThat(sps.frameMbsOnly()).isTrue();
    assertThat(sps.width()).isEqualTo(1920);
    assertThat(sps.height()).isEqualTo(1080);
  }

  @Test
  void interlacedSpsCountsMapUnitsAsMacroblockPairsAndCropsInFieldLines() {
    H264Sps sps = H264Sps.parse(bytes(SPS_640X360_INTERLACED));
    assertThat(sps.frameMbsOnly()).isFalse();
    assertThat(sps.width()).isEqualTo(640);
    assertThat(sps.height()).isEqualTo(360);
  }

  static Stream<Arguments> realEncoderSps() {
    return Stream.of(
        Arguments.of("320x180 constrained baseline", SPS_320X180_BASELINE, 66, 12, 1, 8, 320, 180),
        Arguments.of("640x360 main", SPS_640X360_MAIN, 77, 30, 1, 8, 640, 360),
        Arguments.of("1280x720 high", SPS_1280X720_HIGH, 100, 31, 1, 8, 1280, 720),
        Arguments.of("1920x1080 high", SPS_1920X1080_HIGH, 100, 40, 1, 8, 1920, 1080),
        Arguments.of("1920x1080 baseline", SPS_1920X1080_BASELINE, 66, 40, 1, 8, 1920, 1080),
        Arguments.of("640x360 interlaced", SPS_640X360_INTERLACED, 100, 30, 1, 8, 640, 360),
        Arguments.of("854x480 high", SPS_854X480_HIGH, 100, 30, 1, 8, 854, 480),
        Arguments.of("1280x720 high 10", SPS_1280X720_HIGH10, 110, 31, 1, 10, 1280, 720),
        Arguments.of("1280x720 high 4:2:2", SPS_1280X720_HIGH422, 122, 31, 2, 8, 1280, 720),
        Arguments.of("640x360 high 4:4:4", SPS_640X360_HIGH444, 244, 30, 3, 8, 640, 360),
        Arguments.of("322x182 high 4:4:4", SPS_322X182_HIGH444, 244, 13, 3, 8, 322, 182));
  }

  @ParameterizedTest(name = "{0} gives what ffprobe reports")
  @MethodSource("realEncoderSps")
  void everyRealEncoderSpsGivesWhatFfprobeReports(String name, String hex, int profile, int level,
      int chroma, int bitDepth, int width, int height) {
    H264Sps sps = H264Sps.parse(bytes(hex));
    assertThat(sps.profileIdc()).isEqualTo(profile);
    assertThat(sps.levelIdc()).isEqualTo(level);
    assertThat(sps.chromaFormatIdc()).isEqualTo(chroma);
    assertThat(sps.bitDepthLuma()).isEqualTo(bitDepth);
    assertThat(sps.bitDepthChroma()).isEqualTo(bitDepth);
    assertThat(sps.width()).isEqualTo(width);
    assertThat(sps.height()).isEqualTo(height);
  }

  @Test
  void pocType1OffsetCycleIsSkipped() {
    byte[] nal = SpsBuilder.start(100, 31)
        .ue(1).ue(0).ue(0).flag(false).flag(false) // 4:2:0, 8-bit, no bypass, no matrices
        .ue(0) // log2_max_frame_num_minus4
        .ue(1) // pic_order_cnt_type 1
        .flag(false).se(-3).se(7).ue(3).se(2).se(-5).se(1000) // cycle of three offsets
        .ue(4).flag(false) // max_num_ref_frames, gaps
        .ue(79).ue(44).flag(true).flag(true).flag(false) // 80x45 MBs, frame only, no crop
        .flag(false) // vui
        .toNal();
    H264Sps sps = H264Sps.parse(nal);
    assertThat(sps.picOrderCntType()).isEqualTo(1);
    assertThat(sps.maxNumRefFrames()).isEqualTo(4);
    assertThat(sps.width()).isEqualTo(1280);
    assertThat(sps.height()).isEqualTo(720);
  }

  /** Lists: absent, explicit 16 values, "use default" (first delta → 0), ending early. */
  private static SpsBuilder scalingLists(SpsBuilder b, int count) {
    for (int i = 0; i < count; i++) {
      int size = i < 6 ? 16 : 64;
      switch (i % 4) {
        case 0 -> b.flag(false);
        case 1 -> {
          b.flag(true);
          int last = 8;
          for (int j = 0; j < size; j++) {
            int next = 16 + (j * 7) % 40; // never 0: every delta is coded
            int delta = next - last;
            if (delta > 127) {
              delta -= 256;
            } else if (delta < -128) {
              delta += 256;
            }
            b.se(delta);
            last = next;
          }
        }
        case 2 -> b.flag(true).se(-8); // nextScale 0 at j = 0: use the default matrix
        default -> b.flag(true).se(4).se(-2).se(20).se(-30); // 12, 10, 30, then 0: repeat 30
      }
    }
    return b;
  }

  @Test
  void scalingMatricesInTheSpsAreSkippedWithoutLosingAlignment() {
    SpsBuilder b = SpsBuilder.start(100, 30).ue(1).ue(0).ue(0).flag(false).flag(true);
    byte[] nal = scalingLists(b, 8)
        .ue(0).ue(0).ue(2) // frame num, poc type 0, poc lsb
        .ue(3).flag(false)
        .ue(39).ue(22).flag(true).flag(true) // 40x23 MBs = 640x368
        .flag(true).ue(0).ue(0).ue(0).ue(4) // crop 8 lines
        .flag(false)
        .toNal();
    H264Sps sps = H264Sps.parse(nal);
    assertThat(sps.width()).isEqualTo(640);
    assertThat(sps.height()).isEqualTo(360);
    assertThat(sps.maxNumRefFrames()).isEqualTo(3);
  }

  @Test
  void chroma444HasTwelveScalingListsAndOnePixelCropUnits() {
    SpsBuilder b = SpsBuilder.start(244, 30).ue(3).flag(false).ue(2).ue(2).flag(false).flag(true);
    byte[] nal = scalingLists(b, 12)
        .ue(0).ue(2).ue(1).flag(false) // poc type 2
        .ue(6).ue(3).flag(true).flag(true) // 7x4 MBs = 112x64
        .flag(true).ue(5).ue(7).ue(1).ue(3) // 112-12 = 100, 64-4 = 60
        .flag(false)
        .toNal();
    H264Sps sps = H264Sps.parse(nal);
    assertThat(sps.chromaFormatIdc()).isEqualTo(3);
    assertThat(sps.separateColourPlane()).isFalse();
    assertThat(sps.bitDepthLuma()).isEqualTo(10);
    assertThat(sps.width()).isEqualTo(100);
    assertThat(sps.height()).isEqualTo(60);
  }

  @Test
  void separateColourPlanesCropInLumaUnits() {
    byte[] nal = SpsBuilder.start(244, 30).ue(3).flag(true).ue(0).ue(0).flag(false).flag(false)
        .ue(0).ue(2).ue(1).flag(false)
        .ue(6).ue(3).flag(false).flag(false).flag(true) // field coding: 4 map units = 128 lines
        .flag(true).ue(5).ue(7).ue(1).ue(3) // x: 112-12 = 100; y: 128 - 2*(1+3) = 120
        .flag(false)
        .toNal();
    H264Sps sps = H264Sps.parse(nal);
    assertThat(sps.separateColourPlane()).isTrue();
    assertThat(sps.frameMbsOnly()).isFalse();
    assertThat(sps.width()).isEqualTo(100);
    assertThat(sps.height()).isEqualTo(120);
  }

  @Test
  void monochromeCropsInLumaUnits() {
    byte[] nal = SpsBuilder.start(100, 30).ue(0).ue(0).ue(0).flag(false).flag(false)
        .ue(0).ue(2).ue(1).flag(false)
        .ue(6).ue(3).flag(true).flag(true)
        .flag(true).ue(0).ue(1).ue(0).ue(3)
        .flag(false)
        .toNal();
    H264Sps sps = H264Sps.parse(nal);
    assertThat(sps.chromaFormatIdc()).isZero();
    assertThat(sps.width()).isEqualTo(111);
    assertThat(sps.height()).isEqualTo(61);
  }

  @Test
  void chroma422InterlacedCropsTwoPixelsAcrossAndTwoLinesDown() {
    byte[] nal = SpsBuilder.start(122, 30).ue(2).ue(0).ue(0).flag(false).flag(false)
        .ue(0).ue(0).ue(0).ue(1).flag(false)
        .ue(44).ue(17).flag(false).flag(true).flag(true) // 720 x (2*18*16 = 576)
        .flag(true).ue(1).ue(1).ue(0).ue(3) // 720 - 2*2 = 716, 576 - 2*3 = 570
        .flag(false)
        .toNal();
    H264Sps sps = H264Sps.parse(nal);
    assertThat(sps.width()).isEqualTo(716);
    assertThat(sps.height()).isEqualTo(570);
  }

  @Test
  void emulationPreventionBytesAreRemovedBeforeReadingFields() {
    // offset_for_non_ref_pic = -2^30 is coded as 31 zeros, 1, 30 zeros, 1: whole zero bytes, so
    // the encoder must insert 00 00 03 inside the fields we read (real SPSs only have it later,
    // in the VUI).
    byte[] nal = SpsBuilder.start(77, 30)
        .ue(0).ue(1).flag(false).se(-(1L << 30)).se(0).ue(0)
        .ue(1).flag(false).ue(19).ue(14).flag(true).flag(true).flag(false)
        .flag(false)
        .toNal();
    assertThat(Hex.hex(nal)).contains("000003");
    H264Sps sps = H264Sps.parse(nal);
    assertThat(sps.width()).isEqualTo(320);
    assertThat(sps.height()).isEqualTo(240);
  }

  @Test
  void unescapeDropsOnlyThe03AfterTwoZeros() {
    byte[] in = bytes("0000030100000303000003");
    assertThat(Hex.hex(H264Sps.unescape(in, 0, in.length))).isEqualTo("000001000003" + "0000");
  }

  @Test
  void everyTruncationOfARealSpsThrowsOrStillGivesTheSameSize() {
    byte[] full = bytes(SPS_1920X1080_HIGH);
    int threw = 0;
    for (int len = 0; len < full.length; len++) {
      byte[] cut = Arrays.copyOf(full, len);
      try {
        H264Sps sps = H264Sps.parse(cut);
        assertThat(sps.width()).isEqualTo(1920);
        assertThat(sps.height()).isEqualTo(1080);
      } catch (FlvFormatException e) {
        threw++;
      }
    }
    assertThat(threw).isGreaterThan(5);
    assertThatThrownBy(() -> H264Sps.parse(Arrays.copyOf(full, 6)))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("SPS truncated");
  }

  @Test
  void anEmptyNalIsRejected() {
    assertThatThrownBy(() -> H264Sps.parse(new byte[0]))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("empty");
  }

  @Test
  void aPpsIsNotAnSps() {
    assertThatThrownBy(() -> H264Sps.parse(bytes("68ebe3cb22c0")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("NAL unit type 8");
  }

  @Test
  void theForbiddenZeroBitMustBeZero() {
    assertThatThrownBy(() -> H264Sps.parse(bytes("e764001f")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("forbidden_zero_bit");
  }

  @Test
  void moreThan31LeadingZerosInAnExpGolombCodeIsAnError() {
    assertThatThrownBy(() -> H264Sps.parse(bytes("6764001f" + "00000000" + "ffffffff")))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("leading zero");
  }

  @Test
  void outOfRangeChromaFormatIsRejected() {
    byte[] nal = SpsBuilder.start(100, 30).ue(4).bits(0, 32).toNal();
    assertThatThrownBy(() -> H264Sps.parse(nal))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("chroma_format_idc = 4");
  }

  @Test
  void croppingAwayTheWholePictureIsRejected() {
    byte[] nal = SpsBuilder.start(66, 30).ue(0).ue(2).ue(1).flag(false)
        .ue(0).ue(0).flag(true).flag(true) // 16x16
        .flag(true).ue(4).ue(4).ue(0).ue(0) // crops 2*(4+4) = 16 pixels across
        .flag(false)
        .toNal();
    assertThatThrownBy(() -> H264Sps.parse(nal))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("leaves no picture");
  }

  @Test
  void absurdPictureSizesAreRejectedBeforeAnyArithmetic() {
    byte[] nal = SpsBuilder.start(66, 30).ue(0).ue(2).ue(1).flag(false)
        .ue(0xFFFFFFFEL).ue(0).flag(true).flag(true).flag(false).flag(false)
        .toNal();
    assertThatThrownBy(() -> H264Sps.parse(nal))
        .isInstanceOf(FlvFormatException.class).hasMessageContaining("pic_width_in_mbs_minus1");
  }
}
