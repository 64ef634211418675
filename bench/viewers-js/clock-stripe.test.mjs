// The clock stripe's readers agree with each other: node --test bench/viewers-js/
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { STRIPE, decodeStamp, stampAge } from './clock-stripe.mjs'
import { STRIPE as PAGE_STRIPE, readPictureAge } from './picture-clock.mjs'

/** Bit i's block in row 0 (upper: the bit) or row 1 (lower: its complement), as ClockCode draws it. */
const drawn = code => (i, row) => (Math.floor(code / 2 ** i) % 2 === 1) === (row === 0)

test('a stamp drawn with its complement decodes to itself', () => {
  for (const code of [0, 1, 0x5a5a5a5a, 2 ** 32 - 1, 1733449200123 % 2 ** 32]) {
    assert.equal(decodeStamp(drawn(code)), code)
  }
})

test('a bit whose two rows agree makes the whole stamp unreadable', () => {
  const code = 0x12345678
  assert.equal(decodeStamp((i, row) => i === 7 ? true : drawn(code)(i, row)), null)
})

test('the age counts back across the 2^32 wrap of the stamp', () => {
  assert.equal(stampAge(2 ** 32 * 400 + 5, 2 ** 32 - 3), 8)
  assert.equal(stampAge(1733449200123, 1733449200123 % 2 ** 32), 0)
})

/** A page whose <video> shows `bright(i, row)` in the stripe, as readPictureAge's canvas sees it. */
function fakePage (bright) {
  const px = 4
  const width = STRIPE.bits * px
  const data = new Uint8ClampedArray(width * 2 * px * 4)
  for (let y = 0; y < 2 * px; y++) {
    for (let x = 0; x < width; x++) {
      data.fill(bright(Math.floor(x / px), Math.floor(y / px)) ? 255 : 0, (y * width + x) * 4, (y * width + x) * 4 + 4)
    }
  }
  const context = { drawImage () {}, getImageData: () => ({ data }) }
  globalThis.window = {}
  globalThis.document = {
    querySelector: () => ({ readyState: 4, videoWidth: 854 }),
    createElement: () => ({ getContext: () => context })
  }
}

test('the in-page reader uses the same layout and reads what decodeStamp and stampAge read', () => {
  assert.deepEqual(PAGE_STRIPE, STRIPE)
  const realNow = Date.now
  try {
    for (const code of [0, 2 ** 32 - 1, 0x80000001, 0x5a5a5a5a]) {
      const now = 2 ** 32 * 403 + code + 1500
      Date.now = () => now
      fakePage(drawn(code))
      assert.equal(decodeStamp(drawn(code)), code)
      assert.deepEqual(readPictureAge(STRIPE), { at: now, ageMs: stampAge(now, code) })
      assert.equal(stampAge(now, code), 1500)
    }
    fakePage((i, row) => i === 31 ? false : drawn(0x12345678)(i, row))
    assert.equal(readPictureAge(STRIPE).ageMs, null)
  } finally {
    Date.now = realNow
  }
})
