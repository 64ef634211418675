package org.ownerless.ingest.rtmp;

import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.ownerless.net.RefusalLog;

/**
 * The bytes of partially received messages that all RTMP connections of a process may hold
 * together. Per-connection limits alone multiply: enough connections each within its own
 * {@link ChunkLimits} still exhaust the direct memory that every Netty server of the process
 * (HTTP origin and tracker included) allocates from. One instance is shared by the decoders of all
 * connections; each reserves payload bytes before copying them and releases them when the message
 * is complete, aborted or dropped with its connection.
 *
 * <p>Connections that have not been allowed to publish may fill only half of it, so however many
 * strangers connect, accepted publishers keep the other half for their keyframes.
 */
public final class PendingBytesBudget {
  /** Room for a few high-bitrate publishers mid-keyframe, far below a 256 MiB direct-memory limit. */
  public static final long DEFAULT_BYTES = 64L << 20;

  private final long capacity;
  private final AtomicLong reserved = new AtomicLong();
  private final RefusalLog beforePublishRefusals =
      RefusalLog.warnings("RTMP (not yet publishing)", PendingBytesBudget.class);
  private final RefusalLog publisherRefusals = RefusalLog.warnings("RTMP publisher", PendingBytesBudget.class);

  public PendingBytesBudget(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the pending bytes budget must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** For a decoder on its own (tests, tools): nothing else shares its memory. */
  static PendingBytesBudget unlimited() {
    return new PendingBytesBudget(Long.MAX_VALUE);
  }

  public long capacity() {
    return capacity;
  }

  /** Bytes reserved right now by all connections together. */
  public long reserved() {
    return reserved.get();
  }

  /** Connections closed because their reservation did not fit, since start. */
  public long refusals() {
    return beforePublishRefusals.total() + publisherRefusals.total();
  }

  /**
   * Reserves {@code bytes} if they fit: in the whole budget for a publisher, in half of it for a
   * connection that has not published. A refusal is logged once per burst and per kind; the caller
   * closes the connection, holding nothing.
   *
   * @param peer says who asked, in the log line
   */
  boolean tryReserve(long bytes, boolean publishing, SocketAddress peer) {
    long ceiling = publishing ? capacity : capacity / 2;
    long before;
    do {
      before = reserved.get();
      if (before + bytes > ceiling) {
        refused(bytes, publishing, peer, before);
        return false;
      }
    } while (!reserved.compareAndSet(before, before + bytes));
    return true;
  }

  void release(long bytes) {
    if (bytes > 0) {
      reserved.addAndGet(-bytes);
    }
  }

  private void refused(long bytes, boolean publishing, SocketAddress peer, long held) {
    (publishing ? publisherRefusals : beforePublishRefusals).refused("partially received messages of all"
        + " connections would exceed " + (publishing ? capacity : capacity / 2) + " bytes"
        + (publishing ? "" : " (half the budget, the rest is kept for publishers)") + ": " + held
        + " held, " + bytes + " more asked by rtmp " + peer);
  }
}
