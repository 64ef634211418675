package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ownerless.ingest.rtmp.ClientCommands.command;
import static org.ownerless.ingest.rtmp.ClientCommands.object;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ownerless.ingest.rtmp.amf.Amf0;
import org.ownerless.ingest.rtmp.amf.Amf0Reader;
import org.ownerless.ingest.rtmp.amf.Amf0Writer;

class RtmpSessionTest {
  private static final String TOKEN = "s3cret";
  private static final long PUBLISH_DEADLINE_MS = 5000;

  /** Lets "cam" and "full" through the token check; "full" is then refused, as a full server would. */
  private static final class Gate implements PublishGate {
    final List<String> events = new ArrayList<>();
    String rejectMedia;

    @Override
    public boolean tokenMatches(String token) {
      return TOKEN.equals(token);
    }

    @Override
    public MediaSink startPublishing(String name, Channel publisher) throws MediaRejectedException {
      if (name.equals("full")) {
        throw new MediaRejectedException("too many streams");
      }
      events.add("start " + name);
      return new MediaSink() {
        @Override
        public void metadata(Map<String, Object> metadata) {
          events.add("metadata " + metadata);
        }

        @Override
        public void audio(long timestamp, ByteBuf payload) throws MediaRejectedException {
          media("audio", timestamp, payload);
        }

        @Override
        public void video(long timestamp, ByteBuf payload) throws MediaRejectedException {
          media("video", timestamp, payload);
        }

        private void media(String kind, long timestamp, ByteBuf payload) throws MediaRejectedException {
          if (rejectMedia != null) {
            throw new MediaRejectedException(rejectMedia);
          }
          events.add(kind + " " + timestamp + " " + ByteBufUtil.hexDump(payload));
        }

        @Override
        public void stop() {
          events.add("stop " + name);
        }
      };
    }
  }

  /** A reply the session wrote: a command's values, or a control message's payload as hex. */
  private record Sent(int typeId, int messageStreamId, List<Object> values, String payloadHex) {
    String name() {
      return (String) values.get(0);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> info() {
      return (Map<String, Object>) values.get(values.size() - 1);
    }
  }

  private final Gate gate = new Gate();
  private final EmbeddedChannel channel = new EmbeddedChannel(new RtmpSession(gate, PUBLISH_DEADLINE_MS));

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  private void receive(RtmpMessage message) {
    channel.writeInbound(message);
  }

  private List<Object> sent() {
    List<Object> sent = new ArrayList<>();
    for (Object m = channel.readOutbound(); m != null; m = channel.readOutbound()) {
      if (m instanceof RtmpMessage message) {
        try {
          ByteBuf payload = message.payload();
          sent.add(message.typeId() == MessageTypes.COMMAND_AMF0
              ? new Sent(message.typeId(), message.messageStreamId(), Amf0Reader.readAll(payload.duplicate()), "")
              : new Sent(message.typeId(), message.messageStreamId(), List.of(), ByteBufUtil.hexDump(payload)));
        } finally {
          message.release();
        }
      } else {
        sent.add(m);
      }
    }
    return sent;
  }

  private Sent onlyCommand() {
    List<Object> sent = sent();
    assertThat(sent).hasSize(1);
    return (Sent) sent.get(0);
  }

  private void connect() {
    receive(command(0, "connect", 1.0, object("app", "live", "tcUrl", "rtmp://localhost/live")));
    sent();
  }

  private void connectAndPublish(String key) {
    connect();
    receive(command(0, "createStream", 2.0, null));
    receive(command(1, "publish", 3.0, null, key, "live"));
    sent();
  }

  private void media(int typeId, long timestamp, String hex) {
    receive(new RtmpMessage(6, typeId, timestamp, 1, Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex))));
  }

  @Test
  void aConnectToLiveHasOurSettingsAnnouncedAndThenSucceeds() {
    receive(command(0, "connect", 1.0, object("app", "live", "flashVer", "FMLE/3.0")));

    List<Object> sent = sent();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0)).isSameAs(ProtocolControlHandler.ANNOUNCE_SETTINGS);
    Sent result = (Sent) sent.get(1);
    assertThat(result.name()).isEqualTo("_result");
    assertThat(result.values().get(1)).as("transaction id").isEqualTo(1.0);
    assertThat(result.info()).containsEntry("code", "NetConnection.Connect.Success");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void anAppNameWithATrailingSlashOrAQueryStillMeansLive() {
    receive(command(0, "connect", 1.0, object("app", "live/?client=obs")));

    assertThat(sent()).hasSize(2).last().extracting(s -> ((Sent) s).name()).isEqualTo("_result");
  }

  @Test
  void aConnectToAnotherApplicationIsRejectedAndClosed() {
    receive(command(0, "connect", 1.0, object("app", "vod")));

    Sent error = onlyCommand();
    assertThat(error.name()).isEqualTo("_error");
    assertThat(error.info()).containsEntry("code", "NetConnection.Connect.Rejected");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void createStreamHandsOutStreamOne() {
    connect();

    receive(command(0, "createStream", 2.0, null));

    Sent result = onlyCommand();
    assertThat(result.values()).containsExactly("_result", 2.0, null, 1.0);
  }

  @Test
  void releaseStreamAndFcPublishAreAnsweredSoEncodersThatWaitForThemGoOn() {
    connect();

    receive(command(0, "releaseStream", 2.0, null, "cam"));
    receive(command(0, "FCPublish", 3.0, null, "cam"));

    assertThat(sent()).extracting(s -> ((Sent) s).values()).containsExactly(
        Arrays.asList("_result", 2.0, null, Amf0.UNDEFINED), Arrays.asList("_result", 3.0, null, Amf0.UNDEFINED));
  }

  @Test
  void createStreamBeforeConnectIsAProtocolErrorThatCloses() {
    receive(command(0, "createStream", 2.0, null));

    assertThat(sent()).isEmpty();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aPublishWithTheRightKeyBeginsTheStreamAndStartsIt() {
    connect();
    receive(command(0, "createStream", 2.0, null));
    sent();

    receive(command(1, "publish", 3.0, null, "cam?token=" + TOKEN, "live"));

    List<Object> sent = sent();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0)).as("Stream Begin for stream 1")
        .isEqualTo(new Sent(MessageTypes.USER_CONTROL, 0, List.of(), "000000000001"));
    Sent status = (Sent) sent.get(1);
    assertThat(status.messageStreamId()).isEqualTo(1);
    assertThat(status.info()).containsEntry("code", "NetStream.Publish.Start");
    assertThat(gate.events).containsExactly("start cam");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aPublishWithAWrongKeyIsRefusedAndClosed() {
    connect();
    receive(command(0, "createStream", 2.0, null));
    sent();

    receive(command(1, "publish", 3.0, null, "cam?token=wrong", "live"));

    Sent status = onlyCommand();
    assertThat(status.messageStreamId()).isEqualTo(1);
    assertThat(status.info()).containsEntry("level", "error").containsEntry("code", "NetStream.Publish.Denied");
    assertThat(channel.isOpen()).isFalse();
    assertThat(gate.events).as("nothing started").isEmpty();
  }

  /** User events that reach the front of the pipeline, where the chunk decoder is. */
  private List<Object> eventsInFront() {
    List<Object> events = new ArrayList<>();
    channel.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        events.add(evt);
        ctx.fireUserEventTriggered(evt);
      }
    });
    return events;
  }

  @Test
  void anAcceptedPublishTellsTheHandlersInFrontSoTheLargeLimitsApply() {
    List<Object> events = eventsInFront();
    connect();

    receive(command(1, "publish", 3.0, null, "cam?token=" + TOKEN, "live"));

    assertThat(events).containsExactly(RtmpSession.PublishAccepted.INSTANCE);
  }

  @Test
  void aPublishTheGateRefusesDoesNotLiftTheLimits() {
    List<Object> events = eventsInFront();
    connect();

    receive(command(1, "publish", 3.0, null, "full?token=" + TOKEN, "live"));

    assertThat(events).isEmpty();
  }

  @Test
  void aPublishWithoutAnyTokenIsRefusedTheSameWay() {
    connect();

    receive(command(1, "publish", 3.0, null, "cam", "live"));

    assertThat(onlyCommand().info()).containsEntry("code", "NetStream.Publish.Denied");
    assertThat(channel.isOpen()).isFalse();
    assertThat(gate.events).isEmpty();
  }

  @Test
  void aStreamNameThatCouldEscapeItsDirectoryIsRefusedAsABadName() {
    connect();

    receive(command(1, "publish", 3.0, null, "../etc?token=" + TOKEN, "live"));

    assertThat(onlyCommand().info()).containsEntry("code", "NetStream.Publish.BadName");
    assertThat(channel.isOpen()).isFalse();
    assertThat(gate.events).isEmpty();
  }

  @Test
  void aStreamTheGateCannotTakeIsRefusedWithTheGatesReason() {
    connect();

    receive(command(1, "publish", 3.0, null, "full?token=" + TOKEN, "live"));

    Sent status = onlyCommand();
    assertThat(status.info()).containsEntry("code", "NetStream.Publish.Rejected")
        .containsEntry("description", "too many streams");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void publishingTwiceOnOneConnectionClosesItAndStopsTheFirstPublish() {
    connectAndPublish("cam?token=" + TOKEN);

    receive(command(1, "publish", 4.0, null, "cam?token=" + TOKEN, "live"));

    assertThat(channel.isOpen()).isFalse();
    assertThat(gate.events).containsExactly("start cam", "stop cam");
  }

  @Test
  void mediaBeforePublishIsDroppedWithoutClosing() {
    connect();

    media(MessageTypes.VIDEO, 0, "1700000000");
    media(MessageTypes.AUDIO, 0, "af00");

    assertThat(gate.events).isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void afterPublishMetadataAndMediaReachTheSinkWithTheirTimestamps() {
    connectAndPublish("cam?token=" + TOKEN);

    ByteBuf data = Unpooled.buffer();
    Amf0Writer.writeAll(data, "@setDataFrame", "onMetaData", object("width", 1280.0));
    receive(new RtmpMessage(4, MessageTypes.DATA_AMF0, 0, 1, data));
    media(MessageTypes.VIDEO, 40, "1701000000aa");
    media(MessageTypes.AUDIO, 43, "af01bb");

    assertThat(gate.events).containsExactly("start cam", "metadata {width=1280.0}",
        "video 40 1701000000aa", "audio 43 af01bb");
  }

  @Test
  void emptyMediaMessagesAreNotPassedOn() {
    connectAndPublish("cam?token=" + TOKEN);

    media(MessageTypes.VIDEO, 40, "");

    assertThat(gate.events).containsExactly("start cam");
  }

  @Test
  void mediaTheSinkRejectsStopsThePublishAndClosesWithTheReason() {
    connectAndPublish("cam?token=" + TOKEN);
    gate.rejectMedia = "video codec hvc1 is not supported";

    media(MessageTypes.VIDEO, 0, "9068766331");

    assertThat(onlyCommand().info()).containsEntry("code", "NetStream.Publish.Rejected")
        .containsEntry("description", "video codec hvc1 is not supported");
    assertThat(gate.events).containsExactly("start cam", "stop cam");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void deleteStreamStopsThePublishButKeepsTheConnection() {
    connectAndPublish("cam?token=" + TOKEN);

    receive(command(0, "deleteStream", 5.0, null, 1.0));
    media(MessageTypes.VIDEO, 80, "1701000000cc");

    assertThat(gate.events).containsExactly("start cam", "stop cam");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void closingTheConnectionStopsThePublishOnce() {
    connectAndPublish("cam?token=" + TOKEN);

    channel.close();

    assertThat(gate.events).containsExactly("start cam", "stop cam");
  }

  @Test
  void aCommandWithoutANameClosesTheConnection() {
    receive(command(0, 1.0, "connect"));

    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aCommandThatIsNotValidAmfClosesTheConnection() {
    // A string marker announcing 16 bytes, followed by 3.
    receive(new RtmpMessage(3, MessageTypes.COMMAND_AMF0, 0, 0, Unpooled.wrappedBuffer(new byte[] {2, 0, 16, 'c', 'o', 'n'})));

    assertThat(sent()).isEmpty();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void anAmf3CommandIsReadAsAmf0AfterItsFormatByte() {
    ByteBuf payload = Unpooled.buffer().writeByte(0);
    Amf0Writer.writeAll(payload, "connect", 1.0, object("app", "live"));

    receive(new RtmpMessage(3, MessageTypes.COMMAND_AMF3, 0, 0, payload));

    assertThat(sent()).hasSize(2).last().extracting(s -> ((Sent) s).name()).isEqualTo("_result");
  }

  @Test
  void playIsRefusedBecauseViewersWatchOverHttp() {
    connect();

    receive(command(0, "play", 4.0, null, "cam"));

    assertThat(onlyCommand().info()).containsEntry("code", "NetStream.Play.Failed");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aConnectionThatDoesNotPublishBeforeTheDeadlineIsClosed() {
    // The deadline was scheduled when the channel became active, a little real time ago: keep a margin.
    channel.freezeTime();
    connect();

    channel.advanceTimeBy(PUBLISH_DEADLINE_MS - 1000, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).as("before the deadline").isTrue();

    channel.advanceTimeBy(1000, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aPublisherIsNotClosedByThePublishDeadline() {
    connectAndPublish("cam?token=" + TOKEN);

    channel.advanceTimeBy(PUBLISH_DEADLINE_MS * 2, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void anIdleConnectionIsClosedAndItsPublishStopped() {
    connectAndPublish("cam?token=" + TOKEN);

    channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);

    assertThat(channel.isOpen()).isFalse();
    assertThat(gate.events).containsExactly("start cam", "stop cam");
  }
}
