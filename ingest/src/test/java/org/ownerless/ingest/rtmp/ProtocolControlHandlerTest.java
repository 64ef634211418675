package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProtocolControlHandlerTest {
  /** The peer counts the handshake (C0 + C1 + C2) in its byte total; the decoder does not. */
  private static final int HANDSHAKE_BYTES = 1 + 1536 + 1536;

  /** Stands in for the session: records what gets past the control handler, and may reply. */
  private static final class Session extends ChannelInboundHandlerAdapter {
    final List<Received> seen = new ArrayList<>();
    RtmpMessage reply;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      seen.add(Received.of((RtmpMessage) msg));
      if (reply != null) {
        ctx.writeAndFlush(reply);
        reply = null;
      }
    }
  }

  private final ChunkEncoder encoder = new ChunkEncoder();
  private final ChunkDecoder decoder = new ChunkDecoder();
  private final Session session = new Session();
  // No encoder in this pipeline, so what the handler writes can be read back as messages.
  private final EmbeddedChannel channel =
      new EmbeddedChannel(decoder, new ProtocolControlHandler(encoder, decoder), session);

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  /** A whole message in 128-byte chunks, the size every peer starts with. */
  private static byte[] message(int csid, int typeId, int messageStreamId, byte[] payload) {
    ChunkBytes bytes = ChunkBytes.chunks().type0(csid, 0, payload.length, typeId, messageStreamId);
    for (int offset = 0; offset < payload.length; offset += ChunkFormat.DEFAULT_CHUNK_SIZE) {
      if (offset > 0) {
        bytes.type3(csid);
      }
      int length = Math.min(ChunkFormat.DEFAULT_CHUNK_SIZE, payload.length - offset);
      bytes.payload(Arrays.copyOfRange(payload, offset, offset + length));
    }
    return bytes.toArray();
  }

  private void receive(byte[] bytes) {
    channel.writeInbound(Unpooled.wrappedBuffer(bytes));
  }

  private List<Received> sent() {
    List<Received> sent = new ArrayList<>();
    for (Object m = channel.readOutbound(); m != null; m = channel.readOutbound()) {
      sent.add(Received.of((RtmpMessage) m));
    }
    return sent;
  }

  private static Received acknowledgement(long sequenceNumber) {
    return Received.message(2, MessageTypes.ACKNOWLEDGEMENT, 0, 0, ChunkBytes.chunks().u32(sequenceNumber).toArray());
  }

  @Test
  void nothingIsAcknowledgedBeforeThePeerAnnouncesAWindow() {
    receive(message(6, MessageTypes.VIDEO, 1, new byte[10_000]));

    assertThat(sent()).isEmpty();
    assertThat(session.seen).hasSize(1);
  }

  @Test
  void anAcknowledgementGoesOutOnceAWindowOfBytesHasArrivedCountingTheHandshake() {
    byte[] window = ChunkBytes.chunks().control(MessageTypes.WINDOW_ACK_SIZE, 4000).toArray();
    byte[] audio = message(4, MessageTypes.AUDIO, 1, new byte[1000]);

    receive(window);
    assertThat(sent()).as("%d bytes in", HANDSHAKE_BYTES + window.length).isEmpty();

    receive(audio);
    assertThat(sent()).containsExactly(acknowledgement(HANDSHAKE_BYTES + window.length + audio.length));
  }

  @Test
  void theNextAcknowledgementWaitsForAnotherWholeWindow() {
    receive(ChunkBytes.chunks().control(MessageTypes.WINDOW_ACK_SIZE, 4000).toArray());
    receive(message(4, MessageTypes.AUDIO, 1, new byte[1000]));
    long firstAck = decoder.bytesReceived() + HANDSHAKE_BYTES;
    sent();

    byte[] almostAWindow = message(4, MessageTypes.AUDIO, 1, new byte[3000]);
    receive(almostAWindow);
    assertThat(decoder.bytesReceived() + HANDSHAKE_BYTES - firstAck).isLessThan(4000);
    assertThat(sent()).isEmpty();

    receive(message(4, MessageTypes.AUDIO, 1, new byte[1000]));
    assertThat(decoder.bytesReceived() + HANDSHAKE_BYTES - firstAck).isGreaterThanOrEqualTo(4000);
    assertThat(sent()).containsExactly(acknowledgement(decoder.bytesReceived() + HANDSHAKE_BYTES));
  }

  @Test
  void theAcknowledgementFollowsTheSessionsReplyToTheMessageThatCompletedTheWindow() {
    receive(ChunkBytes.chunks().control(MessageTypes.WINDOW_ACK_SIZE, 100).toArray());
    sent();
    session.reply = ControlMessages.streamBegin(1);

    receive(message(3, MessageTypes.COMMAND_AMF0, 0, new byte[200]));

    assertThat(sent()).extracting(Received::typeId)
        .containsExactly(MessageTypes.USER_CONTROL, MessageTypes.ACKNOWLEDGEMENT);
  }

  @Test
  void aWindowAcknowledgementSizeTooShortToReadIsIgnored() {
    receive(ChunkBytes.chunks().type0(2, 0, 2, MessageTypes.WINDOW_ACK_SIZE, 0).u8(0).u8(1).toArray());
    receive(message(6, MessageTypes.VIDEO, 1, new byte[10_000]));

    assertThat(sent()).isEmpty();
  }

  @Test
  void aPingRequestIsAnsweredWithItsOwnTimestampAndGoesNoFurther() {
    receive(ChunkBytes.chunks().type0(2, 0, 6, MessageTypes.USER_CONTROL, 0).u8(0).u8(6).u32(0xCAFE0001L).toArray());

    assertThat(sent()).containsExactly(
        Received.message(2, MessageTypes.USER_CONTROL, 0, 0, HexFormat.of().parseHex("0007cafe0001")));
    assertThat(session.seen).isEmpty();
  }

  @Test
  void otherUserControlEventsAreNeitherAnsweredNorPassedOn() {
    // Set Buffer Length (3): stream id 1, 3000 ms — a player's message, meaningless to an ingest.
    receive(ChunkBytes.chunks().type0(2, 0, 10, MessageTypes.USER_CONTROL, 0).u8(0).u8(3).u32(1).u32(3000).toArray());

    assertThat(sent()).isEmpty();
    assertThat(session.seen).isEmpty();
  }

  @Test
  void acknowledgementsAndPeerBandwidthFromThePeerAreConsumedQuietly() {
    receive(ChunkBytes.chunks().control(MessageTypes.ACKNOWLEDGEMENT, 5000).toArray());
    receive(ChunkBytes.chunks().type0(2, 0, 5, MessageTypes.SET_PEER_BANDWIDTH, 0).u32(2_500_000).u8(2).toArray());

    assertThat(sent()).isEmpty();
    assertThat(session.seen).isEmpty();
  }

  @Test
  void commandsDataAndMediaReachTheSessionUnchanged() {
    receive(message(3, MessageTypes.COMMAND_AMF0, 0, new byte[] {1, 2}));
    receive(message(4, MessageTypes.DATA_AMF0, 1, new byte[] {3}));
    receive(message(4, MessageTypes.AUDIO, 1, new byte[] {4}));
    receive(message(6, MessageTypes.VIDEO, 1, new byte[] {5}));

    assertThat(session.seen).containsExactly(
        Received.message(3, MessageTypes.COMMAND_AMF0, 0, 0, new byte[] {1, 2}),
        Received.message(4, MessageTypes.DATA_AMF0, 0, 1, new byte[] {3}),
        Received.message(4, MessageTypes.AUDIO, 0, 1, new byte[] {4}),
        Received.message(6, MessageTypes.VIDEO, 0, 1, new byte[] {5}));
  }

  @Test
  void announcingOurSettingsSendsWindowBandwidthAndChunkSizeThenEncodesInTheNewChunkSize() {
    EmbeddedChannel server = new EmbeddedChannel(encoder, new ProtocolControlHandler(encoder, new ChunkDecoder()));
    EmbeddedChannel client = new EmbeddedChannel(new ChunkDecoder());
    try {
      server.writeAndFlush(ProtocolControlHandler.ANNOUNCE_SETTINGS);
      server.writeAndFlush(new RtmpMessage(3, MessageTypes.COMMAND_AMF0, 0, 0, Unpooled.wrappedBuffer(new byte[5000])));

      List<ByteBuf> written = new ArrayList<>();
      for (ByteBuf b = server.readOutbound(); b != null; b = server.readOutbound()) {
        written.add(b);
      }
      assertThat(written).hasSize(4);
      // One Type 0 header, one 4096-byte chunk, one Type 3 header, the last 904 bytes.
      assertThat(written.get(3).readableBytes()).as("5000 bytes in 4096-byte chunks").isEqualTo(12 + 5000 + 1);
      written.forEach(b -> client.writeInbound(b));

      // The client's decoder learns the chunk size from the Set Chunk Size message itself, so the long
      // message reads back whole only if that message went out before it.
      assertThat(Received.of(Inbound.messages(client))).containsExactly(
          Received.message(2, MessageTypes.WINDOW_ACK_SIZE, 0, 0, ChunkBytes.chunks().u32(2_500_000).toArray()),
          Received.message(2, MessageTypes.SET_PEER_BANDWIDTH, 0, 0, ChunkBytes.chunks().u32(2_500_000).u8(2).toArray()),
          Received.message(3, MessageTypes.COMMAND_AMF0, 0, 0, new byte[5000]));
      assertThat(client.pipeline().get(ChunkDecoder.class).chunkSize()).isEqualTo(4096);
    } finally {
      server.finishAndReleaseAll();
      client.finishAndReleaseAll();
    }
  }
}
