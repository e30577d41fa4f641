// Clicks into an extension frame embedded in a web page, the same for both browsers: the frame's place is read
// off its host in the page, the control's off the frame, and the click is a real mouse click in page
// coordinates, so it meets whatever a person's click would meet (a page overlay, a panel clipped off-screen).
import { until } from '../until';
import { clipboardText, controlInFrame, frameFacts, hitPoint, hostOnTop, hostRect } from './in-page';
import type { FrameHit, TabPage } from './types';

/** How long a frame may take to appear and load: the panel opens on a page event, a moment after it. */
export const FRAME_WAIT_MS = 15_000;

/** How long a frame may take to settle into its host's size (a panel fitting itself to its content). */
const SETTLE_MS = 3_000;

/** Rejects after `ms`: an evaluate in a frame or tab still being created can hang rather than fail. */
export const within = <T>(ms: number, p: Promise<T>, what = 'no answer') => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p, new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new Error(`${what}: no answer in ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
};

/**
 * The longest one driver step (an evaluate, a stop, a close) may take: far more than any takes on a loaded machine,
 * well under a test's timeout, so a step that hangs fails by name instead of timing the whole test out.
 */
export const STEP_MS = 60_000;

/** Runs a function in one frame (or the page), as TabPage.evaluate does. */
export type Evaluate = TabPage['evaluate'];

/**
 * What each browser's tab supplies: `evaluate` in the page's main world, and `loadedFrames`, every frame of the
 * tab whose document is at `urlPrefix` and loaded, now (possibly none).
 */
export interface FrameAccess { evaluate: Evaluate; loadedFrames(urlPrefix: string): Promise<Evaluate[]> }

async function framesAt(tab: FrameAccess, urlPrefix: string): Promise<Evaluate[]> {
  const frames = await until(() => tab.loadedFrames(urlPrefix), (f) => f.length > 0, FRAME_WAIT_MS, 100)
    .catch((err: Error) => { throw new Error(`no loaded frame at ${urlPrefix}: ${err.message}`); });
  return frames;
}

/** TabPage.frameEvaluate for both browsers. */
export async function frameEvaluate<R, A>(tab: FrameAccess, urlPrefix: string, fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  const [first] = await framesAt(tab, urlPrefix);
  return first!(fn, arg);
}

export async function hitInFrame(tab: FrameAccess, hostSelector: string, urlPrefix: string, selector: string): Promise<FrameHit> {
  // Several frames can share a URL (the panel and its toast are one page): the host's is the one of its size
  // holding the control, as the closed shadow root hides which iframe is whose.
  // A frame renders its controls a moment after it loads (its data comes by message): wait for the control, as
  // a person waits for the button to appear, within the frame wait.
  let frames: Evaluate[] = [];
  const look = async () => {
    frames = await framesAt(tab, urlPrefix);
    return Promise.all(frames.map((f) => f(frameFacts, selector)));
  };
  const facts = await until(look, (all) => all.some((f) => f.found), FRAME_WAIT_MS, 100).catch(() => look());
  const before = await tab.evaluate(hostRect, hostSelector);
  const fits = (v: { viewWidth: number; viewHeight: number }, h: { width: number; height: number }) =>
    Math.abs(h.width - v.viewWidth) <= 1 && Math.abs(h.height - v.viewHeight) <= 1;
  const at = [facts.findIndex((f) => f.found && fits(f, before)), facts.findIndex((f) => f.found)].find((i) => i >= 0);
  if (at === undefined) throw new Error(`no element matches ${selector} in the frame at ${urlPrefix}`);
  // The frame may scroll the control into its view; the host is measured after, in case that moved the page.
  // A panel that has just opened may still be fitting its host to its content: a person clicks it once it has
  // settled, so the measurement is retried for a moment until the frame fills its host.
  const measure = async () => {
    const control = await frames[at]!(controlInFrame, selector);
    return { c: control, h: await tab.evaluate(hostRect, hostSelector) };
  };
  const settled = (m: Awaited<ReturnType<typeof measure>>) => m.c.found && fits(m.c, m.h);
  let m = await measure();
  if (!settled(m)) m = await until(measure, settled, SETTLE_MS, 50).catch(() => m);
  const { c, h } = m;
  // The sum below holds only while the frame fills its host exactly; a border or padding would shift every click.
  if (!c.found || !fits(c, h)) {
    throw new Error(`the frame (${c.viewWidth}×${c.viewHeight}) holding ${selector} does not fill ${hostSelector} (${h.width}×${h.height})`);
  }
  const x = h.left + c.x;
  const y = h.top + c.y;
  const inFrame = c.x >= 0 && c.y >= 0 && c.x <= c.viewWidth && c.y <= c.viewHeight;
  const inViewport = inFrame && x >= 0 && y >= 0 && x <= h.viewWidth && y <= h.viewHeight;
  const page = inViewport ? await tab.evaluate(hostOnTop, { hostSelector, x, y }) : { onHost: false, top: 'nothing' };
  const onControl = inFrame && c.onControl;
  const problems = [
    !inViewport && `its centre (${Math.round(x)}, ${Math.round(y)}) is outside the ${inFrame ? 'page viewport' : 'frame'}`,
    inViewport && !page.onHost && `the page covers it with ${page.top}`,
    inFrame && !c.onControl && `inside the frame it is ${c.width < 1 || c.height < 1 ? 'not rendered' : `covered by ${c.top}`}`,
  ].filter(Boolean);
  return { x, y, inViewport, onHost: page.onHost, onControl, problem: problems.length ? `${selector}: ${problems.join('; ')}` : undefined };
}

/** How long a control may take to be drawn and uncovered: a confirm button appears a render after its trigger. */
const CONTROL_WAIT_MS = 10_000;

/**
 * Where a person would click `selector` in the page, once they can (see hitPoint): a control drawn a moment later
 * is waited for, as a person waits for it; one still missing or covered after the wait fails with the reason.
 */
export async function pagePoint(evaluate: Evaluate, selector: string): Promise<{ x: number; y: number }> {
  return until(() => evaluate(hitPoint, selector), () => true, CONTROL_WAIT_MS, 100)
    .catch((err: Error) => { throw new Error(`cannot click ${selector}: ${err.message}`); });
}

/** Clicks only a control a person could hit there; `click(x, y)` is the browser's real mouse. */
export async function clickInFrame(
  tab: FrameAccess, click: (x: number, y: number) => Promise<void>, hostSelector: string, urlPrefix: string, selector: string,
): Promise<void> {
  const hit = await hitInFrame(tab, hostSelector, urlPrefix, selector);
  if (hit.problem) throw new Error(`cannot click ${hit.problem}`);
  await click(hit.x, hit.y);
}

/** TabPage.readClipboard for both browsers: `extensionEval` runs in an extension page (see clipboardText). */
export async function readClipboard(extensionEval: Evaluate): Promise<string> {
  const r = await extensionEval(clipboardText);
  if (r.missing) throw new Error("readClipboard needs the test copy to hold clipboardRead: launch(…, { grantedPermissions: ['clipboardRead'] })");
  return r.text!;
}
