// One line per latency-offload run: glass-to-glass latency read from the picture and offload measured at
// the origin, each beside the viewers' own figure, and the verdict on the picture + origin measures only.
// Usage: node latency-verdict.mjs MODE RESULT_JSON LOAD   (RESULT_JSON: what viewers-js/viewers.mjs prints)
const [mode, json, load] = process.argv.slice(2)
const r = JSON.parse(json)
const target = mode === 'low' ? { p50: 4, p90: 5, share: 0.5 } : { p50: 10, p90: 12, share: 0.9 }
const s = x => x == null ? '?' : x.toFixed(1)
const ratio = x => x == null ? null : x / r.limit
const met = r.pictureP50 != null && r.pictureP50 <= target.p50 && r.pictureP90 <= target.p90 &&
  r.originOffload != null && ratio(r.originOffload) >= target.share && r.rejected === 0
const errors = r.perViewer.map(v => v.pictureError).filter(Boolean)
console.log(`${mode}: glass-to-glass p50 ${s(r.pictureP50)} s, p90 ${s(r.pictureP90)} s` +
  ` (target <= ${target.p50} / ${target.p90} s; own figure p50 ${s(r.latencyP50)} s, p90 ${s(r.latencyP90)} s,` +
  ` picture - own p50 ${s(r.diffP50)} s); origin offload ${r.originOffload?.toFixed(3) ?? '?'}` +
  ` / limit ${r.limit.toFixed(3)} = ${ratio(r.originOffload)?.toFixed(2) ?? '?'}x (target >= ${target.share}x;` +
  ` viewers' own ${ratio(r.p2pShare).toFixed(2)}x); rejected ${r.rejected}; playing ${r.playing}/${r.viewers};` +
  ` unreadable frames ${r.unreadable}${errors.length ? ` (reader: ${errors[0]})` : ''}; load ${load}: ${met ? 'MET' : 'NOT MET'}`)
