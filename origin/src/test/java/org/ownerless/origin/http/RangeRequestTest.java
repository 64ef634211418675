package org.ownerless.origin.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeRequestTest {

  @Test
  void singleRangesAreClampedToTheFile() {
    assertThat(RangeRequest.parse("bytes=0-0", 10)).isEqualTo(new RangeRequest.Part(0, 0));
    assertThat(RangeRequest.parse("bytes=3-", 10)).isEqualTo(new RangeRequest.Part(3, 9));
    assertThat(RangeRequest.parse("bytes=3-99", 10)).isEqualTo(new RangeRequest.Part(3, 9));
    assertThat(RangeRequest.parse("bytes=-4", 10)).isEqualTo(new RangeRequest.Part(6, 9));
    assertThat(RangeRequest.parse("bytes=-40", 10)).isEqualTo(new RangeRequest.Part(0, 9));
    assertThat(RangeRequest.parse("Bytes = 1-2 ", 10)).isInstanceOf(RangeRequest.Whole.class);
    assertThat(RangeRequest.parse("BYTES=1-2", 10)).isEqualTo(new RangeRequest.Part(1, 2));
  }

  @Test
  void rangesOutsideTheFileAreUnsatisfiable() {
    assertThat(RangeRequest.parse("bytes=10-", 10)).isInstanceOf(RangeRequest.Unsatisfiable.class);
    assertThat(RangeRequest.parse("bytes=-0", 10)).isInstanceOf(RangeRequest.Unsatisfiable.class);
    assertThat(RangeRequest.parse("bytes=0-", 0)).isInstanceOf(RangeRequest.Unsatisfiable.class);
    assertThat(RangeRequest.parse("bytes=-5", 0)).isInstanceOf(RangeRequest.Unsatisfiable.class);
  }

  @Test
  void malformedOrMultipleRangesMeanTheWholeFile() {
    for (String h : new String[] {null, "", "bytes=", "bytes=-", "bytes=5-1", "bytes=a-b", "bytes=1-2,4-5",
        "lines=1-2", "bytes=99999999999999999999-", "bytes=+1-2", "bytes=1"}) {
      assertThat(RangeRequest.parse(h, 10)).as(String.valueOf(h)).isInstanceOf(RangeRequest.Whole.class);
    }
  }
}
