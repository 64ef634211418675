// The watch page once its player code has loaded (main.js imports this module when the page's first
// requests are already on their way): the page view, the player and the tip panel, wired together.

import { Events } from './player/events.js';
import { Page } from './ui/page.js';
import { TipsView } from './ui/tips-view.js';
import { Viewer } from './player/viewer.js';

/** Plays `stream` ({pub, name, hint, latency, place, debug}) in the player part `root`, using `early`'s bytes first. */
export async function watch(root, stream, early) {
  const page = new Page(root, stream);
  const viewer = new Viewer({ ...stream, video: root.querySelector('video'), early });
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
