package org.ownerless.bench.tracker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * One simulated WebTorrent peer on one WebSocket: announces with offers, answers every offer it
 * is sent, and re-announces as soon as its announce is replied to (closed loop, one announce in
 * flight per peer, like aquatic_ws_load_test). Messages are shaped like the npm
 * bittorrent-tracker client's so both trackers see the same traffic.
 */
final class LoadConnection extends ChannelInboundHandlerAdapter {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] STARTED = Json.ascii("\"event\":\"started\"");
  private static final byte[] UPDATE = Json.ascii("\"event\":\"update\"");
  private static final byte[] OFFER_HEAD = Json.ascii("{\"offer\":{\"type\":\"offer\",\"sdp\":\"");
  private static final byte[] OFFER_TAIL = Json.ascii("\"},\"offer_id\":");
  private static final byte[] OFFERS_OPEN = Json.ascii(",\"offers\":[");
  private static final byte[] INFO_HASH = Json.ascii("\"info_hash\":");
  private static final byte[] TO_PEER = Json.ascii(",\"to_peer_id\":");
  private static final byte[] OFFER_ID = Json.ascii(",\"offer_id\":");
  private static final byte[] ANSWER_END = Json.ascii("\"}}");
  private static final byte[] ANSWER_TAIL = Json.ascii(",\"answer\":{\"type\":\"answer\",\"sdp\":\"");

  private final LoadConfig config;
  private final LoadStats stats;
  private final BooleanSupplier running;
  private final String infoHash;
  private final byte[] announcePrefix;   // {"action":"announce","info_hash":..,"peer_id":..,"numwant":..,...,
  private final byte[] answerPrefix;     // {"action":"announce","peer_id":..,
  private boolean handshaken;
  private boolean announced;
  private boolean needFlush;
  /**
   * The messages sent whose reply has not come yet, oldest first: the announce's send time, or
   * {@link #ANSWER} for an answer when the server replies to those. A tracker handles one socket's
   * messages in order, so each reply (or failure reply) belongs to the oldest entry; pairing them
   * any other way times a reply against the wrong message.
   */
  private long[] awaiting = new long[8];
  private int awaitingHead;
  private int awaitingCount;
  private static final long ANSWER = Long.MIN_VALUE;
  private final boolean answersReplied;

  private final StartGate gate;

  LoadConnection(LoadConfig config, LoadStats stats, SwarmPicker swarms, BooleanSupplier running,
                 boolean answersReplied, StartGate gate) {
    this.gate = gate;
    this.config = config;
    this.stats = stats;
    this.answersReplied = answersReplied;
    this.running = running;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    this.infoHash = swarms.pick(random);
    String peerId = Json.randomId(random);
    ByteBuf b = io.netty.buffer.Unpooled.buffer();
    b.writeBytes(Json.ascii("{\"action\":\"announce\",\"info_hash\":"));
    Json.string(b, infoHash);
    b.writeBytes(Json.ascii(",\"peer_id\":"));
    Json.string(b, peerId);
    b.writeBytes(Json.ascii(",\"numwant\":" + config.offers() + ",\"uploaded\":0,\"downloaded\":0,\"left\":1000000,"));
    this.announcePrefix = ByteBufUtil.getBytes(b);
    b.clear();
    b.writeBytes(Json.ascii("{\"action\":\"announce\",\"peer_id\":"));
    Json.string(b, peerId);
    b.writeByte(',');
    this.answerPrefix = ByteBufUtil.getBytes(b);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      handshaken = true;
      stats.connected.increment();
      gate.whenOpen(() -> ctx.executor().execute(() -> {
        if (ctx.channel().isActive() && running.getAsBoolean()) {
          announce(ctx);
          ctx.flush();
        }
      }));
    } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      stats.connectErrors.increment();
      ctx.close();
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof TextWebSocketFrame text) {
        stats.messages.increment();
        onMessage(ctx, text.content());
      } else if (msg instanceof CloseWebSocketFrame || msg instanceof PongWebSocketFrame) {
        // close is handled by the protocol handler; channelInactive counts it
      } else {
        stats.badMessages.increment();
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (needFlush) {
      needFlush = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (!handshaken) {
      if (running.getAsBoolean()) stats.connectErrors.increment();
    } else {
      stats.closed.increment();
      if (running.getAsBoolean()) stats.unexpectedCloses.increment();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Handshake failures and resets land here; channelInactive does the counting.
    ctx.close();
  }

  private void onMessage(ChannelHandlerContext ctx, ByteBuf content) {
    String action = null, peerId = null, offerId = null, hash = null;
    boolean failure = false, offer = false, answer = false, reply = false;
    byte[] bytes;
    int offset, length = content.readableBytes();
    if (content.hasArray()) {
      bytes = content.array();
      offset = content.arrayOffset() + content.readerIndex();
    } else {
      bytes = ByteBufUtil.getBytes(content);
      offset = 0;
    }
    try (JsonParser p = JSON.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not an object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "action" -> action = p.getText();
          case "failure reason" -> failure = true;
          case "interval", "complete", "incomplete" -> reply = true;
          case "offer" -> offer = true;
          case "answer" -> answer = true;
          case "peer_id" -> peerId = p.getText();
          case "offer_id" -> offerId = p.getText();
          case "info_hash" -> hash = value == JsonToken.VALUE_STRING ? p.getText() : null;
          default -> { }
        }
        p.skipChildren();
      }
    } catch (IOException | RuntimeException e) {
      stats.badMessages.increment();
      return;
    }
    if (failure) {
      stats.failureReplies.increment();
      onReply(ctx, false);                    // keep the loop going, the error is counted
    } else if (offer && peerId != null && offerId != null) {
      stats.offersIn.increment();
      if (running.getAsBoolean()) sendAnswer(ctx, hash != null ? hash : infoHash, peerId, offerId);
    } else if (answer) {
      stats.answersIn.increment();
    } else if ("announce".equals(action) && reply) {
      stats.replies.increment();
      onReply(ctx, true);
    } else if (!"scrape".equals(action)) {
      stats.badMessages.increment();
    }
  }

  private void onReply(ChannelHandlerContext ctx, boolean timed) {
    if (awaitingCount == 0) {
      stats.unpairedReplies.increment(); // a reply to nothing we sent: a server or pairing bug
      return;
    }
    long sent = awaiting[awaitingHead];
    awaitingHead = (awaitingHead + 1) & (awaiting.length - 1);
    awaitingCount--;
    if (sent == ANSWER) {
      stats.answerReplies.increment();
      return;
    }
    if (timed) stats.latency().record((System.nanoTime() - sent) / 1000);
    if (!config.idle() && running.getAsBoolean()) announce(ctx);
  }

  private void await(long entry) {
    if (awaitingCount == awaiting.length) {
      long[] bigger = new long[awaiting.length * 2];
      for (int i = 0; i < awaitingCount; i++) bigger[i] = awaiting[(awaitingHead + i) & (awaiting.length - 1)];
      awaiting = bigger;
      awaitingHead = 0;
    }
    awaiting[(awaitingHead + awaitingCount++) & (awaiting.length - 1)] = entry;
  }

  private void announce(ChannelHandlerContext ctx) {
    int offers = config.offers();
    ByteBuf b = ctx.alloc().buffer(announcePrefix.length + 40 + offers * (FakeSdp.OFFER_JSON.length + 80));
    b.writeBytes(announcePrefix).writeBytes(announced ? UPDATE : STARTED);
    announced = true;
    if (offers > 0) {
      b.writeBytes(OFFERS_OPEN);
      for (int i = 0; i < offers; i++) {
        if (i > 0) b.writeByte(',');
        b.writeBytes(OFFER_HEAD).writeBytes(FakeSdp.OFFER_JSON).writeBytes(OFFER_TAIL);
        Json.string(b, Json.randomId());
        b.writeByte('}');
      }
      b.writeByte(']');
    }
    b.writeByte('}');
    long now = System.nanoTime();
    await(now == ANSWER ? now + 1 : now);
    stats.announcesOut.increment();
    ctx.write(new TextWebSocketFrame(b));
    needFlush = true;
  }

  private void sendAnswer(ChannelHandlerContext ctx, String hash, String toPeer, String offerId) {
    ByteBuf b = ctx.alloc().buffer(answerPrefix.length + FakeSdp.ANSWER_JSON.length + 200);
    b.writeBytes(answerPrefix).writeBytes(INFO_HASH);
    Json.string(b, hash);
    b.writeBytes(TO_PEER);
    Json.string(b, toPeer);
    b.writeBytes(OFFER_ID);
    Json.string(b, offerId);
    b.writeBytes(ANSWER_TAIL).writeBytes(FakeSdp.ANSWER_JSON).writeBytes(ANSWER_END);
    stats.answersOut.increment();
    if (answersReplied) await(ANSWER);
    ctx.write(new TextWebSocketFrame(b));
    needFlush = true;
  }
}
