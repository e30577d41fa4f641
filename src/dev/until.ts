// Polling for an outcome in another process (a browser, the extension): the one wait the driver, the demo and
// the tests share. `done` names the outcome; the interval only sets how soon it is noticed.

/** The longest one read may take before it is given up and asked again (a message lost in a restart). */
const READ_MS = 15_000;

/**
 * Polls `read` until `done` holds, failing with the last value (or error) after `timeoutMs`. A read that throws
 * counts as "not yet": a navigating page or a background being restarted refuses for a moment. A read that
 * never answers — Chromium can drop a runtime message sent while its service worker stops — is abandoned and
 * asked again, so the wait still ends by its deadline.
 */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000, pollMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = 'nothing read';
  for (;;) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = Math.max(1_000, Math.min(READ_MS, deadline - Date.now()));
    try {
      const v = await Promise.race([
        read(),
        new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new Error(`no answer in ${bound} ms`)), bound); }),
      ]);
      if (done(v)) return v;
      last = JSON.stringify(v)?.slice(0, 500) ?? String(v);
    } catch (err) {
      last = String(err);
    } finally {
      clearTimeout(timer);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; last: ${last}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
