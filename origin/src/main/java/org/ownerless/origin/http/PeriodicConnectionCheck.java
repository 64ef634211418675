package org.ownerless.origin.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A per-connection clock: one periodic task from the connection's start to its end instead of a timer
 * armed and cancelled per request or a listener on every write. On a busy keep-alive connection that
 * costs a field write per event rather than two heap operations on the event loop's timer queue.
 *
 * <p>Subclasses say how often to look ({@link #periodNanos()}, usually a quarter of the shortest limit,
 * so a limit is enforced at most 25 % late) and what to look at ({@link #check}); they close the
 * connection with {@link #closeConnection}, which also stops the clock.
 */
abstract class PeriodicConnectionCheck extends ChannelDuplexHandler {
  /** The check runs this many times per timeout, so a deadline is enforced at most 25 % late. */
  static final int CHECKS_PER_TIMEOUT = 4;

  private ScheduledFuture<?> checker;

  /** The interval between checks, read once when the clock starts. */
  abstract long periodNanos();

  /** Called once, on the event loop, when the clock starts; {@code now} is System.nanoTime(). */
  abstract void started(long now);

  /** Called on the event loop every {@link #periodNanos()} until the connection ends. */
  abstract void check(ChannelHandlerContext ctx);

  static long periodFor(long shortestTimeoutNanos) {
    return Math.max(1, shortestTimeoutNanos / CHECKS_PER_TIMEOUT);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  private void start(ChannelHandlerContext ctx) {
    if (checker != null) {
      return;
    }
    started(System.nanoTime());
    long period = periodNanos();
    checker = ctx.executor().scheduleAtFixedRate(() -> check(ctx), period, period, TimeUnit.NANOSECONDS);
  }

  final void closeConnection(ChannelHandlerContext ctx) {
    stop();
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stop();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  private void stop() {
    if (checker != null) {
      checker.cancel(false);
      checker = null;
    }
  }
}
