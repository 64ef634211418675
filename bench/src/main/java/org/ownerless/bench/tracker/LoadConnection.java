package org.ownerless.bench.tracker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * One simulated WebTorrent peer on one WebSocket: announces with offers, answers every offer it
 * is sent, and re-announces as soon as its announce is replied to (closed loop, one announce in
 * flight per peer, like aquatic_ws_load_test). Messages are shaped like the npm
 * bittorrent-tracker client's so both trackers see the same traffic. Per message it does as
 * little as it can (one scan of the reply, raw ids echoed, frames masked in place): the figure
 * measured is the server's, so the generator must not be the side that runs out of CPU.
 */
final class LoadConnection extends ChannelInboundHandlerAdapter {
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
  private final byte[] infoHashJson;     // this peer's info_hash as a JSON string literal
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
  private final ServerMessage message = new ServerMessage();
  private final RandomIds offerIds;

  LoadConnection(LoadConfig config, LoadStats stats, SwarmPicker swarms, BooleanSupplier running,
                 boolean answersReplied, StartGate gate) {
    this.gate = gate;
    this.config = config;
    this.stats = stats;
    this.answersReplied = answersReplied;
    this.running = running;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    this.offerIds = new RandomIds(random.nextLong());
    String peerId = Json.randomId(random);
    ByteBuf b = io.netty.buffer.Unpooled.buffer();
    Json.string(b, swarms.pick(random));
    this.infoHashJson = ByteBufUtil.getBytes(b);
    b.clear();
    b.writeBytes(Json.ascii("{\"action\":\"announce\",\"info_hash\":")).writeBytes(infoHashJson);
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
    byte[] bytes;
    int offset, length = content.readableBytes();
    if (content.hasArray()) {
      bytes = content.array();
      offset = content.arrayOffset() + content.readerIndex();
    } else {
      bytes = ByteBufUtil.getBytes(content);
      offset = 0;
    }
    ServerMessage m = message;
    if (!m.scan(bytes, offset, offset + length)) {
      stats.badMessages.increment();
      return;
    }
    if (m.failure) {
      stats.failureReplies.increment();
      onReply(ctx, false);                    // keep the loop going, the error is counted
    } else if (m.offer && m.peerIdStart >= 0 && m.offerIdStart >= 0) {
      stats.offersIn.increment();
      if (running.getAsBoolean()) sendAnswer(ctx, m);
    } else if (m.answer) {
      stats.answersIn.increment();
    } else if (m.announce && m.replyFields) {
      stats.replies.increment();
      onReply(ctx, true);
    } else if (!m.scrape) {
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
    ByteBuf b = ClientFrames.open(ctx.alloc(),
        announcePrefix.length + 40 + offers * (FakeSdp.OFFER_JSON.length + OFFER_HEAD.length + 80));
    b.writeBytes(announcePrefix).writeBytes(announced ? UPDATE : STARTED);
    announced = true;
    if (offers > 0) {
      b.writeBytes(OFFERS_OPEN);
      for (int i = 0; i < offers; i++) {
        if (i > 0) b.writeByte(',');
        b.writeBytes(OFFER_HEAD).writeBytes(FakeSdp.OFFER_JSON).writeBytes(OFFER_TAIL);
        offerIds.write(b);
        b.writeByte('}');
      }
      b.writeByte(']');
    }
    b.writeByte('}');
    long now = System.nanoTime();
    await(now == ANSWER ? now + 1 : now);
    stats.announcesOut.increment();
    ctx.write(ClientFrames.seal(b, maskKey()));
    needFlush = true;
  }

  /** Answers an offer, copying its raw peer_id, offer_id and info_hash literals into the reply. */
  private void sendAnswer(ChannelHandlerContext ctx, ServerMessage offer) {
    byte[] in = offer.bytes;
    int peer = offer.peerIdEnd - offer.peerIdStart, id = offer.offerIdEnd - offer.offerIdStart;
    ByteBuf b = ClientFrames.open(ctx.alloc(), answerPrefix.length + FakeSdp.ANSWER_JSON.length + 120 + peer + id
        + Math.max(infoHashJson.length, offer.infoHashEnd - offer.infoHashStart));
    b.writeBytes(answerPrefix).writeBytes(INFO_HASH);
    if (offer.infoHashStart >= 0) b.writeBytes(in, offer.infoHashStart, offer.infoHashEnd - offer.infoHashStart);
    else b.writeBytes(infoHashJson);
    b.writeBytes(TO_PEER).writeBytes(in, offer.peerIdStart, peer);
    b.writeBytes(OFFER_ID).writeBytes(in, offer.offerIdStart, id);
    b.writeBytes(ANSWER_TAIL).writeBytes(FakeSdp.ANSWER_JSON).writeBytes(ANSWER_END);
    stats.answersOut.increment();
    if (answersReplied) await(ANSWER);
    ctx.write(ClientFrames.seal(b, maskKey()));
    needFlush = true;
  }

  private static int maskKey() {
    int key = ThreadLocalRandom.current().nextInt();
    return key == 0 ? 1 : key;
  }
}
