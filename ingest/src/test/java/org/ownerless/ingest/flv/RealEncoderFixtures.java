package org.ownerless.ingest.flv;

/**
 * Bytes produced by real encoders, dumped as hex. Made with ffmpeg 6 / libx264 from
 * {@code -f lavfi -i testsrc=size=WxH:rate=25 -frames:v 3 -c:v libx264 -profile:v P -pix_fmt F
 * out.flv}, then the first video/audio tag bodies were cut out of the FLV; expected values are
 * what ffprobe reports for the same files.
 */
final class RealEncoderFixtures {
  private RealEncoderFixtures() {}

  // ---- SPS NAL units (with the 0x67 NAL header) ----

  /** Constrained Baseline (66, flags c0), level 1.2, 320x180 coded as 320x192, POC type 2. */
  static final String SPS_320X180_BASELINE =
      "6742c00cd901419f9f011000000300100000030320f142a480";
  /** Main (77, flags 40), level 3.0, 640x360 coded as 640x368. */
  static final String SPS_640X360_MAIN = "674d401eeca05017fcb808800000030080000019078b16cb";
  /** High (100), level 3.1, 1280x720, no cropping. */
  static final String SPS_1280X720_HIGH =
      "6764001facd9405005bb011000000300100000030320f1831960";
  /** High (100), level 4.0, 1920x1080 coded as 1920x1088 (crop_bottom 4 × CropUnitY 2). */
  static final String SPS_1920X1080_HIGH =
      "67640028acd940780227e5c044000003000400000300c83c60c658";
  /** Constrained Baseline, level 4.0, 1920x1080. */
  static final String SPS_1920X1080_BASELINE =
      "6742c028d900780227e5c044000003000400000300c83c60c920";
  /** High, level 3.0, interlaced (frame_mbs_only 0): 12 MB-pair rows = 384 lines, crop 6 × 4. */
  static final String SPS_640X360_INTERLACED =
      "6764001eacd940a063f3e022000003000200000300643e28532c";
  /** High, level 3.0, 854x480: width not a multiple of 16, cropped on the right. */
  static final String SPS_854X480_HIGH = "6764001eacd940d83de6f011000003000100000300320f162d96";
  /** High 10 (110), level 3.1, 1280x720, 10-bit 4:2:0. */
  static final String SPS_1280X720_HIGH10 =
      "676e001fa6cd9405005bb011000003000100000300320f183196";
  /** High 4:2:2 (122), level 3.1, 1280x720. */
  static final String SPS_1280X720_HIGH422 =
      "677a001fbcd9405005bb011000000300100000030320f1831960";
  /** High 4:4:4 Predictive (244), level 3.0, 640x360. */
  static final String SPS_640X360_HIGH444 =
      "67f4001e919b281405ff1380880000030008000003019078b16cb0";
  /** High 4:4:4 (244), level 1.3, 322x182: crop units of 1 pixel on both axes. */
  static final String SPS_322X182_HIGH444 =
      "67f4000d919b282a33c7c5e022000003000200000300641e28532c";

  // ---- whole RTMP video message payloads (= FLV video tag bodies) ----

  /** AVC sequence header of the 1280x720 High 3.1 stream: 5-byte tag header + avcC. */
  static final String AVC_SEQUENCE_HEADER_1280X720 =
      "1700000000"
          + "0164001fffe1001a6764001facd9405005bb011000000300100000030320f1831960"
          + "01000668ebe3cb22c0fdf8f800";
  /** First 12 bytes of a keyframe NALU message from a stream with B-frames: CTS 0x50 = 80 ms. */
  static final String AVC_KEYFRAME_NALU_PREFIX = "1701000050000002ae0605ff";
  /** AVC end of sequence, as ffmpeg writes it at the end of a stream. */
  static final String AVC_END_OF_SEQUENCE = "1702000000";

  // ---- AAC sequence headers (2-byte tag header + AudioSpecificConfig) ----

  /** ffmpeg aac, 44.1 kHz stereo; the 56e5 00 tail is the implicit "no SBR" sync extension. */
  static final String AAC_SEQUENCE_HEADER_44100_STEREO = "af00121056e500";
  /** ffmpeg aac, 48 kHz mono. */
  static final String AAC_SEQUENCE_HEADER_48000_MONO = "af00118856e500";
}
