/** A fake fetch for tests: routes exact URLs to handlers that return real Response objects. */
export function fakeFetch(routes) {
  const calls = [];
  const fn = async (url, init = {}) => {
    calls.push({ url: String(url), init });
    const handler = routes[String(url)];
    if (!handler) throw new TypeError(`Failed to fetch (no route for ${url})`);
    return handler(init);
  };
  fn.calls = calls;
  return fn;
}

export function json(body, status = 200, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}
