// Where a stream lives and how its files are named. Playlists given to hls.js use a virtual base
// under the reserved .invalid domain (RFC 2606): a request that escaped our loaders could never reach
// a real host, and a segment keeps one URL (one identity for the P2P engine) whichever origin serves it.
// A segment's virtual URL names its epoch (REND/EPOCH/URI): log indices restart in a new epoch, so
// only (epoch, uri) is sure to name one signed entry; the origin path stays REND/URI.

const VIRTUAL_HOST = 'stream.ownerless.invalid';
const EPOCH = /^[1-9][0-9]{0,15}$/;

export class StreamAddress {
  constructor(pub, name) {
    this.pub = pub;
    this.name = name;
    this.virtualBase = `https://${VIRTUAL_HOST}/${pub}/${name}/`;
  }

  /** Path below an origin's base URL, e.g. "streams/PUB/NAME/720p/manifest.json". */
  originPath(file) {
    return `streams/${this.pub}/${this.name}/${file}`;
  }

  masterUrl() {
    return this.virtualBase + 'master.m3u8';
  }

  mediaUrl(rendition) {
    return `${this.virtualBase}${rendition}/index.m3u8`;
  }

  segmentUrl(rendition, uri, epoch) {
    if (!Number.isSafeInteger(epoch) || epoch < 1) throw new TypeError(`not an epoch: ${epoch}`);
    return `${this.virtualBase}${rendition}/${epoch}/${uri}`;
  }

  /** {kind: 'master'} | {kind: 'media', rendition} | {kind: 'segment', rendition, epoch, uri} | null. */
  parse(url) {
    if (!url.startsWith(this.virtualBase)) return null;
    const rest = url.slice(this.virtualBase.length).split('?')[0];
    if (rest === 'master.m3u8') return { kind: 'master' };
    const parts = rest.split('/');
    if (parts.some((p) => !p)) return null;
    if (parts.length === 2 && parts[1] === 'index.m3u8') return { kind: 'media', rendition: parts[0] };
    if (parts.length !== 3 || !EPOCH.test(parts[1])) return null;
    return { kind: 'segment', rendition: parts[0], epoch: Number(parts[1]), uri: parts[2] };
  }
}
