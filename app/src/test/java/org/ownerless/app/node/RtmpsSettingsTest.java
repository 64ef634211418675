package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ownerless.app.UserError;

/** Where RTMP and RTMPS listen, and with which certificate, from the flags a user gives. */
class RtmpsSettingsTest {
  private static final Path CERT = Path.of("cert.pem");
  private static final Path KEY = Path.of("key.pem");

  private static NodeSettingsBuilder node() {
    return NodeSettings.builder().publishToken("token-123456").host("0.0.0.0");
  }

  @Test
  void withoutACertificateThereIsNoRtmpsAndPlainRtmpListensOnHost() {
    NodeSettings s = node().build();
    assertThat(s.rtmps()).isFalse();
    assertThat(s.rtmpHost()).isEqualTo("0.0.0.0");
  }

  @Test
  void theHttpsCertificateTurnsRtmpsOnAt1936AndPlainRtmpGoesLoopback() {
    NodeSettings s = node().tls(CERT, KEY).build();
    assertThat(s.rtmps()).isTrue();
    assertThat(s.rtmpsCert()).isEqualTo(CERT);
    assertThat(s.rtmpsKey()).isEqualTo(KEY);
    assertThat(s.rtmpsPort()).isEqualTo(1936);
    assertThat(s.rtmpHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void anRtmpsCertificateOfItsOwnWinsAndRtmpHostKeepsPlainRtmpWhereAsked() {
    Path own = Path.of("rtmps.pem");
    Path ownKey = Path.of("rtmps-key.pem");
    NodeSettings s = node().tls(CERT, KEY).rtmps(2000, own, ownKey).rtmpHost("0.0.0.0").build();
    assertThat(s.rtmpsCert()).isEqualTo(own);
    assertThat(s.rtmpsKey()).isEqualTo(ownKey);
    assertThat(s.rtmpsPort()).isEqualTo(2000);
    assertThat(s.rtmpHost()).isEqualTo("0.0.0.0");
  }

  @Test
  void mistakesAreOneLineNamingTheFlag() {
    assertThatThrownBy(() -> node().rtmps(1936, null, null).build()).isInstanceOf(UserError.class)
        .hasMessageContaining("--rtmps-port needs a certificate");
    assertThatThrownBy(() -> node().rtmps(null, CERT, null).build()).isInstanceOf(UserError.class)
        .hasMessage("--rtmps-cert and --rtmps-key go together");
    assertThatThrownBy(() -> node().tls(CERT, KEY).rtmps(1935, null, null).build()).isInstanceOf(UserError.class)
        .hasMessageContaining("--rtmps-port and --rtmp-port must differ");
    assertThatThrownBy(() -> node().rtmpHost("not an address").build()).isInstanceOf(UserError.class)
        .hasMessageStartingWith("--rtmp-host");
  }
}
