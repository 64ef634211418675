// The demo source's clock stripe as app/.../demo/ClockCode.java draws it, for the bench's two readers:
// picture-clock.mjs (in a viewer's page) and stage-probe.mjs (segments, through ffmpeg). The layout
// numbers live in clock-stripe.json so that ClockStripeLayoutTest (app) holds them to ClockCode's own.
//
// The code: bit i of (epoch ms mod 2^32) is block i of the upper row, white for 1; the lower row holds
// the complement, so a frame whose rows disagree (blurred, half-decoded, covered) is not read rather
// than read wrong.
import { readFileSync } from 'node:fs'

/**
 * Geometry in cells of (frame width / cellsAcross) pixels, square: bit i's block is in cell column
 * firstColumn + i; the upper row's top is firstRow cells down, the lower row one cell further.
 */
export const STRIPE = Object.freeze(JSON.parse(readFileSync(new URL('./clock-stripe.json', import.meta.url), 'utf8')))

/** Cells from the frame's top to the bottom of the stripe's black bar (a quarter cell under the lower row). */
export const STRIPE_DEPTH = STRIPE.firstRow + 2.25

/**
 * The stamp read bit by bit: bright(i, row) says whether bit i's block is white in the upper (row 0) or
 * lower (row 1) row. Null when any bit's two rows agree.
 */
export function decodeStamp (bright, bits = STRIPE.bits) {
  let code = 0
  for (let i = 0; i < bits; i++) {
    const upper = bright(i, 0)
    if (upper === bright(i, 1)) return null
    if (upper) code += 2 ** i
  }
  return code
}

/** How many ms before epoch ms `now` the stamp `code` was taken: the distance back in the same modulus. */
export function stampAge (now, code) {
  return ((now % 2 ** 32) - code + 2 ** 32) % 2 ** 32
}
