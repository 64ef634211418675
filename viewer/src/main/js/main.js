// Entry point of the viewer page. The stream comes from the URL: /watch/PUB/NAME on a node or relay
// (the hint is the page's own origin), or ?pub=PUB&name=NAME&hint=URL for a copy of the page hosted
// anywhere. ?latency=low|normal overrides the creator's default mode.

import { Events } from './player/events.js';
import { Page } from './ui/page.js';
import { TipsView } from './ui/tips-view.js';
import { Viewer } from './player/viewer.js';

const PUB = /^[A-Za-z0-9_-]{43}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function streamFromLocation(loc) {
  const q = new URLSearchParams(loc.search);
  const m = /\/watch\/([^/]+)\/([^/]+)\/?$/.exec(loc.pathname);
  const pub = m ? decodeURIComponent(m[1]) : q.get('pub');
  const name = m ? decodeURIComponent(m[2]) : q.get('name');
  const hint = q.get('hint') ?? (m ? loc.origin + '/' : null);
  if (!pub || !PUB.test(pub)) throw new Error('the address has no valid creator key (43 base64url characters)');
  if (!name || !NAME.test(name)) throw new Error('the address has no valid stream name');
  if (!hint) throw new Error('the address has no hint URL (?hint=https://origin.example/)');
  return { pub, name, hint, latency: q.get('latency') };
}

async function main() {
  const root = document.querySelector('[data-part=player]');
  let stream;
  try {
    stream = streamFromLocation(location);
  } catch (e) {
    root.dataset.state = 'failed';
    root.querySelector('[data-field=state]').textContent = 'Bad address';
    root.querySelector('[data-field=message]').textContent = e.message;
    window.ownerless = { stats: () => ({ state: 'failed', message: e.message }) };
    return;
  }
  const page = new Page(root, stream);
  const viewer = new Viewer({ ...stream, video: root.querySelector('video') });
  window.ownerless = {
    stats: () => viewer.stats.snapshot(),
    events: () => viewer.eventLog.list(),
    origins: () => ({ list: [...viewer.origins.list], current: viewer.origins.base }),
    viewer,
  };
  page.follow(viewer.bus);
  page.render(viewer.stats.snapshot(), viewer.stats.history);
  // Only verified announces reach the tip panel: the first from start(), newer ones as they are adopted.
  const tips = new TipsView(page.tipContainer(), {
    panelOptions: { reownProjectId: root.dataset.reownProjectId || undefined },
  });
  const show = (announce) => {
    page.showAnnounce(announce);
    tips.show(announce.tips).catch(() => {}); // the tip panel is optional
  };
  viewer.bus.on(Events.ANNOUNCE_UPDATED, ({ announce }) => show(announce));
  try {
    show(await viewer.start());
  } catch {
    // A failed start already reached the page through PlaybackState.
  }
}

main();
