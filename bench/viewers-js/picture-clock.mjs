// Reads the demo source's clock stripe (layout and code: clock-stripe.mjs) from the frame a viewer's
// <video> shows now. Glass-to-glass latency is then Date.now() minus the stamp: same machine, same clock.
// Cheap on purpose: only the stripe is drawn, scaled down to 4 canvas pixels per cell (the scaling
// averages each block), and only that tiny canvas is read back.

export { STRIPE } from './clock-stripe.mjs'

/**
 * Runs inside the page (self-contained: Playwright sends its source). Returns null before the video has
 * a frame; {at, ageMs: null} when the rows disagree (the frame is not read rather than read wrong);
 * else {at, ageMs}: how old the shown frame's stamp is at `at`, to the millisecond, plus up to one frame
 * period (the frame on screen may have been there since the last vsync).
 *
 * Its decoding repeats clock-stripe.mjs's decodeStamp and stampAge on purpose: Playwright sends this
 * function's source to the page, where it cannot import; clock-stripe.test.mjs holds the two together.
 */
export function readPictureAge ({ cellsAcross, firstColumn, firstRow, bits }) {
  const video = document.querySelector('video')
  if (!video || video.readyState < 2 || !video.videoWidth) return null
  const px = 4
  const canvas = (window.__pictureClockCanvas ??= Object.assign(document.createElement('canvas'), { width: bits * px, height: 2 * px }))
  const g = canvas.getContext('2d', { willReadFrequently: true })
  const cell = video.videoWidth / cellsAcross
  g.drawImage(video, firstColumn * cell, firstRow * cell, bits * cell, 2 * cell, 0, 0, bits * px, 2 * px)
  const at = Date.now()
  const d = g.getImageData(0, 0, bits * px, 2 * px).data
  const bright = (x, y) => { const i = (y * bits * px + x) * 4; return (d[i] + d[i + 1] + d[i + 2]) / 3 > 128 }
  let code = 0
  for (let i = 0; i < bits; i++) {
    const upper = bright(i * px + px / 2, px / 2)
    if (upper === bright(i * px + px / 2, px + px / 2)) return { at, ageMs: null }
    if (upper) code += 2 ** i
  }
  // The stamp is epoch ms mod 2^32: the age is the distance back from now in the same modulus.
  return { at, ageMs: ((at % 2 ** 32) - code + 2 ** 32) % 2 ** 32 }
}
