package org.ownerless.protocol.verify;

import java.util.Arrays;
import java.util.Optional;
import org.ownerless.protocol.ProtocolException;
import org.ownerless.protocol.json.CanonicalJson;
import org.ownerless.protocol.model.StreamAnnounce;
import org.ownerless.protocol.model.StreamId;

/**
 * Remembers the newest verified announce of one stream and accepts only announces that supersede
 * it: a higher seq, or the very same object again. Not thread-safe.
 */
public final class AnnounceTracker {
  private final StreamId stream;
  private Signed<StreamAnnounce> current;

  public AnnounceTracker(StreamId stream) {
    this.stream = stream;
  }

  public Optional<Signed<StreamAnnounce>> current() {
    return Optional.ofNullable(current);
  }

  /** Accepts {@code next} (already signature-checked) or throws saying why it is refused. */
  public void accept(Signed<StreamAnnounce> next, long nowMs) throws VerificationException {
    StreamAnnounce a = next.content();
    if (!a.streamId().equals(stream)) {
      throw new VerificationException(Problem.WRONG_STREAM, "announce is for " + a.streamId() + ", expected " + stream);
    }
    if (a.isExpiredAt(nowMs)) {
      throw new VerificationException(Problem.EXPIRED, "announce seq " + a.seq() + " has expired");
    }
    if (current == null || a.seq() > current.content().seq()) {
      current = next;
      return;
    }
    long have = current.content().seq();
    if (a.seq() < have) {
      throw new VerificationException(Problem.ROLLBACK, "announce seq " + a.seq() + " is older than accepted seq " + have);
    }
    if (!Arrays.equals(CanonicalJson.bytes(next.envelope().body()), CanonicalJson.bytes(current.envelope().body()))) {
      try {
        EquivocationProof proof = EquivocationProof.of(current.envelope(), next.envelope());
        throw new VerificationException(Problem.EQUIVOCATION,
            "two different announces signed with seq " + a.seq(), proof);
      } catch (ProtocolException e) {
        throw new IllegalStateException("two verified announces with one seq must form a proof", e);
      }
    }
  }
}
