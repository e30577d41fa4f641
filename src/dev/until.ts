// Polling for an outcome in another process (a browser, the extension): the one wait the driver, the demo and
// the tests share. `done` names the outcome; the interval only sets how soon it is noticed.

/**
 * Polls `read` until `done` holds, failing with the last value (or error) after `timeoutMs`. A read that throws
 * counts as "not yet": a navigating page or a background being restarted refuses for a moment.
 */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000, pollMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = 'nothing read';
  for (;;) {
    try {
      const v = await read();
      if (done(v)) return v;
      last = JSON.stringify(v)?.slice(0, 500) ?? String(v);
    } catch (err) {
      last = String(err);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; last: ${last}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
