package org.ownerless.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The standalone tracker's command line refuses bad limits and busy ports with one clear line. */
class TrackerCommandTest {

  @Test
  void aNonPositiveLimitIsAUserErrorNotAStackTrace() {
    CliRun r = CliRun.of("tracker", "--port", "0", "--max-offers", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("maxOffers must be positive").doesNotContain("Exception", "\tat ");
  }

  @Test
  void aBadDurationNamesTheExpectedForm() {
    CliRun r = CliRun.of("tracker", "--peer-ttl", "soon");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'soon' is not a duration");
  }

  @Test
  void aBusyPortSaysSo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun r = CliRun.of("tracker", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()));
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains("already in use").doesNotContain("\tat ");
    }
  }

  @Test
  void helpListsEveryLimit() {
    CliRun r = CliRun.of("tracker", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--allow-origin", "--peer-ttl", "--offer-ttl", "--idle-timeout", "--max-connections",
        "--max-offers", "--max-swarms-per-connection", "--max-message-bytes", "--max-outbound-bytes",
        "--offers-per-second", "--offer-burst", "--allow-info-hash");
  }

  @Test
  void anInfoHashInHexIsRefusedWithTheFormClientsSend() {
    CliRun r = CliRun.of("tracker", "--port", "0", "--allow-info-hash", "0123456789abcdef0123456789abcdef01234567");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("must be 20 characters").doesNotContain("\tat ");
  }

  @Test
  void aZeroOfferRateIsAUserError() {
    CliRun r = CliRun.of("tracker", "--port", "0", "--offers-per-second", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("offersPerSecond must be positive");
  }
}
