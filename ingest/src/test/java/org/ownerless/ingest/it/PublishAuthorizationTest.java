package org.ownerless.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.transcode.Ladder;

/** The publish token is checked before anything starts, and refusals are explicit, never silent. */
@Tag("e2e")
class PublishAuthorizationTest {
  private static IngestHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new IngestHarness(Ladder.parse("src"));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void aWrongTokenGetsAnErrorStatusAndTheConnectionIsClosed() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      c.handshake();
      Map<String, Object> status = c.publish("cam?token=wrong-token");
      assertThat(status).containsEntry("level", "error").containsEntry("code", "NetStream.Publish.Denied");
      assertThat((String) status.get("description")).contains("invalid or missing publish token");
      assertThat(c.closedByServerWithin(3000)).isTrue();
    }
    assertThat(h.server.streams()).doesNotContain("cam");
    assertThat(h.streamDir("cam")).doesNotExist();
  }

  @Test
  void aMissingTokenIsRefusedTheSameWay() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      c.handshake();
      assertThat(c.publish("cam")).containsEntry("code", "NetStream.Publish.Denied");
      assertThat(c.closedByServerWithin(3000)).isTrue();
    }
  }

  @Test
  void anUnsafeStreamNameIsRefusedAsABadName() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      c.handshake();
      assertThat(c.publish("../etc?token=" + IngestHarness.TOKEN)).containsEntry("code", "NetStream.Publish.BadName");
      assertThat(c.closedByServerWithin(3000)).isTrue();
    }
  }

  @Test
  void anotherApplicationIsRejectedAtConnect() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      c.handshake();
      c.connect("vod");
      List<Object> error = c.awaitCommand("_error");
      assertThat(RawRtmpClient.info(error)).containsEntry("code", "NetConnection.Connect.Rejected");
      assertThat(c.closedByServerWithin(3000)).isTrue();
    }
  }

  @Test
  @Tag("e2e") // starts an ffmpeg publisher
  void ffmpegWithAWrongTokenStopsAndShowsTheServersReason() throws Exception {
    try (ExternalProcess ffmpeg = Publishers.ffmpeg(Publishers.url(h.port, "cam2", "nope-nope"), 320, 180, 5)) {
      assertThat(ffmpeg.waitFor(30)).isNotZero();
      assertThat(ffmpeg.output()).contains("invalid or missing publish token");
    }
    assertThat(h.server.streams()).doesNotContain("cam2");
  }

  @Test
  void enhancedRtmpHevcIsRecognizedAndRefusedWithTheReason() throws Exception {
    try (RawRtmpClient c = new RawRtmpClient(h.port)) {
      c.handshake();
      assertThat(c.publish("hevc?token=" + IngestHarness.TOKEN)).containsEntry("code", "NetStream.Publish.Start");
      // Enhanced RTMP: IsExHeader | keyframe << 4 | SequenceStart, FourCC "hvc1", then an HEVC config record.
      byte[] tag = {(byte) (0x80 | 0x10), 'h', 'v', 'c', '1', 1, 2, 3};
      c.send(new org.ownerless.ingest.rtmp.RtmpMessage(6, org.ownerless.ingest.rtmp.MessageTypes.VIDEO, 0, 1,
          io.netty.buffer.Unpooled.wrappedBuffer(tag)));
      Map<String, Object> status = RawRtmpClient.info(c.awaitCommand("onStatus"));
      assertThat(status).containsEntry("code", "NetStream.Publish.Rejected");
      assertThat((String) status.get("description")).contains("hvc1").contains("H.264");
      assertThat(c.closedByServerWithin(3000)).isTrue();
    }
  }
}
