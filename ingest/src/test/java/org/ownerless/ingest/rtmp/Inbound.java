package org.ownerless.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Delivers bytes to an {@link EmbeddedChannel} the way TCP may: in fragments of any size. */
final class Inbound {
  private Inbound() {}

  static List<RtmpMessage> whole(EmbeddedChannel channel, byte[] bytes) {
    channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    return messages(channel);
  }

  static List<RtmpMessage> byteAtATime(EmbeddedChannel channel, byte[] bytes) {
    return inFragments(channel, bytes, new Random(0), 1);
  }

  /** Fragment sizes are drawn uniformly from 1..maxFragment. */
  static List<RtmpMessage> inFragments(EmbeddedChannel channel, byte[] bytes, Random random, int maxFragment) {
    List<RtmpMessage> received = new ArrayList<>();
    int offset = 0;
    while (offset < bytes.length) {
      int length = Math.min(bytes.length - offset, 1 + random.nextInt(maxFragment));
      channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, offset, offset + length)));
      offset += length;
      received.addAll(messages(channel));
    }
    return received;
  }

  static List<RtmpMessage> messages(EmbeddedChannel channel) {
    List<RtmpMessage> received = new ArrayList<>();
    for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
      received.add((RtmpMessage) message);
    }
    return received;
  }

  static byte[] bytes(ByteBuf buf) {
    return ByteBufUtil.getBytes(buf);
  }

  static void release(List<RtmpMessage> messages) {
    messages.forEach(RtmpMessage::release);
  }
}
