package org.ownerless.ingest.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ownerless.ingest.rtmp.ChunkBytes.chunks;
import static org.ownerless.ingest.rtmp.MessageTypes.ABORT;
import static org.ownerless.ingest.rtmp.MessageTypes.SET_CHUNK_SIZE;
import static org.ownerless.ingest.rtmp.MessageTypes.VIDEO;

import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One budget shared by the decoders of all connections: the connection whose bytes would not fit
 * is closed, the others keep what they hold, and every byte comes back when messages complete or
 * connections go.
 */
class PendingBytesBudgetTest {
  private static final int KIB = 1 << 10;
  /** Before publishing, connections may fill half of it: 100 KiB. */
  private final PendingBytesBudget budget = new PendingBytesBudget(200 * KIB);
  private final List<EmbeddedChannel> connections = new ArrayList<>();

  private EmbeddedChannel connection() {
    EmbeddedChannel channel = new EmbeddedChannel(
        new ChunkDecoder(ChunkLimits.BEFORE_PUBLISH, ChunkLimits.DEFAULTS, budget));
    channel.config().setAllocator(UnpooledByteBufAllocator.DEFAULT);
    connections.add(channel);
    send(channel, chunks().control(SET_CHUNK_SIZE, KIB));
    return channel;
  }

  private EmbeddedChannel publisher() {
    EmbeddedChannel channel = connection();
    channel.pipeline().fireUserEventTriggered(RtmpSession.PublishAccepted.INSTANCE);
    return channel;
  }

  @AfterEach
  void closeAll() {
    connections.forEach(EmbeddedChannel::finishAndReleaseAll);
  }

  private static void send(EmbeddedChannel channel, ChunkBytes bytes) {
    send(channel, bytes.toArray());
  }

  private static void send(EmbeddedChannel channel, byte[] bytes) {
    channel.writeInbound(Unpooled.wrappedBuffer(bytes));
  }

  /** The first {@code sent} bytes of a video message of {@code length}, in chunks of 1 KiB. */
  private static ChunkBytes partial(int csid, int length, int sent) {
    return chunks().message(csid, VIDEO, length, sent, KIB);
  }

  @Test
  void theConnectionWhoseBytesWouldExceedTheBudgetIsClosedAndTheOthersKeepTheirs() {
    EmbeddedChannel first = connection();
    EmbeddedChannel second = connection();
    send(first, partial(4, 64 * KIB, 60 * KIB));

    send(second, partial(4, 64 * KIB, 50 * KIB)); // 110 KiB > the 100 KiB strangers may hold

    assertThat(second.isOpen()).isFalse();
    assertThat(first.isOpen()).isTrue();
    assertThat(budget.reserved()).isEqualTo(60 * KIB);
    assertThat(budget.refusals()).isEqualTo(1);
  }

  @Test
  void publishersMayUseTheHalfThatConnectionsNotYetPublishingMayNot() {
    EmbeddedChannel stranger = connection();
    EmbeddedChannel publisher = publisher();
    send(stranger, partial(4, 64 * KIB, 63 * KIB).message(5, VIDEO, 64 * KIB, 37 * KIB - 1, KIB));
    assertThat(budget.reserved()).isEqualTo(100 * KIB - 1);

    send(publisher, partial(4, 1 << 20, 100 * KIB)); // fills the whole 200 KiB but for a byte

    assertThat(publisher.isOpen()).isTrue();
    assertThat(budget.reserved()).isEqualTo(200 * KIB - 1);
    send(publisher, chunks().type3(4).counting(0, 2));
    assertThat(publisher.isOpen()).isFalse();
    assertThat(stranger.isOpen()).isTrue();
    assertThat(budget.reserved()).isEqualTo(100 * KIB - 1);
  }

  @Test
  void everyReservedByteComesBackWhenMessagesCompleteAreAbortedOrConnectionsClose() {
    EmbeddedChannel completes = publisher();
    byte[] whole = partial(4, 150 * KIB, 150 * KIB).toArray();
    send(completes, Arrays.copyOfRange(whole, 0, whole.length / 2));
    assertThat(budget.reserved()).isPositive();
    send(completes, Arrays.copyOfRange(whole, whole.length / 2, whole.length));
    RtmpMessage completed = completes.readInbound();
    assertThat(completed.payload().readableBytes()).isEqualTo(150 * KIB);
    completed.release();

    EmbeddedChannel aborts = connection();
    send(aborts, partial(4, 64 * KIB, 10 * KIB).control(ABORT, 4));

    EmbeddedChannel closes = connection();
    send(closes, partial(4, 64 * KIB, 20 * KIB).message(5, VIDEO, 64 * KIB, 20 * KIB, KIB));
    EmbeddedChannel breaksTheProtocol = connection();
    send(breaksTheProtocol, partial(4, 64 * KIB, 20 * KIB));
    assertThatThrownBy(() -> send(breaksTheProtocol, chunks().control(SET_CHUNK_SIZE, 0)))
        .isInstanceOf(RtmpProtocolException.class);
    assertThat(budget.reserved()).isEqualTo(40 * KIB);

    connections.forEach(EmbeddedChannel::finishAndReleaseAll);

    assertThat(budget.reserved()).isZero();
  }
}
