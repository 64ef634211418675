// A response body that cannot run past a size: the bytes flow through as they arrive, and the first
// byte beyond the limit errors the stream and cancels the source (which aborts the network
// transfer). Checking after the whole body arrived would be too late: an endless body never arrives.
// Where the body is a byte stream (fetch bodies in browsers), reads ask for no more than one byte past
// what is left, so the page never takes in more than `maxBytes + 1` bytes, whatever chunk sizes the
// network delivers (a fast sender fills a read with the whole of the browser's buffer).

/** The body went past its limit; `status` is undefined, as for any failure that is not an HTTP status. */
export class TooLargeError extends Error {}

const READ_SIZE = 64 * 1024;

/** A reader of `body` and a read() that takes at most `most` bytes when the body allows it. */
function sizedReader(body) {
  try {
    const reader = body.getReader({ mode: 'byob' });
    return { reader, read: (most) => reader.read(new Uint8Array(Math.min(READ_SIZE, most))) };
  } catch {
    const reader = body.getReader();
    return { reader, read: () => reader.read() };
  }
}

/**
 * `body` (a ReadableStream of bytes) passed through, erroring at byte `maxBytes + 1`. `onEnd` runs
 * once the body is over, however it ended (complete, failed, cut or cancelled by its reader).
 */
export function limitBody(body, maxBytes, onEnd = () => {}) {
  const { reader, read } = sizedReader(body);
  let seen = 0;
  return new ReadableStream({
    async pull(controller) {
      let next;
      try {
        next = await read(maxBytes + 1 - seen);
      } catch (e) {
        onEnd();
        controller.error(e);
        return;
      }
      if (next.done) {
        onEnd();
        controller.close();
        return;
      }
      seen += next.value.byteLength;
      if (seen > maxBytes) {
        onEnd();
        reader.cancel().catch(() => {});
        controller.error(new TooLargeError(`larger than ${maxBytes} bytes`));
        return;
      }
      controller.enqueue(next.value);
    },
    cancel(reason) {
      onEnd();
      return reader.cancel(reason);
    },
  });
}
