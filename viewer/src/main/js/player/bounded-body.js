// A response body that cannot run past a size: the bytes flow through as they arrive, and the first
// byte beyond the limit errors the stream and cancels the source (which aborts the network
// transfer). Checking after the whole body arrived would be too late: an endless body never arrives.

import { FetchError } from './bounded-fetch.js';

/**
 * `body` (a ReadableStream of bytes) passed through, erroring at byte `maxBytes + 1`. `onEnd` runs
 * once the body is over, however it ended (complete, failed, cut or cancelled by its reader).
 */
export function limitBody(body, maxBytes, onEnd = () => {}) {
  const reader = body.getReader();
  let seen = 0;
  return new ReadableStream({
    async pull(controller) {
      let next;
      try {
        next = await reader.read();
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
        controller.error(new FetchError(`more than the signed ${maxBytes} bytes`));
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
