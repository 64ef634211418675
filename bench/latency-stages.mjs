// Where a latency-offload run's glass-to-glass time goes, from the stage probe (viewers-js/stage-probe.mjs)
// and the viewers' picture latency: source frame -> segment signed and listed (node side), and the rest
// (fetch, verify, player buffer) up to the frame on screen.
// Usage: node latency-stages.mjs MODE STAGES_JSON RESULT_JSON
const [mode, stagesJson, resultJson] = process.argv.slice(2)
const st = JSON.parse(stagesJson)
const r = JSON.parse(resultJson)
const s = x => x == null ? '?' : x.toFixed(2)
// A frame waits on average half a segment plus the last frame's wait: the middle of first and last.
const listed = st.firstFrameToListedP50 != null ? (st.firstFrameToListedP50 + st.lastFrameToListedP50) / 2 : null
const rest = listed != null && r.pictureP50 != null ? r.pictureP50 - listed : null
console.log(`${mode} stages (${st.segments} segments probed, ${st.unreadable} unreadable): last frame -> signed and listed` +
  ` p50 ${s(st.lastFrameToListedP50)} s (p90 ${s(st.lastFrameToListedP90)}), first frame -> listed p50` +
  ` ${s(st.firstFrameToListedP50)} s; listed -> on screen about ${s(rest)} s (picture p50 minus a mid-segment frame's wait)`)
