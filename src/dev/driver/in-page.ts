// Functions that run inside a tab (serialised by the driver), shared by both browsers' implementations.

/**
 * Where a person would click `selector`: its centre after scrolling it into view. Throws when the element is
 * missing, outside the viewport, or covered there by something else — Playwright and Puppeteer would scroll a
 * clipped container or click through an overlay, which hides exactly the bugs an artist runs into.
 */
export const hitPoint = async (selector: string): Promise<{ x: number; y: number }> => {
  const el = document.querySelector(selector);
  if (!el) throw new Error(`no element matches ${selector}`);
  el.scrollIntoView({ block: 'center', inline: 'center' });
  // Aimed only once it holds still, as a person waits for a jumping control: a grid re-laid out a frame after a
  // resize moved 编辑 by 17 px between aim and click. Two frames (or 100 ms, where a hidden tab draws none).
  const at = el.getBoundingClientRect();
  const frame = () => new Promise<void>((done) => { const t = setTimeout(done, 100); requestAnimationFrame(() => { clearTimeout(t); done(); }); });
  await frame();
  await frame();
  const r = el.getBoundingClientRect();
  if (r.x !== at.x || r.y !== at.y || r.width !== at.width || r.height !== at.height) throw new Error(`${selector} is still moving`);
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  if (r.width < 1 || r.height < 1 || x < 0 || y < 0 || x > innerWidth || y > innerHeight) {
    throw new Error(`${selector} is not visible in the viewport`);
  }
  const top = document.elementFromPoint(x, y);
  if (!top || !(top === el || el.contains(top))) {
    throw new Error(`${selector} is covered at its centre by ${top ? top.outerHTML.slice(0, 120) : 'nothing'}`);
  }
  return { x, y };
};

export const viewportCentre = (): { x: number; y: number } => ({ x: innerWidth / 2, y: innerHeight / 2 });

/**
 * The page's side of a click into an extension frame: the host's rect. Only the host is visible to page scripts
 * (its shadow root is closed), so the frame's place is read off the host it fills.
 */
export const hostRect = (hostSelector: string) => {
  const host = document.querySelector(hostSelector);
  if (!host) throw new Error(`no element matches ${hostSelector}`);
  const r = host.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height, viewWidth: innerWidth, viewHeight: innerHeight };
};

/** What the page has on top at a viewport point: a page element over the panel steals a person's click. */
export const hostOnTop = ({ hostSelector, x, y }: { hostSelector: string; x: number; y: number }) => {
  const host = document.querySelector(hostSelector);
  const top = document.elementFromPoint(x, y);
  return { onHost: !!host && !!top && (top === host || host.contains(top)), top: top ? top.outerHTML.slice(0, 120) : 'nothing' };
};

/** Which frame holds the control, and its size, before anything is scrolled (see hitInFrame). */
export const frameFacts = (selector: string) => ({ found: !!document.querySelector(selector), viewWidth: innerWidth, viewHeight: innerHeight });

/**
 * The frame's side: the control's centre in frame coordinates and whether the frame itself has it on top there.
 * Scrolls only as far as needed ('nearest'), as a person scrolls a panel's list, and never when already visible.
 */
export const controlInFrame = (selector: string) => {
  const el = document.querySelector(selector);
  if (!el) return { found: false as const, viewWidth: innerWidth, viewHeight: innerHeight };
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  const top = document.elementFromPoint(x, y);
  return {
    found: true as const, x, y, width: r.width, height: r.height, viewWidth: innerWidth, viewHeight: innerHeight,
    onControl: r.width >= 1 && r.height >= 1 && !!top && (top === el || el.contains(top)),
    top: top ? top.outerHTML.slice(0, 120) : 'nothing',
  };
};

/**
 * The clipboard's text, read by an extension page: with clipboardRead it reads without the prompt or user
 * activation a web page needs (Firefox would show its paste menu), so no browser switch that also lifts the
 * activation rule for writes is needed. `missing`: the extension does not hold clipboardRead.
 */
export const clipboardText = async (): Promise<{ text?: string; missing?: true }> => {
  if (!(await chrome.permissions.contains({ permissions: ['clipboardRead'] }))) return { missing: true };
  return { text: await navigator.clipboard.readText() };
};
