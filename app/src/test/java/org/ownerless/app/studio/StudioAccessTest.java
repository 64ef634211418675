package org.ownerless.app.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.ownerless.app.studio.StudioAccess.Verdict;

class StudioAccessTest {
  static final String TOKEN = "the-publish-token-123";
  final StudioAccess access = new StudioAccess(TOKEN);

  static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  static HttpHeaders headers(String... pairs) {
    HttpHeaders h = new DefaultHttpHeaders();
    for (int i = 0; i < pairs.length; i += 2) {
      h.add(pairs[i], pairs[i + 1]);
    }
    return h;
  }

  @Test
  void aBrowserOnTheNodesMachineIsLetInWithoutAToken() throws Exception {
    assertThat(access.decide(ip("127.0.0.1"), headers("Host", "127.0.0.1:8080"), null)).isEqualTo(Verdict.ALLOWED);
    assertThat(access.decide(ip("::1"), headers("Host", "[::1]:8080"), null)).isEqualTo(Verdict.ALLOWED);
    assertThat(access.decide(ip("127.0.0.1"), headers("Host", "localhost"), null)).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void aRemoteBrowserWithoutATokenIsAskedForOne() throws Exception {
    assertThat(access.decide(ip("203.0.113.7"), headers("Host", "node.example"), null))
        .isEqualTo(Verdict.UNAUTHENTICATED);
  }

  @Test
  void aLoopbackRequestThatAReverseProxyForwardedIsNotLocal() throws Exception {
    for (String header : new String[] {"X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Forwarded-Host"}) {
      assertThat(access.decide(ip("127.0.0.1"), headers("Host", "127.0.0.1:8080", header, "203.0.113.7"), null))
          .as(header).isEqualTo(Verdict.UNAUTHENTICATED);
    }
  }

  @Test
  void aLoopbackRequestForAnotherHostNameIsNotLocalSoARebindingPageCannotReadTheStudio() throws Exception {
    assertThat(access.decide(ip("127.0.0.1"), headers("Host", "attacker.example:8080"), null))
        .isEqualTo(Verdict.UNAUTHENTICATED);
    assertThat(access.decide(ip("127.0.0.1"), headers(), null)).isEqualTo(Verdict.UNAUTHENTICATED);
    assertThat(access.decide(ip("127.0.0.1"), headers("Host", "127.0.0.1.attacker.example"), null))
        .isEqualTo(Verdict.UNAUTHENTICATED);
  }

  @Test
  void theBearerTokenOpensTheStudioFromAnywhereAndAWrongOneIsRefused() throws Exception {
    assertThat(access.decide(ip("203.0.113.7"), headers("Authorization", "Bearer " + TOKEN), null))
        .isEqualTo(Verdict.ALLOWED);
    assertThat(access.decide(ip("203.0.113.7"), headers("Authorization", "bearer " + TOKEN), null))
        .isEqualTo(Verdict.ALLOWED);
    assertThat(access.decide(ip("203.0.113.7"), headers("Authorization", "Bearer " + TOKEN + "x"), null))
        .isEqualTo(Verdict.WRONG_TOKEN);
    assertThat(access.decide(ip("203.0.113.7"), headers("Authorization", "Basic " + TOKEN), null))
        .isEqualTo(Verdict.WRONG_TOKEN);
  }

  @Test
  void aWrongCredentialIsRefusedEvenFromLoopback() throws Exception {
    assertThat(access.decide(ip("127.0.0.1"), headers("Host", "127.0.0.1", "Authorization", "Bearer nope"), null))
        .isEqualTo(Verdict.WRONG_TOKEN);
  }

  @Test
  void theTokenInTheQuerySetsTheCookieAndAWrongOneIsRefused() throws Exception {
    assertThat(access.decide(ip("203.0.113.7"), headers(), TOKEN)).isEqualTo(Verdict.SET_COOKIE);
    assertThat(access.decide(ip("203.0.113.7"), headers(), "guess")).isEqualTo(Verdict.WRONG_TOKEN);
    assertThat(access.decide(ip("203.0.113.7"), headers(), "")).isEqualTo(Verdict.WRONG_TOKEN);
  }

  @Test
  void theCookieOpensTheStudioButHoldsOnlyAHashOfTheToken() throws Exception {
    String cookie = access.cookieValue();
    assertThat(cookie).doesNotContain(TOKEN).isNotEqualTo(new StudioAccess("another-token-4567").cookieValue());
    assertThat(access.decide(ip("203.0.113.7"), headers("Cookie", "a=b; ownerless-studio=" + cookie), null))
        .isEqualTo(Verdict.ALLOWED);
    assertThat(access.decide(ip("203.0.113.7"), headers("Cookie", "ownerless-studio=" + TOKEN), null))
        .isEqualTo(Verdict.WRONG_TOKEN);
    assertThat(access.decide(ip("203.0.113.7"), headers("Cookie", "other=" + cookie), null))
        .isEqualTo(Verdict.UNAUTHENTICATED);
  }

  @Test
  void aNodeWithoutAPublishTokenCannotHaveAStudio() {
    assertThatThrownBy(() -> new StudioAccess("")).isInstanceOf(IllegalArgumentException.class);
  }
}
