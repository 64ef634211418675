// The studio page: polls /studio/state.json (same origin; the cookie or loopback lets it in), fills the
// fields, and keeps the last few minutes of a few figures for sparklines. No library, no external
// fetch: the node's private state stays between the node and this page.
'use strict';

(function () {
  const POLL_MS = 2000;
  const KEEP_MS = 5 * 60 * 1000;
  const history = []; // {atMs, bitrate, speed, viewers, bytes}

  const formats = {
    bits: (v) => scaled(v, ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s'], 1000),
    bytes: (v) => scaled(v, ['B', 'KiB', 'MiB', 'GiB', 'TiB'], 1024),
    fps: (v) => v.toFixed(1) + ' fps',
    seconds: (v) => v.toFixed(1) + ' s',
    speed: (v) => v.toFixed(2) + '×',
    count: (v) => String(Math.round(v)),
    ms: (v) => (v < 1000 ? Math.round(v) + ' ms' : (v / 1000).toFixed(1) + ' s'),
    duration: (v) => duration(v),
  };

  function scaled(v, units, step) {
    let i = 0;
    while (Math.abs(v) >= step && i < units.length - 1) {
      v /= step;
      i++;
    }
    return (i === 0 ? String(Math.round(v)) : v.toFixed(1)) + ' ' + units[i];
  }

  function duration(ms) {
    const s = Math.round(ms / 1000);
    if (Math.abs(s) < 90) return s + ' s';
    if (Math.abs(s) < 5400) return Math.round(s / 60) + ' min';
    return (s / 3600).toFixed(1) + ' h';
  }

  function get(obj, path) {
    return path.split('.').reduce((o, k) => (o == null ? null : o[k]), obj);
  }

  // Unknown values (a meter this node does not have, a file not yet published) show as a dash.
  function show(v, format) {
    if (v === null || v === undefined || (typeof v === 'number' && !isFinite(v))) return '—';
    if (typeof v === 'number' && formats[format]) return formats[format](v);
    return String(v);
  }

  function el(tag, text) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function render(s) {
    document.querySelectorAll('[data-field]').forEach((e) => {
      const name = e.dataset.field;
      if (name === 'updated' || name === 'error') return;
      e.textContent = show(get(s, name), e.dataset.format);
    });
    document.querySelector('[data-field=updated]').textContent = new Date(s.nowMs).toLocaleTimeString();
    document.querySelector('[data-field=error]').textContent = '';
    const watch = document.querySelector('[data-link=watchUrl]');
    if (s.watchUrl) watch.href = s.watchUrl;
    if (s.title) document.title = 'Studio — ' + s.title;

    const warnings = document.querySelector('[data-list=warnings]');
    warnings.replaceChildren(...s.warnings.map((w) => {
      const li = el('li', w.text + ' ');
      li.dataset.code = w.code;
      li.append(el('small', '(since ' + new Date(w.sinceMs).toLocaleTimeString() + ')'));
      return li;
    }));
    document.querySelector('[data-part=warnings]').hidden = s.warnings.length === 0;

    const names = new Set([...(s.roots || []).map((r) => r.rendition), ...Object.keys(s.viewers.byRendition)]);
    document.querySelector('[data-list=viewers]').replaceChildren(...[...names].map((n) => {
      const tr = el('tr');
      tr.dataset.rendition = n;
      tr.append(el('td', n), el('td', show(s.viewers.byRendition[n] ?? 0, 'count')));
      return tr;
    }));

    document.querySelector('[data-list=roots]').replaceChildren(...(s.roots || []).map((r) => {
      const tr = el('tr');
      tr.dataset.rendition = r.rendition;
      const hash = el('td');
      hash.append(el('code', show(r.rootHash)));
      tr.append(el('td', r.rendition), el('td', show(r.epoch)), el('td', show(r.treeSize)), hash,
        el('td', r.ageMs === null ? '—' : duration(r.ageMs) + ' ago'));
      return tr;
    }));

    const bucket = document.querySelector('[data-list=bucket]');
    if (s.bucket) {
      bucket.replaceChildren(...Object.entries(s.bucket).flatMap(([k, v]) =>
        [el('dt', k.replace('ownerless.bucket.', '')), el('dd', show(v, k.includes('bytes') ? 'bytes' : 'count'))]));
    }
    const hints = document.querySelector('[data-list=hints]');
    const urls = s.hints ? [...s.hints.origins.map((u) => 'origin ' + u), ...s.hints.trackers.map((u) => 'tracker ' + u)] : [];
    hints.replaceChildren(...(urls.length ? urls : ['—']).map((u) => el('li', u)));
  }

  function remember(s) {
    history.push({
      atMs: s.nowMs,
      bitrate: s.ingest.bitrateBits,
      speed: s.transcoder.speed,
      viewers: s.viewers.total,
      bytes: s.egress.bytesServed,
    });
    while (history.length && history[0].atMs < s.nowMs - KEEP_MS) history.shift();
    chart('bitrate', history.map((h) => h.bitrate));
    chart('speed', history.map((h) => h.speed));
    chart('viewers', history.map((h) => h.viewers));
    const egress = [];
    for (let i = 1; i < history.length; i++) {
      const a = history[i - 1];
      const b = history[i];
      const dt = Math.max(0.001, (b.atMs - a.atMs) / 1000);
      egress.push(a.bytes === null || b.bytes === null ? null : Math.max(0, (b.bytes - a.bytes) / dt));
    }
    chart('egress', egress);
    const rate = egress.length ? egress[egress.length - 1] : null;
    document.querySelector('[data-derived=egressRate]').textContent =
      rate === null ? '—' : formats.bytes(rate) + '/s';
  }

  // A sparkline: known values as a line from the chart's floor (0) to its highest point; gaps stay gaps.
  function chart(name, values) {
    const canvas = document.querySelector('canvas[data-chart=' + name + ']');
    const w = (canvas.width = canvas.clientWidth * devicePixelRatio || canvas.width);
    const h = (canvas.height = 80 * devicePixelRatio);
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, w, h);
    const known = values.filter((v) => v !== null && v !== undefined);
    canvas.dataset.points = String(known.length);
    canvas.dataset.last = known.length ? String(known[known.length - 1]) : '';
    canvas.parentElement.classList.toggle('empty', !known.length);
    if (!known.length) return;
    const max = Math.max(...known) || 1;
    const x = (i) => (values.length < 2 ? w : (i / (values.length - 1)) * w);
    const y = (v) => h - 2 - (v / max) * (h - 8);
    ctx.strokeStyle = getComputedStyle(document.documentElement).getPropertyValue('--accent') || '#3d6fd8';
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.beginPath();
    let drawing = false;
    values.forEach((v, i) => {
      if (v === null || v === undefined) {
        drawing = false;
        return;
      }
      if (drawing) ctx.lineTo(x(i), y(v));
      else ctx.moveTo(x(i), y(v));
      drawing = true;
    });
    ctx.stroke();
  }

  async function poll() {
    try {
      const res = await fetch('/studio/state.json', { cache: 'no-store', credentials: 'same-origin' });
      if (!res.ok) throw new Error('the node answered ' + res.status + ': ' + (await res.text()).slice(0, 300));
      const s = await res.json();
      render(s);
      remember(s);
    } catch (e) {
      document.querySelector('[data-field=error]').textContent = 'Cannot read the node’s state: ' + e.message;
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  poll();
})();
