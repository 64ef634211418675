package org.ownerless.origin.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.AttributeKey;
import java.nio.file.Path;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One manifest request parked until its file satisfies the query, the hold bound passes or the
 * connection closes, whichever comes first; {@link #release} runs once, whoever calls it. The request
 * is retained while parked and released after its answer.
 */
final class HeldReload {
  /** The request parked on a connection, so a pipelined request behind it can answer it first. */
  static final AttributeKey<HeldReload> ON_CHANNEL = AttributeKey.valueOf("ownerless.heldReload");

  /** Why a held request was answered (the metric's tag). */
  enum Reason {
    READY, TIMEOUT, CLOSED, PIPELINED, SHUTDOWN;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Sends the answer on the connection's event loop; the request is released afterwards. */
  interface Answer {
    void send(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception;
  }

  final Path file;
  final BlockingQuery query;
  private final BlockingReloads owner;
  private final ChannelHandlerContext ctx;
  private final FullHttpRequest req;
  private final Answer answer;
  private final AtomicBoolean done = new AtomicBoolean();
  private volatile ScheduledFuture<?> timeout;

  HeldReload(BlockingReloads owner, ChannelHandlerContext ctx, FullHttpRequest req, Path file, BlockingQuery query,
      Answer answer) {
    this.owner = owner;
    this.ctx = ctx;
    this.req = req.retain();
    this.file = file;
    this.query = query;
    this.answer = answer;
  }

  /** Answers now, on the event loop, because a request was pipelined behind this one. */
  void releaseNow() {
    owner.releasePipelined(this);
  }

  void timeout(ScheduledFuture<?> t) {
    this.timeout = t;
  }

  /**
   * Answers (unless the connection closed) and frees the request, once; false if already done. On the
   * event loop it answers at once, which keeps responses in request order when a pipelined request
   * forces it; from elsewhere it is queued there. {@code counted} runs first, once: whoever has the
   * answer also sees the release counted.
   */
  boolean release(Reason reason, Runnable counted) {
    if (!done.compareAndSet(false, true)) {
      return false;
    }
    counted.run();
    ScheduledFuture<?> t = timeout;
    if (t != null) {
      t.cancel(false);
    }
    if (ctx.executor().inEventLoop()) {
      finish(reason);
    } else {
      try {
        ctx.executor().execute(() -> finish(reason));
      } catch (RejectedExecutionException e) {
        req.release(); // the event loop is gone, and the connection with it: nothing left to answer
      }
    }
    return true;
  }

  private void finish(Reason reason) {
    ctx.channel().attr(ON_CHANNEL).compareAndSet(this, null);
    try {
      if (reason != Reason.CLOSED && reason != Reason.SHUTDOWN && ctx.channel().isActive()) {
        answer.send(ctx, req);
      }
    } catch (Exception e) {
      ctx.close(); // as the router does for a failed route, minus the 500 it can no longer frame reliably
    } finally {
      req.release();
    }
  }
}
