package org.ownerless.origin.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Settings are checked up front, each refusal naming the flag; keys and headers follow the origin's layout. */
class BucketSettingsTest {
  @Test
  void defaultsMakeThePathStyleAddressOfThePrefixTheOriginHint() {
    BucketSettings s = BucketSettings.of("https://minio.example:9000/", null, "videos", "/live/eu/", "id", "secret", null);
    assertThat(s.region()).isEqualTo("us-east-1");
    assertThat(s.prefix()).isEqualTo("live/eu");
    assertThat(s.publicUrl()).isEqualTo("https://minio.example:9000/videos/live/eu/");
    assertThat(s.key("streams/P/N/announce.json")).isEqualTo("live/eu/streams/P/N/announce.json");
    assertThat(BucketSettings.of("http://h", "eu-west-1", "videos", null, "id", "secret", "https://cdn.example")
        .publicUrl()).isEqualTo("https://cdn.example/");
  }

  @Test
  void badValuesAreRefusedNamingTheFlag() {
    assertThatThrownBy(() -> BucketSettings.of("ftp://h", null, "videos", "", "id", "s", null))
        .hasMessageContaining("--bucket-endpoint");
    assertThatThrownBy(() -> BucketSettings.of("http://h", null, "Videos_1", "", "id", "s", null))
        .hasMessageContaining("--bucket 'Videos_1'");
    assertThatThrownBy(() -> BucketSettings.of("http://h", null, "videos", "a/../b", "id", "s", null))
        .hasMessageContaining("--bucket-prefix");
    assertThatThrownBy(() -> BucketSettings.of("http://h", null, "videos", "", null, null, null))
        .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
    assertThatThrownBy(() -> BucketSettings.of("http://h", null, "videos", "", "id", "s", "not a url"))
        .hasMessageContaining("--bucket-public-url");
  }

  @Test
  void objectsGetTheOriginsContentTypesAndCaching() {
    assertThat(ObjectHeaders.forPath("announce.json")).isEqualTo(new ObjectHeaders("application/json", "no-cache"));
    assertThat(ObjectHeaders.forPath("master.m3u8"))
        .isEqualTo(new ObjectHeaders("application/vnd.apple.mpegurl", "no-cache"));
    assertThat(ObjectHeaders.forPath("src/manifest.json")).isEqualTo(new ObjectHeaders("application/json", "no-cache"));
    assertThat(ObjectHeaders.forPath("src/roots/1-12.json"))
        .isEqualTo(new ObjectHeaders("application/json", "public, max-age=31536000, immutable"));
    assertThat(ObjectHeaders.forPath("src/seg-1-000012.ts"))
        .isEqualTo(new ObjectHeaders("video/mp2t", "public, max-age=31536000, immutable"));
  }
}
