// hls.js's `loader`: the only way playlists and directly-loaded segments reach hls.js. Playlists are
// written from verified objects (playlists.js); a segment hls.js asks for directly (one the P2P engine
// does not manage) is fetched from the origins in turn and handed over only once it verified.

import { newLoaderStats } from './loader-stats.js';

/**
 * What hls.js passes on as "network details" for a playlist we wrote: the P2P engine takes the
 * stream's identity from a Response's URL, and refuses to load through peers without one.
 */
class WrittenPlaylist extends Response {
  #url;
  constructor(url, text) {
    super(text, { headers: { 'Content-Type': 'application/vnd.apple.mpegurl' } });
    this.#url = url;
  }

  get url() {
    return this.#url;
  }
}

export function ownerlessLoaderClass(session) {
  return class OwnerlessLoader {
    constructor() {
      this.stats = newLoaderStats();
      this.context = null;
      this.controller = new AbortController();
    }

    load(context, config, callbacks) {
      this.context = context;
      const stats = this.stats;
      stats.loading.start = performance.now();
      let firstByte = 0;
      const done = (data) => {
        if (this.controller.signal.aborted) return;
        const now = performance.now();
        const playlist = typeof data === 'string';
        stats.loading.end = now;
        // hls.js samples bandwidth from the first byte to the end: a fetched file's first byte is when its
        // serving origin's answer arrived; a written playlist's is when its manifest was signed (hls.js
        // ages it from there).
        stats.loading.first = playlist ? now - session.playlistAgeMs(context.url) : firstByte || now;
        stats.loading.start = Math.min(stats.loading.start, stats.loading.first);
        stats.loaded = stats.total = playlist ? data.length : data.byteLength;
        const details = playlist ? new WrittenPlaylist(context.url, data) : null;
        callbacks.onSuccess({ url: context.url, data }, stats, context, details);
      };
      const fail = (e) => {
        if (this.controller.signal.aborted) return;
        callbacks.onError({ code: e.status ?? 0, text: e.message }, context, null, stats);
      };
      const firstByteNow = () => {
        firstByte = performance.now();
      };
      session.answer(context.url, this.controller.signal, firstByteNow).then(done, fail);
    }

    /**
     * Stops a load in progress. hls.js also calls this (through destroy) on a loader whose load
     * succeeded: that one was not aborted, and saying so would make hls.js drop its stats, which are
     * its only bandwidth samples from LL-HLS parts (abr-controller's onFragBuffered skips aborted ones).
     */
    abort() {
      if (this.controller.signal.aborted || this.stats.loading.end) return;
      this.stats.aborted = true;
      this.controller.abort();
    }

    destroy() {
      this.abort();
    }
  };
}
