package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamKeyTest {
  @Test
  void theObsStreamKeyCarriesNameAndToken() {
    assertThat(StreamKey.parse("show?token=s3cr3t%2Bx")).isEqualTo(new StreamKey("show", "s3cr3t+x"));
    assertThat(StreamKey.parse("show?foo=1&token=abc")).isEqualTo(new StreamKey("show", "abc"));
    assertThat(StreamKey.parse("show")).isEqualTo(new StreamKey("show", ""));
  }

  @Test
  void namesThatAreNotPathSafeAreRefused() {
    assertThat(StreamKey.parse("../x?token=a")).isNull();
    assertThat(StreamKey.parse("a/b?token=a")).isNull();
    assertThat(StreamKey.parse("")).isNull();
    assertThat(StreamKey.parse(null)).isNull();
  }

  @Test
  void theTokenNeverAppearsInTheTextForm() {
    assertThat(StreamKey.parse("show?token=s3cr3t").toString()).doesNotContain("s3cr3t");
  }
}
