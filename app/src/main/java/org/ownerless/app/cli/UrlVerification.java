package org.ownerless.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import org.ownerless.app.ExitCodes;
import org.ownerless.app.UserError;
import org.ownerless.app.UserText;
import org.ownerless.net.LogText;
import org.ownerless.origin.follow.StreamUrl;
import org.ownerless.origin.verify.Failure;
import org.ownerless.origin.verify.PassResult;
import org.ownerless.origin.verify.StreamVerifier;
import org.ownerless.protocol.crypto.PublicKey;

/** {@code verify URL [--watch]}: one pass, or passes until the stream ends, printing each verdict. */
final class UrlVerification {
  private final StreamUrl url;
  private final PublicKey pinned;
  private final boolean watch;
  private final Duration interval;
  private final Duration duration;
  private final Duration timeout;
  private final PrintWriter out;

  UrlVerification(String target, PublicKey pinned, boolean watch, Duration interval, Duration duration,
      Duration timeout, PrintWriter out) {
    try {
      this.url = StreamUrl.parse(target);
    } catch (IllegalArgumentException e) {
      throw new UserError(UserText.quote(target) + ": " + e.getMessage());
    }
    if (interval.isZero() || timeout.isZero()) {
      throw new UserError("--interval and --timeout must be longer than 0");
    }
    this.pinned = pinned;
    this.watch = watch;
    this.interval = interval;
    this.duration = duration;
    this.timeout = timeout;
    this.out = out;
  }

  int run() {
    StreamVerifier verifier = new StreamVerifier(url, pinned, timeout);
    long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    boolean anyFailure = false;
    int pass = 0;
    long segments = 0;
    while (true) {
      pass++;
      PassResult r = verifier.pass();
      segments += r.newSegments();
      for (Failure f : r.failures()) {
        out.println("FAIL " + LogText.inline(f.toString())); // messages carry what the server sent
      }
      anyFailure |= !r.ok();
      if (r.ok()) {
        out.println("OK " + (watch ? "pass " + pass + ": " : "") + url.stream() + " announce seq " + r.announceSeq()
            + describe(r.treeSizes()) + ", " + r.newSegments() + " new segments verified" + (r.ended() ? ", ended" : ""));
      }
      out.flush();
      if (!watch || r.ended() || System.nanoTime() >= deadline) {
        break;
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (watch) {
      out.println((anyFailure ? "FAIL" : "OK") + " " + pass + " passes, " + segments + " segments verified");
    }
    return anyFailure ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private static String describe(Map<String, Long> sizes) {
    StringBuilder sb = new StringBuilder();
    sizes.forEach((r, n) -> sb.append(", ").append(r).append(" log size ").append(n));
    return sb.toString();
  }
}
