// Functions that run inside a tab (serialised by the driver), shared by both browsers' implementations.

/**
 * Where a person would click `selector`: its centre after scrolling it into view. Throws when the element is
 * missing, outside the viewport, or covered there by something else — Playwright and Puppeteer would scroll a
 * clipped container or click through an overlay, which hides exactly the bugs an artist runs into.
 */
export const hitPoint = (selector: string): { x: number; y: number } => {
  const el = document.querySelector(selector);
  if (!el) throw new Error(`no element matches ${selector}`);
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const r = el.getBoundingClientRect();
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
