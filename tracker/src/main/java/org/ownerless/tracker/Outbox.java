package org.ownerless.tracker;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.Arrays;

/**
 * The messages one client message causes, collected while the registry lock is held and written
 * after it is released. One per event-loop thread, reused. Writes to connections of the same event
 * loop are flushed once per loop iteration, however many messages each received in it: a busy
 * swarm's peer gets one syscall per tick instead of one per offer.
 */
final class Outbox {
  private PeerConnection[] to = new PeerConnection[16];
  private ByteBuf[] messages = new ByteBuf[16];
  private int size;
  private PeerConnection[] toFlush = new PeerConnection[16];
  private int flushCount;
  private boolean flushScheduled;
  private final Runnable flushAll = this::flushAll;

  void add(PeerConnection c, ByteBuf json) {
    if (size == to.length) {
      to = Arrays.copyOf(to, size * 2);
      messages = Arrays.copyOf(messages, size * 2);
    }
    to[size] = c;
    messages[size++] = json;
  }

  /** A refused message produces only its failure reply: drop what was prepared. */
  void discard() {
    for (int i = 0; i < size; i++) {
      messages[i].release();
      messages[i] = null;
      to[i] = null;
    }
    size = 0;
  }

  void deliver(long now) {
    int n = size;
    size = 0;
    for (int i = 0; i < n; i++) {
      PeerConnection c = to[i];
      ByteBuf json = messages[i];
      to[i] = null;
      messages[i] = null;
      Channel ch = c.channel;
      c.lastActiveNanos = now;
      if (!ch.eventLoop().inEventLoop()) {
        ch.writeAndFlush(new TextWebSocketFrame(json), ch.voidPromise());
        continue;
      }
      ch.write(new TextWebSocketFrame(json), ch.voidPromise());
      if (!c.flushPending) {
        c.flushPending = true;
        if (flushCount == toFlush.length) {
          toFlush = Arrays.copyOf(toFlush, flushCount * 2);
        }
        toFlush[flushCount++] = c;
        if (!flushScheduled) {
          flushScheduled = true;
          // Runs after this iteration's reads, on this same thread.
          ch.eventLoop().execute(flushAll);
        }
      }
    }
  }

  private void flushAll() {
    flushScheduled = false;
    int n = flushCount;
    flushCount = 0;
    for (int i = 0; i < n; i++) {
      PeerConnection c = toFlush[i];
      toFlush[i] = null;
      c.flushPending = false;
      c.channel.flush();
    }
    if (toFlush.length > 1024 && n < toFlush.length / 4) {
      toFlush = new PeerConnection[16]; // a burst passed: do not keep its array
    }
  }
}
