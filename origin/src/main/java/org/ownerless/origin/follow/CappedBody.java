package org.ownerless.origin.follow;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory, at most {@code maxBytes}: the byte after that cancels the
 * exchange (the connection is dropped) and fails the body, so an endless or padded answer costs
 * {@code maxBytes + 1} bytes, never more. {@link #cancel} lets a caller whose deadline passed stop
 * a body that is still trickling in.
 */
final class CappedBody implements BodySubscriber<byte[]> {
  /** The body went past what the caller expects. */
  static final class TooLarge extends RuntimeException {
    TooLarge(long maxBytes) {
      super("body exceeds the expected " + maxBytes + " bytes", null, false, false);
    }
  }

  private final long maxBytes;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;

  CappedBody(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (cancelled) {
      s.cancel();
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer b : buffers) {
      if (received.size() + (long) b.remaining() > maxBytes) {
        cancel();
        body.completeExceptionally(new TooLarge(maxBytes));
        return;
      }
      byte[] chunk = new byte[b.remaining()];
      b.get(chunk);
      received.write(chunk, 0, chunk.length);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable t) {
    body.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    body.complete(received.toByteArray());
  }

  /** Does not read the body at all (a status whose body means nothing, a length over the limit): it is null. */
  void skip() {
    cancel();
    body.complete(null);
  }

  /** Stops reading: the exchange is cancelled, whatever is still on its way is dropped. */
  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
