package org.ownerless.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {
  private final List<String> lines = new ArrayList<>();

  private ConnectionLimiter limiter(int maxTotal, int maxPerAddress) {
    return new ConnectionLimiter(new ConnectionCounts(maxTotal, maxPerAddress),
        new RefusalLog("test", Duration.ofSeconds(10), System::nanoTime, lines::add));
  }

  @Test
  void aConnectionOverThePerAddressCapIsClosedAndTheNextHandlerNeverStarts() {
    ConnectionLimiter limiter = limiter(10, 2);
    AddressedChannel.from("10.0.0.1", limiter);
    AddressedChannel.from("10.0.0.1", limiter);
    Starts starts = new Starts();
    AddressedChannel third = AddressedChannel.from("10.0.0.1", limiter, starts);

    assertThat(third.isOpen()).isFalse();
    assertThat(starts.count).isZero();
    assertThat(limiter.active()).isEqualTo(2);
    assertThat(limiter.refused()).isEqualTo(1);
    assertThat(AddressedChannel.from("10.0.0.2", limiter).isOpen()).isTrue();
  }

  @Test
  void connectionsOverTheTotalCapAreClosed() {
    ConnectionLimiter limiter = limiter(1, 5);
    Starts starts = new Starts();
    assertThat(AddressedChannel.from("10.0.0.1", limiter, starts).isOpen()).isTrue();
    assertThat(AddressedChannel.from("10.0.0.2", limiter, starts).isOpen()).isFalse();
    assertThat(starts.count).isEqualTo(1);
  }

  @Test
  void closingAnAdmittedConnectionFreesItsSlot() {
    ConnectionLimiter limiter = limiter(1, 1);
    EmbeddedChannel first = AddressedChannel.from("10.0.0.1", limiter);
    first.close();
    assertThat(limiter.active()).isZero();
    assertThat(AddressedChannel.from("10.0.0.1", limiter).isOpen()).isTrue();
  }

  @Test
  void closingARefusedConnectionGivesBackNothing() {
    ConnectionLimiter limiter = limiter(1, 1);
    AddressedChannel.from("10.0.0.1", limiter);
    AddressedChannel.from("10.0.0.1", limiter).close();
    assertThat(limiter.active()).isEqualTo(1);
  }

  @Test
  void addedToAnAlreadyActiveConnectionItDecidesAtOnce() {
    // A protocol upgrade (HTTP to WebSocket) installs the limiter on a connection that is already up.
    ConnectionLimiter limiter = limiter(1, 1);
    EmbeddedChannel upgraded = AddressedChannel.from("10.0.0.1");
    upgraded.pipeline().addLast(limiter);
    assertThat(limiter.active()).isEqualTo(1);

    EmbeddedChannel second = AddressedChannel.from("10.0.0.1");
    second.pipeline().addLast(limiter);
    assertThat(second.isOpen()).isFalse();

    upgraded.close();
    assertThat(limiter.active()).isZero();
  }

  @Test
  void aConnectionPassingTwoLimitersIsCountedByEach() {
    // The origin's limiter admits at accept; the tracker's admits the same socket again on upgrade.
    ConnectionLimiter http = limiter(10, 10);
    ConnectionLimiter tracker = limiter(10, 10);
    EmbeddedChannel ch = AddressedChannel.from("10.0.0.1", http);
    ch.pipeline().addLast(tracker);
    assertThat(http.active()).isEqualTo(1);
    assertThat(tracker.active()).isEqualTo(1);
    ch.close();
    assertThat(http.active()).isZero();
    assertThat(tracker.active()).isZero();
  }

  @Test
  void aChannelWithoutAnIpAddressCountsAsOneLocalClient() {
    ConnectionLimiter limiter = limiter(10, 1);
    assertThat(new EmbeddedChannel(limiter).isOpen()).isTrue();
    assertThat(new EmbeddedChannel(limiter).isOpen()).isFalse();
  }

  @Test
  void aBurstOfRefusalsIsLoggedOnce() {
    ConnectionLimiter limiter = limiter(1, 1);
    AddressedChannel.from("10.0.0.1", limiter);
    for (int i = 0; i < 50; i++) {
      AddressedChannel.from("10.0.0.1", limiter);
    }
    assertThat(lines).singleElement().asString().contains("refusing test connections");
    assertThat(limiter.refused()).isEqualTo(50);
  }

  /** Counts channelActive events that got past the limiter. */
  private static final class Starts extends ChannelInboundHandlerAdapter {
    int count;

    @Override
    public boolean isSharable() {
      return true;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      count++;
      ctx.fireChannelActive();
    }
  }
}
