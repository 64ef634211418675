// Looks at the <video> and hls.js once a second: whether the picture moves (playing or stalled) and
// how far behind real time it is. Emits PLAYBACK_SAMPLED each second; the state goes to PlaybackState.

import { Events } from './events.js';

export class PlaybackWatch {
  constructor({ bus, video, hls, playbackState }) {
    this.bus = bus;
    this.video = video;
    this.hls = hls;
    this.playbackState = playbackState;
    this.rendition = null;
    this.edgeTimes = new Map(); // rendition -> when the newest media of hls.js's last playlist was complete
    bus.on(Events.RENDITION_SWITCHED, ({ rendition }) => {
      this.rendition = rendition;
    });
    bus.on(Events.MEDIA_PLAYLIST_WRITTEN, ({ rendition, edgeTimeMs }) => this.edgeTimes.set(rendition, edgeTimeMs));
  }

  start() {
    const v = this.video;
    const state = this.playbackState;
    let lastTime = -1;
    this.timer = setInterval(() => {
      const latency = this.behindLiveSeconds();
      if (v.currentTime !== lastTime && !v.paused) state.set('playing');
      else if (state.state === 'playing' && v.readyState < 3) state.set('stalled');
      lastTime = v.currentTime;
      this.bus.emit(Events.PLAYBACK_SAMPLED, {
        latencySeconds: latency == null ? null : Math.round(latency * 100) / 100,
      });
    }, 1000);
    v.addEventListener('playing', () => state.set('playing'));
    v.addEventListener('waiting', () => {
      if (state.state === 'playing') state.set('stalled');
    });
  }

  stop() {
    clearInterval(this.timer);
  }

  /**
   * How far behind real time the picture is, as far as the signed objects tell: the age of the
   * newest media in the playing rendition's playlist (signed the moment its last segment, or listed
   * part, was complete: Session's edgeTimeOf) plus how much media lies between the playhead and that
   * edge. It leaves out only the encoder's own delay before a segment or part closes, so it is close
   * to glass-to-glass latency.
   */
  behindLiveSeconds() {
    const level = this.hls.levels?.[this.hls.currentLevel];
    const edgeTimeMs = this.edgeTimes.get(this.rendition);
    const edge = level?.details?.edge;
    if (edgeTimeMs === undefined || !Number.isFinite(edge) || this.video.readyState === 0) return null;
    return Math.max(0, (Date.now() - edgeTimeMs) / 1000 + (edge - this.video.currentTime));
  }
}
