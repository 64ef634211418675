package org.ownerless.origin.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two clocks of a connection, checked by one periodic task instead of a listener on every write:
 *
 * <ul>
 *   <li><b>write stall</b>: output is pending and has not moved for the stall timeout — a client that
 *       requested a file and stopped reading would otherwise hold the socket, the open file and
 *       (with TLS) buffers indefinitely;
 *   <li><b>idle</b> (HTTP only, {@link #endIdleWatch() ended} on a protocol upgrade): nothing moved in
 *       either direction for the idle timeout, so parked keep-alive connections do not pin sockets.
 *       Output progress of a long download counts, so a slow but moving transfer is not cut.
 * </ul>
 *
 * <p>Output progress is read from the channel's outbound buffer at each check (the message in flight,
 * how far it got, the bytes still pending), as Netty's IdleStateHandler does with observeOutput; a
 * write completing between two checks shows as a changed write count. Channel writability alone could
 * not see a stall: a zero-copy file region counts zero bytes toward the write-buffer watermark. Like
 * the header deadline, a limit is enforced at most a quarter of its length late.
 */
final class ConnectionWatch extends PeriodicConnectionCheck {
  private static final Logger log = LoggerFactory.getLogger(ConnectionWatch.class);

  private final long stallNanos;
  private long idleNanos; // 0: not watched (upgraded connection)

  private boolean readSinceCheck;
  private long writes;
  private long writesAtCheck;
  private Object inFlightAtCheck;
  private long progressAtCheck;
  private long pendingAtCheck;
  private long lastActivity;
  private long lastOutputMove;

  ConnectionWatch(Duration idleTimeout, Duration writeStallTimeout) {
    this.idleNanos = idleTimeout.toNanos();
    this.stallNanos = writeStallTimeout.toNanos();
  }

  /** After an upgrade the new protocol owns idle policy; the stall watch stays. */
  void endIdleWatch() {
    idleNanos = 0;
  }

  @Override
  long periodNanos() {
    return periodFor(Math.min(idleNanos, stallNanos));
  }

  @Override
  void started(long now) {
    lastActivity = lastOutputMove = now;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    readSinceCheck = true;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    writes++;
    ctx.write(msg, promise);
  }

  @Override
  void check(ChannelHandlerContext ctx) {
    long now = System.nanoTime();
    ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
    Object inFlight = out == null ? null : out.current();
    long progress = out == null ? 0 : out.currentProgress();
    long pending = out == null ? 0 : out.totalPendingWriteBytes();
    boolean outputMoved = writes != writesAtCheck || inFlight != inFlightAtCheck
        || progress != progressAtCheck || pending != pendingAtCheck;
    writesAtCheck = writes;
    inFlightAtCheck = inFlight;
    progressAtCheck = progress;
    pendingAtCheck = pending;
    if (outputMoved) {
      lastOutputMove = now;
    }
    if (outputMoved || readSinceCheck) {
      lastActivity = now;
    }
    readSinceCheck = false;

    boolean outputPending = inFlight != null || pending > 0 || !ctx.channel().isWritable();
    if (outputPending && now - lastOutputMove >= stallNanos) {
      log.debug("{}: client stopped reading, closing", ctx.channel().remoteAddress());
      closeConnection(ctx);
    } else if (idleNanos > 0 && now - lastActivity >= idleNanos) {
      log.debug("{}: idle, closing", ctx.channel().remoteAddress());
      closeConnection(ctx);
    }
  }
}
