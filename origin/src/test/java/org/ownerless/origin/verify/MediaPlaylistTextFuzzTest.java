package org.ownerless.origin.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The M3U8 media playlist reader {@code verify URL} compares with the signed manifest (and the
 * bucket upload reads back). The playlist is not signed: anyone between the node and the verifier
 * can write it. Contract: a value whose media sequence and segment numbers are non-negative and
 * whose durations are whole non-negative microseconds, or exactly an {@link IllegalArgumentException}
 * (the refusal {@code StreamVerifier} reports as MALFORMED) with a message short enough for one
 * report line — the playlist's own text is cut, never echoed whole.
 */
class MediaPlaylistTextFuzzTest {
  /** A refusal quotes at most a shortened value plus its explanation. */
  static final int MAX_MESSAGE_CHARS = 200;

  @FuzzTest(maxDuration = "10m")
  void parse(byte[] playlist) {
    MediaPlaylistText parsed;
    try {
      parsed = MediaPlaylistText.parse(playlist);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getClass()).as("the refusal type, not a subclass such as NumberFormatException")
          .isEqualTo(IllegalArgumentException.class);
      assertThat(refused.getMessage().length()).as("message: %s", refused.getMessage())
          .isLessThanOrEqualTo(MAX_MESSAGE_CHARS);
      return;
    }
    assertThat(parsed.mediaSequence()).isNotNegative();
    long expected = parsed.mediaSequence();
    for (MediaPlaylistText.Item item : parsed.items()) {
      assertThat(item.index()).as("segment numbers count up from the media sequence").isEqualTo(expected++);
      assertThat(item.index()).isNotNegative();
      assertThat(item.durationUs()).isNotNegative();
    }
  }
}
