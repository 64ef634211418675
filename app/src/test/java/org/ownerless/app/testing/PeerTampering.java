package org.ownerless.app.testing;

/** A viewer that lies to its peers: scripts a test installs in a page before the viewer loads. */
public final class PeerTampering {
  private PeerTampering() {}

  /** Run in the page before any script: every large binary message this browser sends is altered. */
  public static final String CORRUPT_UPLOADS = """
      (() => {
        const send = RTCDataChannel.prototype.send;
        RTCDataChannel.prototype.send = function (data) {
          const size = data && (data.byteLength ?? data.size ?? 0);
          if (size > 1024 && (data instanceof ArrayBuffer || ArrayBuffer.isView(data))) {
            const copy = new Uint8Array(data instanceof ArrayBuffer ? data.slice(0)
                : data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
            copy[copy.length >> 1] ^= 0xff;
            window.__corruptedUploads = (window.__corruptedUploads || 0) + 1;
            return send.call(this, copy);
          }
          return send.call(this, data);
        };
      })();
      """;

  /**
   * Run in the page before any script: every segment this browser uploads is declared 1 MiB larger
   * than it is (the SegmentData command's size field, p2p-media-loader-core 2.3.1's binary command
   * format: "cstr", type, then name byte + int header (high nibble 0, low nibble = length) + big-endian
   * value per field, "cend"), and 1 MiB of filler follows the real bytes before the "completed" command.
   * Counts in {@code window.__inflatedDeclarations}.
   */
  public static final String INFLATE_DECLARED_SIZE = """
      (() => {
        const EXTRA = 1 << 20;
        const send = RTCDataChannel.prototype.send;
        const frame = (b, at) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
        window.__inflatedDeclarations = 0;
        RTCDataChannel.prototype.send = function (data) {
          const b = data instanceof ArrayBuffer ? new Uint8Array(data)
              : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
          if (!b || b.length < 10 || frame(b, 0) !== 'cstr' || frame(b, b.length - 4) !== 'cend') {
            return send.call(this, data);
          }
          if (b[4] === 3) {
            const filler = new Uint8Array(16 * 1024).fill(0x47);
            for (let sent = 0; sent < EXTRA; sent += filler.length) send.call(this, filler);
          }
          if (b[4] === 2) {
            const copy = b.slice();
            for (let p = 5; p < copy.length - 4; ) {
              const n = copy[p + 1] & 0x0f;
              if (copy[p] === 0x73 && copy[p + 1] >> 4 === 0) {
                let v = 0;
                for (let k = 0; k < n; k++) v = v * 256 + copy[p + 2 + k];
                v += EXTRA;
                if (v < 2 ** (8 * n - 1)) {
                  for (let k = n - 1; k >= 0; k--, v = Math.floor(v / 256)) copy[p + 2 + k] = v % 256;
                  window.__inflatedDeclarations++;
                  return send.call(this, copy);
                }
              }
              p += 2 + n;
            }
          }
          return send.call(this, data);
        };
      })();
      """;

  /**
   * Run in the page before any script: this browser announces the segments it has, as an honest peer
   * does, and accepts every request for them, but never sends one: the SegmentData and
   * SegmentDataSendingCompleted commands (types 2 and 3 in the frame format above) and the raw segment
   * chunks between them are dropped. Counts withheld segments in {@code window.__withheldSegments}.
   */
  public static final String WITHHOLD_UPLOADS = """
      (() => {
        const send = RTCDataChannel.prototype.send;
        const frame = (b, at) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
        window.__withheldSegments = 0;
        RTCDataChannel.prototype.send = function (data) {
          const b = data instanceof ArrayBuffer ? new Uint8Array(data)
              : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
          if (!b) return send.call(this, data);
          const command = b.length >= 10 && frame(b, 0) === 'cstr' && frame(b, b.length - 4) === 'cend';
          if (!command) return; // a chunk of segment bytes
          if (b[4] === 2) window.__withheldSegments++;
          if (b[4] === 2 || b[4] === 3) return;
          return send.call(this, data);
        };
      })();
      """;
}
