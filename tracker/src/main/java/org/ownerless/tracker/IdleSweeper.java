package org.ownerless.tracker;

import io.netty.channel.EventLoop;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes the connections of one event loop that have neither read nor been sent anything for the
 * idle timeout. One periodic task per event loop instead of an IdleStateHandler (and its timer
 * task and per-write promise listener) per connection. Checks run every idleTimeout/8 (at most
 * every second), so a connection is closed between 1 and 1.125 timeouts after it went quiet.
 * Only its event loop's thread touches it.
 */
final class IdleSweeper {
  private final long timeoutNanos;
  private final long periodNanos;
  private PeerConnection[] watched = new PeerConnection[16];
  private int size;
  private ScheduledFuture<?> task;

  IdleSweeper(long timeoutNanos) {
    this.timeoutNanos = timeoutNanos;
    this.periodNanos = Math.max(1_000_000L, Math.min(1_000_000_000L, timeoutNanos / 8));
  }

  void watch(PeerConnection c, EventLoop loop) {
    if (size == watched.length) {
      watched = Arrays.copyOf(watched, size * 2);
    }
    c.idleSlot = size;
    watched[size++] = c;
    if (task == null) {
      task = loop.scheduleAtFixedRate(this::sweep, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }
  }

  void unwatch(PeerConnection c) {
    int at = c.idleSlot;
    if (at < 0 || at >= size || watched[at] != c) {
      return;
    }
    PeerConnection last = watched[--size];
    watched[at] = last;
    last.idleSlot = at;
    watched[size] = null;
    c.idleSlot = -1;
    if (size == 0 && task != null) {
      task.cancel(false); // nothing to watch: let an otherwise idle event loop shut down promptly
      task = null;
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    // Walk backwards: closing may unwatch (swap-remove) the current slot synchronously.
    for (int i = size - 1; i >= 0; i--) {
      if (i < size && now - watched[i].lastActiveNanos >= timeoutNanos) {
        watched[i].channel.close();
      }
    }
  }
}
