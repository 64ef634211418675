package org.ownerless.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The clock stripe's filter chain, as ffmpeg gets it (the e2e test runs it). */
class ClockCodeTest {
  private final List<String> filters = Arrays.asList(ClockCode.filter(30).split(",(?![^(]*\\))"));

  @Test
  void framesAreStampedWithTheWallClockInMillisecondsThenGetRegularTimestampsBack() {
    assertThat(filters.get(0)).isEqualTo("settb=1/1000");
    assertThat(filters.get(1)).isEqualTo("setpts=RTCTIME/1000");
    assertThat(filters.get(filters.size() - 1)).isEqualTo("setpts=N/(30*TB)");
  }

  @Test
  void everyBitHasAWhiteBlockForOneAboveAndForZeroBelowOnABlackBar() {
    assertThat(filters.get(2)).startsWith("drawbox=").contains("color=black").doesNotContain("enable");
    List<String> bits = filters.subList(3, filters.size() - 1);
    assertThat(bits).hasSize(2 * ClockCode.BITS).allMatch(f -> f.contains("color=white") && f.contains(":t=fill"));
    assertThat(bits.get(0)).contains("/1)\\,2)\\,1)");
    assertThat(bits.get(1)).contains("/1)\\,2)\\,0)");
    assertThat(bits.get(62)).contains("/2147483648)\\,2)\\,1)");
    // Sizes follow the frame width, so a 240p rendition keeps a readable stripe.
    assertThat(bits.get(0)).contains("x=iw*2100/36000:y=iw*850/36000:w=iw*800/36000:h=iw*800/36000");
    assertThat(bits.get(1)).contains("y=iw*1850/36000");
  }

  @Test
  void theDemoSourceDrawsTheStripeWithAndWithoutTheTextClock() {
    DemoSourceCommand with = new DemoSourceCommand(true);
    DemoSourceCommand without = new DemoSourceCommand(false);
    assertThat(with.videoFilter()).startsWith(ClockCode.filter(30)).contains("drawtext=");
    assertThat(without.videoFilter()).isEqualTo(ClockCode.filter(30));
    assertThat(with.args()).contains("testsrc2=size=854x480:rate=30");
  }

  /** {@link DemoSource#command} without starting a source. */
  private record DemoSourceCommand(boolean withTextClock) {
    List<String> args() {
      return DemoSource.command("ffmpeg", "rtmp://127.0.0.1:1/live/k", SourceSize.DEFAULT, withTextClock);
    }

    String videoFilter() {
      List<String> a = args();
      return a.get(a.indexOf("-vf") + 1);
    }
  }
}
