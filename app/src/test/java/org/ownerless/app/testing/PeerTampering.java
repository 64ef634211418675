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
}
