package org.ownerless.net;

import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Says that connections are being refused once per burst, not once per connection: a flood is exactly
 * when a line per refusal would fill the disk and bury everything else. A burst ends after a quiet
 * period with no refusal; the next burst's line carries the previous one's count, so nothing is lost.
 * Public so that other refusals of whole connections (the ingest's memory budget) are said the same way.
 */
public final class RefusalLog {
  static final Duration DEFAULT_QUIET = Duration.ofSeconds(10);
  // Netty's logger facade (it binds to SLF4J when present) keeps this module's only dependency Netty.
  private static final InternalLogger log = InternalLoggerFactory.getInstance(ConnectionLimiter.class);

  private final String what;
  private final long quietNanos;
  private final LongSupplier nanoClock;
  private final Consumer<String> sink;
  private boolean inBurst;
  private long lastRefusal;
  private long burstCount;
  private long total;

  RefusalLog(String what, Duration quiet, LongSupplier nanoClock, Consumer<String> sink) {
    this.what = what;
    this.quietNanos = quiet.toNanos();
    this.nanoClock = nanoClock;
    this.sink = sink;
  }

  /** Warnings through the server's logging, bursts separated by {@link #DEFAULT_QUIET}. */
  static RefusalLog warnings(String what) {
    return new RefusalLog(what, DEFAULT_QUIET, System::nanoTime, log::warn);
  }

  /**
   * Warnings in {@code source}'s log, bursts separated by {@link #DEFAULT_QUIET}.
   *
   * @param what names the connections in the line: "refusing WHAT connections: REASON"
   */
  public static RefusalLog warnings(String what, Class<?> source) {
    InternalLogger sourceLog = InternalLoggerFactory.getInstance(source);
    return new RefusalLog(what, DEFAULT_QUIET, System::nanoTime, sourceLog::warn);
  }

  void refused(InetAddress from, Admission why, ConnectionCounts counts) {
    refused(reason(from, why, counts));
  }

  /** One refusal; {@code reason} is built by the caller, so keep it cheap: only a burst's first is logged. */
  public synchronized void refused(String reason) {
    long now = nanoClock.getAsLong();
    total++;
    if (inBurst && now - lastRefusal < quietNanos) {
      burstCount++;
      lastRefusal = now;
      return;
    }
    String previous = inBurst ? " (the previous burst refused " + burstCount + ")" : "";
    inBurst = true;
    burstCount = 1;
    lastRefusal = now;
    sink.accept("refusing " + what + " connections: " + reason
        + "; further refusals are counted, not logged, until " + quietNanos / 1_000_000_000L
        + " s pass without one" + previous);
  }

  /** Refusals since start, bursts included. */
  public synchronized long total() {
    return total;
  }

  private static String reason(InetAddress from, Admission why, ConnectionCounts counts) {
    return why == Admission.OVER_TOTAL_CAP
        ? "over the total cap of " + counts.maxTotal() + " (latest from " + from.getHostAddress() + ")"
        : "over the cap of " + counts.maxPerAddress() + " per address, from " + from.getHostAddress();
  }
}
