package org.ownerless.bench.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientFramesTest {
  @Test
  void aServerDecoderThatDemandsMaskedFramesReadsBackEveryPayloadLengthForm() {
    // 0..125 in the first byte, 126 = 16-bit length, over 65535 = 64-bit; odd sizes hit the byte tail of the mask.
    for (int size : new int[] {0, 1, 7, 125, 126, 127, 1001, 65535, 65536, 70003}) {
      String text = "é".repeat(size / 2) + "x".repeat(size % 2);
      ByteBuf b = ClientFrames.open(ByteBufAllocator.DEFAULT, size);
      b.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
          .expectMaskedFrames(true).allowMaskMismatch(false).maxFramePayloadLength(1 << 20).build()));
      server.writeInbound(ClientFrames.seal(b, 0x9A3C_51E7));
      TextWebSocketFrame frame = server.readInbound();
      assertThat(frame).as("size %d", size).isNotNull();
      assertThat(frame.text()).as("size %d", size).isEqualTo(text);
      frame.release();
      server.finishAndReleaseAll();
    }
  }

  @Test
  void theWireBytesAreMaskedNotPlain() {
    ByteBuf b = ClientFrames.open(ByteBufAllocator.DEFAULT, 16);
    b.writeBytes("{\"action\":1}".getBytes(StandardCharsets.US_ASCII));
    ClientFrames.seal(b, 0x01020304);
    String wire = b.toString(StandardCharsets.ISO_8859_1);
    assertThat(wire).doesNotContain("action");
    assertThat(b.getByte(b.readerIndex() + 1) & 0x80).as("mask bit").isEqualTo(0x80);
    b.release();
  }

  @Test
  void refusesAZeroKeyThatWouldLetServersSkipUnmasking() {
    ByteBuf b = ClientFrames.open(ByteBufAllocator.DEFAULT, 4);
    assertThatThrownBy(() -> ClientFrames.seal(b, 0)).isInstanceOf(IllegalArgumentException.class);
    b.release();
  }
}
