package org.ownerless.tracker;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.function.Consumer;

/**
 * Turns an HTTP pipeline whose request asked for /announce into a tracker connection: used by the
 * origin's upgrade hook and by {@link TrackerServer}; every pipeline shares the one registry.
 */
public final class TrackerInstaller implements Consumer<ChannelPipeline> {
  public static final String PATH = "/announce";
  private final SwarmRegistry registry;
  // Immutable, so one of each serves every connection (per-connection copies cost ~100 bytes each
  // of the tracker's per-peer memory budget).
  private final WriteBufferWaterMark outboundLimit;
  private final WebSocketServerProtocolConfig webSocket;

  public TrackerInstaller(SwarmRegistry registry) {
    this.registry = registry;
    TrackerConfig c = registry.config();
    // Bounded outbound queue: past the high mark the handler drops the connection as a slow reader.
    this.outboundLimit = new WriteBufferWaterMark(c.maxOutboundBytes() / 2, c.maxOutboundBytes());
    // The path was checked by whoever installed us; starts-with lets "/announce?x=y" through, as
    // WebTorrent clients that tag their tracker URL with a query expect.
    this.webSocket = WebSocketServerProtocolConfig.newBuilder().websocketPath(PATH)
        .maxFramePayloadLength(c.maxMessageBytes()).checkStartsWith(true).handleCloseFrames(true)
        // UTF-8 is checked once per whole message by TrackerHandler (Utf8Check), cheaper than
        // Netty's byte-by-byte validator and one pipeline handler fewer per frame.
        .withUTF8Validator(false).build();
  }

  public SwarmRegistry registry() {
    return registry;
  }

  @Override
  public void accept(ChannelPipeline p) {
    // First, so a connection over the caps is closed before the handshake is answered.
    p.addLast(registry.limiter());
    p.channel().config().setWriteBufferWaterMark(outboundLimit);
    p.addLast(new WebSocketServerProtocolHandler(webSocket));
    // Fragmented messages are reassembled up to the same limit; more closes the socket.
    p.addLast(new WebSocketFrameAggregator(registry.config().maxMessageBytes()));
    // Idle connections are closed by the handler's per-event-loop sweep (no timer per connection).
    p.addLast(new TrackerHandler(registry));
  }
}
