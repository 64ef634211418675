package org.ownerless.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ownerless.app.UserError;
import org.ownerless.ingest.transcode.Ladder;
import org.ownerless.ingest.transcode.SegmentFormat;
import org.ownerless.protocol.model.LatencyMode;
import org.ownerless.protocol.model.TipTargets;

/** The builder is where a node setting's default lives and where every way of starting a node is checked. */
class NodeSettingsBuilderTest {
  private static NodeSettingsBuilder valid() {
    return NodeSettings.builder().publishToken("token-123456");
  }

  @Test
  void aBuilderWithOnlyATokenHasTheDocumentedDefaults() {
    NodeSettings s = valid().build();
    assertThat(s.name()).isEqualTo("live");
    assertThat(s.dataDir()).isEqualTo(Path.of("ownerless-data").toAbsolutePath());
    assertThat(s.keyFile()).isEqualTo(s.dataDir().resolve("creator.key"));
    assertThat(s.host()).isEqualTo("0.0.0.0");
    assertThat(s.httpPort()).isEqualTo(8080);
    assertThat(s.rtmpPort()).isEqualTo(1935);
    assertThat(s.publicUrl()).isNull();
    assertThat(s.title()).isEmpty();
    assertThat(s.tips()).isEqualTo(TipTargets.NONE);
    assertThat(s.latency()).isEqualTo(LatencyMode.NORMAL);
    assertThat(s.ladder().toString()).isEqualTo(Ladder.DEFAULT.toString());
    assertThat(s.segmentSeconds()).isEqualTo(1.0);
    assertThat(s.segmentFormat()).isEqualTo(SegmentFormat.TS);
    assertThat(s.partSeconds()).isZero();
    assertThat(s.playlistWindow()).isEqualTo(10);
    assertThat(s.retention()).isZero();
    assertThat(s.endAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.newEpoch()).isFalse();
    assertThat(s.extraOrigins()).isEmpty();
    assertThat(s.trackers()).isEmpty();
    assertThat(s.tlsCert()).isNull();
    assertThat(s.ffmpeg()).isEqualTo("ffmpeg");
    assertThat(s.reownProjectId()).isNull();
    assertThat(s.bucket()).isNull();
  }

  @Test
  void anExplicitKeyFileIsKeptAndTheDataDirectoryMadeAbsolute() {
    NodeSettings s = valid().dataDir(Path.of("rel")).keyFile(Path.of("/keys/me.key")).build();
    assertThat(s.dataDir()).isEqualTo(Path.of("rel").toAbsolutePath());
    assertThat(s.keyFile()).isEqualTo(Path.of("/keys/me.key"));
  }

  @Test
  void originsAndTrackersAddUpInOrder() {
    NodeSettings s = valid().addOrigins(java.util.List.of("https://a/")).addOrigins(java.util.List.of("https://b/"))
        .addTrackers(java.util.List.of("wss://t/")).build();
    assertThat(s.extraOrigins()).containsExactly("https://a/", "https://b/");
    assertThat(s.trackers()).containsExactly("wss://t/");
  }

  @Test
  void serverUrlsAsUsersTypeThemAreCompletedBeforeTheyAreSigned() {
    NodeSettings s = valid().publicUrl("HTTP://127.0.0.1:8080").addOrigins(java.util.List.of("https://relay.example/live"))
        .addTrackers(java.util.List.of("wss://t.example/announce")).build();
    assertThat(s.publicUrl()).isEqualTo("http://127.0.0.1:8080/");
    assertThat(s.extraOrigins()).containsExactly("https://relay.example/live/");
    assertThat(s.trackers()).containsExactly("wss://t.example/announce");
  }

  @Test
  void urlsThatCannotBeServersAreUserErrorsNamingTheFlag() {
    assertThatThrownBy(() -> valid().publicUrl("ftp://x.example/").build()).isInstanceOf(UserError.class)
        .hasMessage("--public-url 'ftp://x.example/' must start with http:// or https://");
    assertThatThrownBy(() -> valid().publicUrl("http:///path").build()).isInstanceOf(UserError.class)
        .hasMessage("--public-url 'http:///path' has no host");
    assertThatThrownBy(() -> valid().publicUrl("https://user:pw@x.example/").build()).isInstanceOf(UserError.class)
        .hasMessageContaining("credentials");
    assertThatThrownBy(() -> valid().addOrigins(java.util.List.of("https://r.example/?a=1")).build())
        .isInstanceOf(UserError.class).hasMessageStartingWith("--origin 'https://r.example/?a=1' must not have a query");
    assertThatThrownBy(() -> valid().addOrigins(java.util.List.of("https://r.example/ x")).build())
        .isInstanceOf(UserError.class).hasMessageContaining("is not a URL");
    assertThatThrownBy(() -> valid().addTrackers(java.util.List.of("ws://t.example/#x")).build())
        .isInstanceOf(UserError.class).hasMessageContaining("fragment");
  }

  @Test
  void badValuesAreUserErrorsNamingTheRule() {
    assertThatThrownBy(() -> valid().name("../x").build()).isInstanceOf(UserError.class)
        .hasMessageContaining("invalid stream name");
    assertThatThrownBy(() -> valid().publishToken("short").build()).isInstanceOf(UserError.class)
        .hasMessageContaining("at least 8");
    assertThatThrownBy(() -> valid().httpPort(70000).build()).isInstanceOf(UserError.class)
        .hasMessage("port 70000 is out of range");
    assertThatThrownBy(() -> valid().latency("fast").build()).isInstanceOf(UserError.class);
    assertThatThrownBy(() -> valid().ladder("src,720p:x:1").build()).isInstanceOf(UserError.class)
        .hasMessageContaining("non-numeric");
    assertThatThrownBy(() -> valid().tls(Path.of("c.pem"), null).build()).isInstanceOf(UserError.class)
        .hasMessageContaining("go together");
    assertThatThrownBy(() -> valid().reownProjectId("\"><script>").build()).isInstanceOf(UserError.class)
        .hasMessageContaining("--reown-project-id");
  }

  @Test
  void aMissingTokenIsAProgrammingErrorNotAUserOne() {
    assertThatThrownBy(() -> NodeSettings.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theSegmentFormatIsTsOrFmp4InAnyCaseAndAnythingElseIsAUserErrorNamingBoth() {
    assertThat(valid().segmentFormat("fmp4").build().segmentFormat()).isEqualTo(SegmentFormat.FMP4);
    assertThat(valid().segmentFormat(" FMP4 ").build().segmentFormat()).isEqualTo(SegmentFormat.FMP4);
    assertThat(valid().segmentFormat("ts").build().segmentFormat()).isEqualTo(SegmentFormat.TS);
    assertThatThrownBy(() -> valid().segmentFormat("mp4").build()).isInstanceOf(UserError.class)
        .hasMessage("--segment-format 'mp4' must be ts or fmp4");
  }

  @Test
  void partsNeedFmp4AndALengthFromAFifthOfASecondToHalfASegment() {
    assertThat(valid().segmentFormat("fmp4").segmentSeconds(2).partSeconds(0.5).build().partSeconds()).isEqualTo(0.5);
    assertThat(valid().segmentFormat("fmp4").segmentSeconds(2).partSeconds(1).build().partSeconds()).isEqualTo(1);
    assertThat(valid().segmentFormat("fmp4").partSeconds(0).build().partSeconds()).isZero();
    assertThatThrownBy(() -> valid().partSeconds(0.5).segmentSeconds(2).build()).isInstanceOf(UserError.class)
        .hasMessage("--part-seconds needs --segment-format fmp4 (LL-HLS parts are fMP4 fragments)");
    assertThatThrownBy(() -> valid().segmentFormat("fmp4").segmentSeconds(2).partSeconds(1.5).build())
        .isInstanceOf(UserError.class)
        .hasMessage("--part-seconds must be 0 (no parts) or between 0.2 and half of --segment-seconds (1), not 1.5");
    assertThatThrownBy(() -> valid().segmentFormat("fmp4").segmentSeconds(2).partSeconds(0.1).build())
        .isInstanceOf(UserError.class).hasMessageContaining("not 0.1");
    assertThatThrownBy(() -> valid().segmentFormat("fmp4").segmentSeconds(2).partSeconds(-1).build())
        .isInstanceOf(UserError.class).hasMessageContaining("not -1");
    assertThatThrownBy(() -> valid().segmentFormat("fmp4").segmentSeconds(2).partSeconds(0.5)
        .hlsInput(java.nio.file.Path.of("hls")).build()).isInstanceOf(UserError.class)
        .hasMessageContaining("not with --hls-input");
  }
}
