// The last gate before the media element: whatever path a segment took (a peer, an origin, the P2P
// engine's memory), hls.js receives its bytes only after they verified against the signed entry.
// The engine's own validation hooks already refuse bad data before it is stored or shared; this
// check costs one more SHA-256 per segment and closes every path those hooks do not see. Its passes
// (source 'player') are what Stats counts as verified segments.

export function verifiedFragmentLoaderClass(EngineFragmentLoader, verifier) {
  return class VerifiedFragmentLoader extends EngineFragmentLoader {
    load(context, config, callbacks) {
      const guarded = {
        ...callbacks,
        onSuccess: (response, loaderStats, ctx, details) => {
          verifier.verify(ctx.url, response.data, 'player').then((ok) => {
            if (ok) {
              // hls.js transfers the buffer to its transmux worker, which empties it here; the P2P
              // engine keeps the same buffer to share with peers, so hls.js gets a copy.
              callbacks.onSuccess({ ...response, data: response.data.slice(0) }, loaderStats, ctx, details);
            } else {
              callbacks.onError({ code: 0, text: 'segment failed verification' }, ctx, null, loaderStats);
            }
          });
        },
      };
      super.load(context, config, guarded);
    }
  };
}
