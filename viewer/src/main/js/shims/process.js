// The few parts of Node's `process` that browser builds of the tracker client and its stream
// libraries still touch (process.browser, process.nextTick, process.env). Injected by esbuild.
export const process = {
  browser: true,
  env: {},
  nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
};
