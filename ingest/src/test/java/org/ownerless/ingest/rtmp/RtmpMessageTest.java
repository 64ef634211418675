package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RtmpMessageTest {

  @Test
  void referenceCountingIsThePayloads() {
    ByteBuf payload = Unpooled.buffer(4).writeInt(7);
    RtmpMessage message = new RtmpMessage(3, MessageTypes.COMMAND_AMF0, 0, 0, payload);

    message.retain();
    assertThat(payload.refCnt()).isEqualTo(2);
    assertThat(message.release()).isFalse();
    assertThat(message.release()).isTrue();
    assertThat(payload.refCnt()).isZero();
  }

  @Test
  void timestampsAreUnsigned32BitValues() {
    assertThat(new RtmpMessage(3, 8, 0xFFFFFFFFL, 1, Unpooled.EMPTY_BUFFER).timestamp()).isEqualTo(0xFFFFFFFFL);
    assertThatThrownBy(() -> new RtmpMessage(3, 8, 0x1_0000_0000L, 1, Unpooled.EMPTY_BUFFER))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RtmpMessage(3, 8, -1, 1, Unpooled.EMPTY_BUFFER))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringShowsTheHeaderNotThePayload() {
    RtmpMessage message = new RtmpMessage(4, MessageTypes.VIDEO, 40, -1, Unpooled.wrappedBuffer(new byte[3]));

    assertThat(message).hasToString("RtmpMessage(csid=4, type=9, timestamp=40, stream=4294967295, 3 bytes)");
  }
}
