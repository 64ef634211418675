// The stock player the watch page is compared with (bench/first-frame.sh): hls.js with the
// p2p-media-loader engine, the same package versions the viewer bundles, default settings, playing the
// node's own master playlist and meeting peers at the node's tracker. Nothing is verified here.
import Hls from 'hls.js';
import { HlsJsP2PEngine } from 'p2p-media-loader-hlsjs';

const q = new URLSearchParams(location.search);
const HlsWithP2P = HlsJsP2PEngine.injectMixin(Hls);
const hls = new HlsWithP2P({ p2p: { core: { announceTrackers: [q.get('tracker')] } } });
hls.attachMedia(document.querySelector('video'));
hls.loadSource(q.get('src'));
window.stockHls = hls;
