// A small live chart of where the last two minutes of bytes came from (peers vs HTTP), drawn on a
// canvas without a charting library: two stacked areas of bytes per second.

export function drawChart(canvas, history) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  ctx.clearRect(0, 0, w, h);
  if (history.length < 2) return;
  const rates = [];
  for (let i = 1; i < history.length; i++) {
    const dt = Math.max(0.001, (history[i].atMs - history[i - 1].atMs) / 1000);
    rates.push({
      p2p: (history[i].p2pBytes - history[i - 1].p2pBytes) / dt,
      http: (history[i].httpBytes - history[i - 1].httpBytes) / dt,
    });
  }
  const max = Math.max(1, ...rates.map((r) => r.p2p + r.http));
  const x = (i) => (i / Math.max(1, rates.length - 1)) * w;
  const y = (v) => h - (v / max) * (h - 4);
  area(
    ctx,
    rates,
    x,
    (r) => y(r.p2p + r.http),
    (r) => y(r.p2p),
    '#7aa2f7',
  );
  area(
    ctx,
    rates,
    x,
    (r) => y(r.p2p),
    () => h,
    '#9ece6a',
  );
}

function area(ctx, rates, x, top, bottom, color) {
  ctx.beginPath();
  rates.forEach((r, i) => (i ? ctx.lineTo(x(i), top(r)) : ctx.moveTo(x(i), top(r))));
  for (let i = rates.length - 1; i >= 0; i--) ctx.lineTo(x(i), bottom(rates[i]));
  ctx.closePath();
  ctx.fillStyle = color;
  ctx.fill();
}
