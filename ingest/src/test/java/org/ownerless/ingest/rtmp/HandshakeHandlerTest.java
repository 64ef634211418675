package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandshakeHandlerTest {
  private static final int SIZE = 1536;

  /** Records, in order, what the handshake passes on: its user event and any bytes. */
  private static final class Recorder extends ChannelInboundHandlerAdapter {
    final List<Object> seen = new ArrayList<>();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      seen.add(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf bytes = (ByteBuf) msg;
      seen.add(Inbound.bytes(bytes));
      bytes.release();
    }
  }

  private final Recorder next = new Recorder();
  private final EmbeddedChannel channel = new EmbeddedChannel(new HandshakeHandler(), next);

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  private static byte[] randomPacket(long seed) {
    byte[] packet = new byte[SIZE];
    new Random(seed).nextBytes(packet);
    return packet;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private byte[] written() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
      out.writeBytes(Inbound.bytes(buf));
      buf.release();
    }
    return out.toByteArray();
  }

  private void send(byte[] bytes) {
    channel.writeInbound(Unpooled.wrappedBuffer(bytes));
  }

  @Test
  void answersC0AndC1WithVersion3ThenS1ThenAnExactEchoOfC1() {
    byte[] c1 = randomPacket(1);

    send(concat(new byte[] {3}, c1));

    byte[] response = written();
    assertThat(response).hasSize(1 + 2 * SIZE);
    assertThat(response[0]).isEqualTo((byte) 3);
    byte[] s1 = Arrays.copyOfRange(response, 1, 1 + SIZE);
    assertThat(Arrays.copyOfRange(s1, 4, 8)).as("S1 zero field").containsOnly(0);
    assertThat(Arrays.copyOfRange(s1, 8, SIZE)).as("S1 random bytes").isNotEqualTo(new byte[SIZE - 8]);
    assertThat(Arrays.copyOfRange(response, 1 + SIZE, response.length)).as("S2").isEqualTo(c1);
  }

  @Test
  void completesWhenEveryByteArrivesSeparately() {
    byte[] c1 = randomPacket(2);
    byte[] c2 = randomPacket(3);
    byte[] client = concat(new byte[] {3}, c1, c2);

    int lastByteOfC1 = SIZE;
    for (int i = 0; i < client.length; i++) {
      send(new byte[] {client[i]});
      assertThat(written().length > 0).as("response after byte %d", i).isEqualTo(i == lastByteOfC1);
      assertThat(next.seen.isEmpty()).as("no completion after byte %d", i).isEqualTo(i < client.length - 1);
    }

    assertThat(next.seen).containsExactly(HandshakeHandler.Completed.INSTANCE);
    assertThat(channel.pipeline().get(HandshakeHandler.class)).isNull();
  }

  @Test
  void acceptsAnyC2BecauseClientsDifferInWhatTheyEcho() {
    send(concat(new byte[] {3}, randomPacket(4)));
    written();

    send(new byte[SIZE]);

    assertThat(next.seen).containsExactly(HandshakeHandler.Completed.INSTANCE);
  }

  @Test
  void bytesPipelinedAfterC2ReachTheNextHandlerAfterTheCompletionEvent() {
    send(concat(new byte[] {3}, randomPacket(5)));
    written();

    send(concat(randomPacket(6), new byte[] {9, 8, 7}));
    send(new byte[] {6});

    assertThat(next.seen).hasSize(3);
    assertThat(next.seen.get(0)).isEqualTo(HandshakeHandler.Completed.INSTANCE);
    assertThat((byte[]) next.seen.get(1)).containsExactly(9, 8, 7);
    assertThat((byte[]) next.seen.get(2)).containsExactly(6);
  }

  @Test
  void theFirstChunksSentTogetherWithC2AreDecodedByTheChunkDecoder() {
    EmbeddedChannel server = new EmbeddedChannel(new HandshakeHandler(), new ChunkDecoder());
    try {
      byte[] connect = ChunkBytes.chunks().type0(3, 0, 7, MessageTypes.COMMAND_AMF0, 0).payload("connect").toArray();
      server.writeInbound(Unpooled.wrappedBuffer(concat(new byte[] {3}, randomPacket(7))));
      server.writeInbound(Unpooled.wrappedBuffer(concat(randomPacket(8), connect)));

      List<Received> received = Received.of(Inbound.messages(server));

      assertThat(received).containsExactly(
          Received.message(3, MessageTypes.COMMAND_AMF0, 0, 0, "connect".getBytes(StandardCharsets.US_ASCII)));
      assertThat(server.pipeline().get(ChunkDecoder.class).bytesReceived()).isEqualTo(connect.length);
    } finally {
      server.finishAndReleaseAll();
    }
  }

  @Test
  void refusesAnyOtherVersionAtTheFirstByteAndClosesTheConnection() {
    assertThatThrownBy(() -> send(new byte[] {6}))
        .isInstanceOf(RtmpProtocolException.class)
        .hasMessage("unsupported RTMP version 6 (encrypted RTMPE is not supported)");

    assertThat(written()).isEmpty();
    assertThat(channel.isOpen()).isFalse();
    assertThat(next.seen).isEmpty();
  }

  @Test
  void refusesATlsClientHelloTooWithItsFirstByteAsTheVersion() {
    assertThatThrownBy(() -> send(new byte[] {0x16, 0x03, 0x01}))
        .isInstanceOf(RtmpProtocolException.class)
        .hasMessageStartingWith("unsupported RTMP version 22");
  }
}
