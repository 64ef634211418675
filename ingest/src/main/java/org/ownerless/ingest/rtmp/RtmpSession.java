package org.ownerless.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ownerless.ingest.rtmp.amf.Amf0;
import org.ownerless.ingest.rtmp.amf.Amf0Exception;
import org.ownerless.ingest.rtmp.amf.Amf0Reader;
import org.ownerless.net.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishing side of an RTMP NetConnection: answers connect / releaseStream / FCPublish /
 * createStream / publish the way OBS, ffmpeg and GStreamer expect, checks the publish token before
 * anything is started, and hands metadata and media to the stream's {@link MediaSink}. Protocol
 * violations close the connection; they never reach other streams. Protocol control (windows,
 * acknowledgements, pings, chunk size) is {@link ProtocolControlHandler}'s, in front of this one.
 */
public final class RtmpSession extends ChannelInboundHandlerAdapter {
  /**
   * Fired from the head of the pipeline once a publish is accepted (token checked, stream taken),
   * so {@link ChunkDecoder}, in front of the session, lifts its before-publish limits.
   */
  public enum PublishAccepted {
    INSTANCE
  }

  private static final Logger log = LoggerFactory.getLogger(RtmpSession.class);
  static final String APP = "live";
  /** Publish stream id handed out by createStream. */
  static final int STREAM_ID = 1;

  private final PublishGate gate;
  private final long publishDeadlineMillis;

  private boolean connected;
  private MediaSink sink;
  private String streamName;
  private ScheduledFuture<?> publishDeadline;

  public RtmpSession(PublishGate gate, long publishDeadlineMillis) {
    this.gate = gate;
    this.publishDeadlineMillis = publishDeadlineMillis;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    // A connection that never gets to publishing is someone else's problem; do not keep it.
    publishDeadline = ctx.executor().schedule(() -> {
      if (sink == null) {
        log.info("{}: closing, no publish within {} ms", peer(ctx), publishDeadlineMillis);
        ctx.close();
      }
    }, publishDeadlineMillis, TimeUnit.MILLISECONDS);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof RtmpMessage)) {
      ctx.fireChannelRead(msg);
      return;
    }
    RtmpMessage m = (RtmpMessage) msg;
    try {
      handle(ctx, m);
    } finally {
      m.release();
    }
  }

  private void handle(ChannelHandlerContext ctx, RtmpMessage m) {
    ByteBuf payload = m.payload();
    switch (m.typeId()) {
      case MessageTypes.COMMAND_AMF3:
        payload.skipBytes(Math.min(1, payload.readableBytes())); // AMF3 commands start with a 0 format byte, then AMF0
        onCommand(ctx, m, Amf0Reader.readAll(payload));
        break;
      case MessageTypes.COMMAND_AMF0:
        onCommand(ctx, m, Amf0Reader.readAll(payload));
        break;
      case MessageTypes.DATA_AMF3:
        payload.skipBytes(Math.min(1, payload.readableBytes()));
        onData(Amf0Reader.readAll(payload));
        break;
      case MessageTypes.DATA_AMF0:
        onData(Amf0Reader.readAll(payload));
        break;
      case MessageTypes.AUDIO:
      case MessageTypes.VIDEO:
        onMedia(ctx, m);
        break;
      default:
        break; // shared objects, aggregates: nothing to do
    }
  }

  private void onCommand(ChannelHandlerContext ctx, RtmpMessage m, List<Object> values) {
    if (values.isEmpty() || !(values.get(0) instanceof String)) {
      throw new RtmpProtocolException("command message without a command name");
    }
    String name = (String) values.get(0);
    double txn = values.size() > 1 && values.get(1) instanceof Double ? (Double) values.get(1) : 0;
    switch (name) {
      case "connect":
        connect(ctx, txn, values.size() > 2 ? values.get(2) : null);
        break;
      case "releaseStream":
      case "FCPublish":
      case "getStreamLength":
        if (connected && txn > 0) {
          ctx.writeAndFlush(CommandMessages.result(txn, null, Amf0.UNDEFINED));
        }
        break;
      case "createStream":
        requireConnected(name);
        ctx.writeAndFlush(CommandMessages.result(txn, null, (double) STREAM_ID));
        break;
      case "publish":
        requireConnected(name);
        publish(ctx, m.messageStreamId() != 0 ? m.messageStreamId() : STREAM_ID,
            values.size() > 3 && values.get(3) instanceof String ? (String) values.get(3) : null);
        break;
      case "FCUnpublish":
      case "deleteStream":
      case "closeStream":
        stopPublishing();
        break;
      case "play":
      case "play2":
        ctx.writeAndFlush(CommandMessages.onStatus(STREAM_ID, "error", "NetStream.Play.Failed",
            "this server only accepts publishers; watch the stream over HTTP"))
            .addListener(ChannelFutureListener.CLOSE);
        break;
      default:
        log.debug("{}: ignoring command {}", peer(ctx), LogText.quote(name));
    }
  }

  private void connect(ChannelHandlerContext ctx, double txn, Object commandObject) {
    String app = commandObject instanceof Map ? String.valueOf(((Map<?, ?>) commandObject).get("app")) : "";
    int query = app.indexOf('?');
    String appName = (query >= 0 ? app.substring(0, query) : app).replaceAll("/+$", "");
    if (!APP.equals(appName)) {
      log.info("{}: refusing connect to application {}", peer(ctx), LogText.quote(appName));
      ctx.writeAndFlush(CommandMessages.error(txn, null, CommandMessages.status("error",
          "NetConnection.Connect.Rejected", "unknown application; publish to rtmp://HOST:PORT/" + APP)))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.write(ProtocolControlHandler.ANNOUNCE_SETTINGS);
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("fmsVer", "FMS/3,0,1,123");
    properties.put("capabilities", 31.0);
    Map<String, Object> info = CommandMessages.status("status", "NetConnection.Connect.Success", "Connection succeeded.");
    info.put("objectEncoding", 0.0);
    ctx.writeAndFlush(CommandMessages.result(txn, properties, info));
    connected = true;
  }

  private void publish(ChannelHandlerContext ctx, int streamId, String publishName) {
    if (sink != null) {
      throw new RtmpProtocolException("publish while already publishing");
    }
    StreamKey key = StreamKey.parse(publishName);
    if (key == null) {
      refuse(ctx, streamId, "NetStream.Publish.BadName",
          "invalid stream name; use NAME?token=TOKEN with NAME made of letters, digits, _ and -");
      return;
    }
    // The token is checked before anything about the stream is touched or acknowledged.
    if (!gate.tokenMatches(key.token())) {
      // The name only: the token is the node's publish secret, or a guess at it; neither belongs in a log.
      log.warn("{}: publish to {} refused: invalid or missing token", peer(ctx), LogText.quote(key.name()));
      refuse(ctx, streamId, "NetStream.Publish.Denied",
          "invalid or missing publish token; the stream key must be NAME?token=TOKEN");
      return;
    }
    try {
      sink = gate.startPublishing(key.name(), ctx.channel());
    } catch (StreamBusyException e) {
      // The status nginx-rtmp and SRS send for "already publishing": encoders show it as such.
      log.warn("{}: publish to '{}' refused: it has a live publisher", peer(ctx), key.name());
      refuse(ctx, streamId, "NetStream.Publish.BadName", e.getMessage());
      return;
    } catch (MediaRejectedException e) {
      refuse(ctx, streamId, "NetStream.Publish.Rejected", e.getMessage());
      return;
    }
    streamName = key.name();
    if (publishDeadline != null) {
      publishDeadline.cancel(false);
    }
    ctx.pipeline().fireUserEventTriggered(PublishAccepted.INSTANCE);
    ctx.write(ControlMessages.streamBegin(streamId));
    ctx.writeAndFlush(CommandMessages.onStatus(streamId, "status", "NetStream.Publish.Start",
        "Publishing " + key.name() + "."));
    log.info("{}: publishing {}", peer(ctx), LogText.quote(key.name()));
  }

  private void onData(List<Object> values) {
    if (sink == null || values.isEmpty()) {
      return;
    }
    int i = "@setDataFrame".equals(values.get(0)) ? 1 : 0;
    if (values.size() > i + 1 && "onMetaData".equals(values.get(i)) && values.get(i + 1) instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata = (Map<String, Object>) values.get(i + 1);
      sink.metadata(metadata);
    }
  }

  private void onMedia(ChannelHandlerContext ctx, RtmpMessage m) {
    if (sink == null || m.payload().readableBytes() == 0) {
      return;
    }
    try {
      if (m.typeId() == MessageTypes.VIDEO) {
        sink.video(m.timestamp(), m.payload());
      } else {
        sink.audio(m.timestamp(), m.payload());
      }
    } catch (MediaRejectedException e) {
      log.warn("{}: stopping {}: {}", peer(ctx), LogText.quote(streamName), LogText.quote(e.getMessage()));
      stopPublishing();
      refuse(ctx, STREAM_ID, "NetStream.Publish.Rejected", e.getMessage());
    }
  }

  private void refuse(ChannelHandlerContext ctx, int streamId, String code, String description) {
    ctx.writeAndFlush(CommandMessages.onStatus(streamId, "error", code, description))
        .addListener(ChannelFutureListener.CLOSE);
  }

  private void stopPublishing() {
    if (sink != null) {
      MediaSink s = sink;
      sink = null;
      s.stop();
    }
  }

  private void requireConnected(String command) {
    if (!connected) {
      throw new RtmpProtocolException(command + " before connect");
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      log.info("{}: closing idle connection{}", peer(ctx), streamName != null ? " (" + LogText.quote(streamName) + ")" : "");
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (publishDeadline != null) {
      publishDeadline.cancel(false);
    }
    if (sink != null) {
      log.info("{}: publisher of {} disconnected", peer(ctx), LogText.quote(streamName));
    }
    stopPublishing();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof DecoderException || cause instanceof Amf0Exception) {
      Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
      log.info("{}: closing after protocol error: {}", peer(ctx), LogText.quote(reason.getMessage()));
    } else {
      log.warn("{}: closing after error", peer(ctx), cause);
    }
    ctx.close();
  }

  private static String peer(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress
        ? "rtmp " + ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress() + ":"
            + ((InetSocketAddress) ctx.channel().remoteAddress()).getPort()
        : "rtmp " + ctx.channel().remoteAddress();
  }
}
