// Module resolution hook: every import of 'webrtc-polyfill' gets fake-webrtc.js instead.
const FAKE = new URL('./fake-webrtc.js', import.meta.url).href

export async function resolve (specifier, context, nextResolve) {
  if (specifier === 'webrtc-polyfill') {
    return { url: FAKE, shortCircuit: true }
  }
  return nextResolve(specifier, context)
}
