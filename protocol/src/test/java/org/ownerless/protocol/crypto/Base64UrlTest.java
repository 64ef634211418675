package org.ownerless.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Base64UrlTest {
  @Test
  void decodingRefusesEverySpellingButTheCanonicalOne() {
    byte[] key = new byte[32];
    key[31] = 1;
    String canonical = Base64Url.encode(key);
    assertThat(Base64Url.decode(canonical, 32)).isEqualTo(key);
    // The 43rd character carries 2 unused bits; setting them must not yield the same key.
    char last = canonical.charAt(42);
    String sloppy = canonical.substring(0, 42) + (char) (last + 1);
    assertThatThrownBy(() -> Base64Url.decode(sloppy, 32)).hasMessageContaining("non-canonical");
    assertThatThrownBy(() -> Base64Url.decode(canonical + "=", 32)).hasMessageContaining("expected 43");
    assertThatThrownBy(() -> Base64Url.decode(canonical.replace(canonical.charAt(0), '+'), 32))
        .hasMessageContaining("invalid base64url character");
  }
}
