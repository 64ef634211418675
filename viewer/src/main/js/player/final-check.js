// The last gate before the media element: whatever path a segment took (a peer, an origin, the P2P
// engine's memory), hls.js receives its bytes only after they verified against the signed entry.
// The engine's own validation hooks already refuse bad data before it is stored or shared; this
// check costs one more SHA-256 per segment and closes every path those hooks do not see. Its passes
// (source 'player') are what Stats counts as verified segments.
//
// An LL-HLS part (hls.js sets `context.part`) never goes near the engine: it is handed straight to
// `DirectLoader` (the player's own loader, which fetches it from the origins in turn and verifies it),
// so no part is looked up among peers. The engine would send it there too, as it knows no part URL,
// but that is its internal choice, and this must not depend on it. A verified part's bytes are also
// told to `onPart`, which joins a segment's parts to share the whole segment (part-seeding.js).

/** `onPart(url, bytes)`: hears each part that verified, with bytes of its own (part-seeding.js). */
export function verifiedFragmentLoaderClass(EngineFragmentLoader, verifier, DirectLoader, onPart = () => {}) {
  return class VerifiedFragmentLoader extends EngineFragmentLoader {
    constructor(hlsConfig) {
      super(hlsConfig);
      this.hlsConfig = hlsConfig;
      this.direct = null; // the DirectLoader of a part load
    }

    load(context, config, callbacks) {
      const guarded = {
        ...callbacks,
        onSuccess: (response, loaderStats, ctx, details) => {
          verifier.verify(ctx.url, response.data, 'player').then((ok) => {
            if (ok) {
              if (ctx.part) onPart(ctx.url, response.data);
              // hls.js transfers the buffer to its transmux worker, which empties it here; the P2P
              // engine keeps the same buffer to share with peers, so hls.js gets a copy.
              callbacks.onSuccess({ ...response, data: response.data.slice(0) }, loaderStats, ctx, details);
            } else {
              callbacks.onError({ code: 0, text: 'segment failed verification' }, ctx, null, loaderStats);
            }
          });
        },
      };
      if (context.part) {
        this.direct = new DirectLoader(this.hlsConfig);
        // hls.js took this loader's stats object (part.stats) before calling load: fill that one.
        this.direct.stats = this.stats;
        this.direct.load(context, config, guarded);
        return;
      }
      super.load(context, config, guarded);
    }

    abort() {
      if (this.direct) this.direct.abort();
      else super.abort();
    }

    destroy() {
      if (this.direct) this.direct.destroy();
      else super.destroy();
    }
  };
}
