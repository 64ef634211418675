package org.ownerless.ingest.flv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * The FLV-side parsers a publisher's media messages reach: video and audio tag headers (legacy and
 * Enhanced RTMP), the avcC record with its first SPS, the AAC AudioSpecificConfig and a bare SPS.
 * Contract: a value or {@link FlvFormatException}; any other exception is a finding. The first
 * byte picks the parser so one harness covers the family (the jqwik
 * {@code ParsersNeverFailUnexpectedlyProperties} samples the same contract without coverage feedback).
 */
class FlvFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void codecHeaders(byte[] input) {
    if (input.length == 0) {
      return;
    }
    byte[] body = Arrays.copyOfRange(input, 1, input.length);
    try {
      switch (Math.floorMod(input[0], 5)) {
        case 0 -> VideoTagHeader.parse(body);
        case 1 -> AudioTagHeader.parse(body);
        case 2 -> AvcDecoderConfig.parse(body).firstSps();
        case 3 -> AacAudioConfig.parse(body);
        default -> H264Sps.parse(body);
      }
    } catch (FlvFormatException refused) {
      // the typed refusal: the session drops the stream's media, the connection survives
    }
  }
}
