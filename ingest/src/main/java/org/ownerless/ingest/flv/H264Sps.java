package org.ownerless.ingest.flv;

/**
 * The fields of an H.264 sequence parameter set (ISO 14496-10 §7.3.2.1.1) needed to describe a
 * stream: profile, level, chroma format, bit depth and the displayed picture size.
 *
 * <p>Parsing stops after the frame cropping fields: VUI (aspect ratio, timing) is not needed and
 * is where real-world encoders most often write odd things. The size is what a viewer sees, i.e.
 * after cropping: 1920x1080 is coded as 120x68 macroblocks (1088 lines) with 8 lines cropped.
 */
public final class H264Sps {
  private static final int NAL_TYPE_SPS = 7;

  /**
   * Beyond any level limit (level 6.2 allows 139264 MBs per frame, at most ~1055 MBs per side),
   * yet small enough that width/height computations cannot overflow an int.
   */
  private static final int MAX_MBS_PER_SIDE = 4096;

  private final int profileIdc;
  private final int constraintFlags;
  private final int levelIdc;
  private final int seqParameterSetId;
  private final int chromaFormatIdc;
  private final boolean separateColourPlane;
  private final int bitDepthLuma;
  private final int bitDepthChroma;
  private final int picOrderCntType;
  private final int maxNumRefFrames;
  private final boolean frameMbsOnly;
  private final int width;
  private final int height;

  private H264Sps(Fields f) {
    this.profileIdc = f.profileIdc;
    this.constraintFlags = f.constraintFlags;
    this.levelIdc = f.levelIdc;
    this.seqParameterSetId = f.seqParameterSetId;
    this.chromaFormatIdc = f.chromaFormatIdc;
    this.separateColourPlane = f.separateColourPlane;
    this.bitDepthLuma = f.bitDepthLuma;
    this.bitDepthChroma = f.bitDepthChroma;
    this.picOrderCntType = f.picOrderCntType;
    this.maxNumRefFrames = f.maxNumRefFrames;
    this.frameMbsOnly = f.frameMbsOnly;
    this.width = f.width;
    this.height = f.height;
  }

  /** Parses a whole SPS NAL unit, starting with its one-byte NAL header (type 7). */
  public static H264Sps parse(byte[] nal) {
    return parse(nal, 0, nal.length);
  }

  public static H264Sps parse(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > buf.length) {
      throw new IllegalArgumentException("range " + offset + "+" + length + " outside array of "
          + buf.length);
    }
    if (length < 1) {
      throw new FlvFormatException("SPS truncated: empty NAL unit");
    }
    int header = buf[offset] & 0xff;
    if ((header & 0x80) != 0) {
      throw new FlvFormatException("SPS malformed: forbidden_zero_bit is set");
    }
    if ((header & 0x1f) != NAL_TYPE_SPS) {
      throw new FlvFormatException("not an SPS: NAL unit type " + (header & 0x1f) + ", expected 7");
    }
    byte[] rbsp = unescape(buf, offset + 1, length - 1);
    return new H264Sps(parseRbsp(new BitReader(rbsp, 0, rbsp.length, "SPS")));
  }

  /**
   * NAL payload → RBSP: the encoder inserted 0x03 after every 00 00 that would otherwise be
   * followed by a byte ≤ 3 (§7.4.1), so that start codes cannot appear inside a NAL unit. The
   * exp-Golomb fields would be misread if those bytes were left in.
   */
  static byte[] unescape(byte[] buf, int offset, int length) {
    byte[] out = new byte[length];
    int n = 0;
    int zeros = 0;
    for (int i = offset; i < offset + length; i++) {
      int b = buf[i] & 0xff;
      if (zeros >= 2 && b == 0x03) {
        zeros = 0;
        continue;
      }
      zeros = b == 0 ? zeros + 1 : 0;
      out[n++] = (byte) b;
    }
    return n == length ? out : java.util.Arrays.copyOf(out, n);
  }

  private static final class Fields {
    int profileIdc;
    int constraintFlags;
    int levelIdc;
    int seqParameterSetId;
    int chromaFormatIdc = 1; // inferred 4:2:0 when absent (§7.4.2.1.1)
    boolean separateColourPlane;
    int bitDepthLuma = 8;
    int bitDepthChroma = 8;
    int picOrderCntType;
    int maxNumRefFrames;
    boolean frameMbsOnly;
    int width;
    int height;
  }

  private static Fields parseRbsp(BitReader r) {
    Fields f = new Fields();
    f.profileIdc = r.readInt(8);
    f.constraintFlags = r.readInt(8);
    f.levelIdc = r.readInt(8);
    f.seqParameterSetId = r.readUe("seq_parameter_set_id", 31);
    if (hasChromaInfo(f.profileIdc)) {
      f.chromaFormatIdc = r.readUe("chroma_format_idc", 3);
      if (f.chromaFormatIdc == 3) {
        f.separateColourPlane = r.readFlag();
      }
      f.bitDepthLuma = 8 + r.readUe("bit_depth_luma_minus8", 6);
      f.bitDepthChroma = 8 + r.readUe("bit_depth_chroma_minus8", 6);
      r.skipBits(1); // qpprime_y_zero_transform_bypass_flag
      if (r.readFlag()) { // seq_scaling_matrix_present_flag
        // 6 4x4 lists, then 2 8x8 lists (6 for 4:4:4, which has separate Cb/Cr 8x8 lists).
        int lists = f.chromaFormatIdc != 3 ? 8 : 12;
        for (int i = 0; i < lists; i++) {
          if (r.readFlag()) { // seq_scaling_list_present_flag[i]
            skipScalingList(r, i < 6 ? 16 : 64);
          }
        }
      }
    }
    r.readUe("log2_max_frame_num_minus4", 12);
    f.picOrderCntType = r.readUe("pic_order_cnt_type", 2);
    if (f.picOrderCntType == 0) {
      r.readUe("log2_max_pic_order_cnt_lsb_minus4", 12);
    } else if (f.picOrderCntType == 1) {
      r.skipBits(1); // delta_pic_order_always_zero_flag
      r.readSe(); // offset_for_non_ref_pic
      r.readSe(); // offset_for_top_to_bottom_field
      // Bounded by §7.4.2.1.1 (0..255), so garbage cannot make this loop long.
      int cycle = r.readUe("num_ref_frames_in_pic_order_cnt_cycle", 255);
      for (int i = 0; i < cycle; i++) {
        r.readSe(); // offset_for_ref_frame[i]
      }
    }
    // MaxDpbFrames never exceeds 16 in any level.
    f.maxNumRefFrames = r.readUe("max_num_ref_frames", 16);
    r.skipBits(1); // gaps_in_frame_num_value_allowed_flag
    int widthInMbs = r.readUe("pic_width_in_mbs_minus1", MAX_MBS_PER_SIDE - 1) + 1;
    int heightInMapUnits = r.readUe("pic_height_in_map_units_minus1", MAX_MBS_PER_SIDE - 1) + 1;
    f.frameMbsOnly = r.readFlag();
    if (!f.frameMbsOnly) {
      r.skipBits(1); // mb_adaptive_frame_field_flag
    }
    r.skipBits(1); // direct_8x8_inference_flag

    // With field coding allowed, a map unit is a macroblock pair: two MBs stacked (§7.4.2.1.1).
    int fieldFactor = f.frameMbsOnly ? 1 : 2;
    int codedWidth = widthInMbs * 16;
    int codedHeight = fieldFactor * heightInMapUnits * 16;
    long cropLeft = 0;
    long cropRight = 0;
    long cropTop = 0;
    long cropBottom = 0;
    if (r.readFlag()) { // frame_cropping_flag
      cropLeft = r.readUe();
      cropRight = r.readUe();
      cropTop = r.readUe();
      cropBottom = r.readUe();
    }
    // Offsets count chroma samples (and field lines when interlaced), not luma pixels (eq. 7-19
    // to 7-22). Monochrome and separately coded planes (ChromaArrayType 0) use luma units.
    int chromaArrayType = f.separateColourPlane ? 0 : f.chromaFormatIdc;
    int subWidthC = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
    int subHeightC = chromaArrayType == 1 ? 2 : 1;
    int cropUnitX = chromaArrayType == 0 ? 1 : subWidthC;
    int cropUnitY = (chromaArrayType == 0 ? 1 : subHeightC) * fieldFactor;
    long width = codedWidth - cropUnitX * (cropLeft + cropRight);
    long height = codedHeight - cropUnitY * (cropTop + cropBottom);
    if (width <= 0 || height <= 0) {
      throw new FlvFormatException("SPS malformed: cropping (" + cropLeft + "," + cropRight + ","
          + cropTop + "," + cropBottom + ") leaves no picture of the coded " + codedWidth + "x"
          + codedHeight);
    }
    f.width = (int) width;
    f.height = (int) height;
    return f;
  }

  /** The profiles whose SPS carries chroma_format_idc, bit depths and scaling matrices. */
  private static boolean hasChromaInfo(int profileIdc) {
    switch (profileIdc) {
      case 100: case 110: case 122: case 244: case 44: case 83: case 86: case 118: case 128:
      case 138: case 139: case 134: case 135:
        return true;
      default:
        return false;
    }
  }

  /**
   * Skips scaling_list() (§7.3.2.1.1.1). Values are delta-coded and a delta that makes nextScale
   * 0 means "repeat the last value to the end", after which no more deltas are coded: skipping
   * a fixed number of se(v) would misalign everything after.
   */
  private static void skipScalingList(BitReader r, int size) {
    int lastScale = 8;
    int nextScale = 8;
    for (int j = 0; j < size; j++) {
      if (nextScale != 0) {
        int deltaScale = r.readSe("delta_scale", -128, 127);
        nextScale = (lastScale + deltaScale + 256) % 256;
      }
      lastScale = nextScale == 0 ? lastScale : nextScale;
    }
  }

  /** profile_idc: 66 baseline, 77 main, 100 high, 110 high 10, 122 high 4:2:2, 244 high 4:4:4. */
  public int profileIdc() {
    return profileIdc;
  }

  /** The byte of constraint_set0..5 flags plus reserved bits, the "CC" of avc1.PPCCLL. */
  public int constraintFlags() {
    return constraintFlags;
  }

  /** level_idc: ten times the level number (31 = level 3.1), except 9 for level 1b. */
  public int levelIdc() {
    return levelIdc;
  }

  public int seqParameterSetId() {
    return seqParameterSetId;
  }

  /** 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4. */
  public int chromaFormatIdc() {
    return chromaFormatIdc;
  }

  public boolean separateColourPlane() {
    return separateColourPlane;
  }

  public int bitDepthLuma() {
    return bitDepthLuma;
  }

  public int bitDepthChroma() {
    return bitDepthChroma;
  }

  public int picOrderCntType() {
    return picOrderCntType;
  }

  public int maxNumRefFrames() {
    return maxNumRefFrames;
  }

  /** False when the stream may contain field (interlaced) pictures. */
  public boolean frameMbsOnly() {
    return frameMbsOnly;
  }

  /** Displayed luma width in pixels, after cropping. */
  public int width() {
    return width;
  }

  /** Displayed luma height in pixels (frame lines), after cropping. */
  public int height() {
    return height;
  }

  @Override
  public String toString() {
    return "H264Sps{profile=" + profileIdc + ", level=" + levelIdc + ", chroma=" + chromaFormatIdc
        + ", bitDepth=" + bitDepthLuma + ", " + width + "x" + height
        + (frameMbsOnly ? "" : " (fields)") + '}';
  }
}
