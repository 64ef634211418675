// A signed time in a message: ISO 8601 where a JavaScript Date can hold it, else the milliseconds as
// signed. The protocol allows times up to 2^53 − 1 ms; Date stops at 8.64e15 ms (year 275760), and
// toISOString() throws past it, which would turn a verdict (EXPIRED, NOT_YET_VALID) into a crash.
export function timeText(ms) {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? `${ms} ms after 1970` : date.toISOString();
}
