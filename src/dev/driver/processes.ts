// Which Chromium renderer process holds a given extension frame, so a test or benchmark can kill it with SIGKILL as
// the kernel's out-of-memory killer would. Chromium tells no extension API, and DevTools no target, its process id:
// chrome://process-internals lists every frame with its RenderProcessHost id, which each renderer carries on its
// command line (--renderer-client-id), and SystemInfo.getProcessInfo lists the browser's renderers' pids.
import { existsSync, readFileSync } from 'node:fs';
import { until } from '../until';
import type { ChromiumSession } from './chromium';

export interface RendererProcess {
  pid: number;
  /** Chromium's extension process: the service worker, the offscreen document and every extension page. */
  extension: boolean;
}

// Strings, not functions: the page is Chromium's own and must not depend on how the test runner compiles closures.
const EXPAND = `(() => { const all = []; const walk = (n) => { all.push(n); if (n.shadowRoot) walk(n.shadowRoot); for (const c of n.children ?? []) walk(c); };
  walk(document.body); let opened = 0; for (const n of all) if (n.expanded === false) { n.expanded = true; opened++; } return opened; })()`;
const LINES = `(() => { const out = []; const walk = (n) => { if (n.shadowRoot) walk(n.shadowRoot); const kids = [...(n.children ?? [])];
  if (!kids.length && /^(Frame|OOPIF)\\[/.test(n.textContent?.trim() ?? '')) out.push(n.textContent.trim()); kids.forEach(walk); };
  walk(document.body); return out; })()`;

/** `Frame[<process>:<routing>]: … | url: <url>` for every frame of the profile. */
async function frameLines(ext: ChromiumSession): Promise<string[]> {
  const page = await ext.context.newPage();
  try {
    await page.goto('chrome://process-internals/#web-contents');
    return await until(async () => {
      await page.evaluate(EXPAND);
      return page.evaluate(LINES) as Promise<string[]>;
    }, (lines) => lines.length > 0, 15_000, 100);
  } finally {
    await page.close();
  }
}

async function rendererPid(ext: ChromiumSession, hostId: number): Promise<RendererProcess | undefined> {
  const cdp = await ext.context.browser()!.newBrowserCDPSession();
  try {
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo') as { processInfo: { type: string; id: number }[] };
    for (const p of processInfo.filter((q) => q.type === 'renderer')) {
      // Chromium rewrites its renderers' argv into one space-separated title; either separator is read.
      const cmdline = readFileSync(`/proc/${p.id}/cmdline`, 'utf8');
      if (Number(/--renderer-client-id=(\d+)/.exec(cmdline)?.[1]) === hostId) {
        return { pid: p.id, extension: cmdline.includes('--extension-process') };
      }
    }
    return undefined;
  } finally {
    await cdp.detach();
  }
}

/** The renderer process of the first frame whose URL starts with one of `urlPrefixes` (tried in order). */
export async function processOfFrame(ext: ChromiumSession, urlPrefixes: string[]): Promise<RendererProcess> {
  return until(async () => {
    const lines = await frameLines(ext);
    for (const prefix of urlPrefixes) {
      const line = lines.find((l) => l.includes(`url: ${prefix}`));
      const host = line && /^(?:Frame|OOPIF)\[(\d+):/.exec(line)?.[1];
      if (host) return rendererPid(ext, Number(host));
    }
    return undefined;
  }, (p): p is RendererProcess => p !== undefined, 30_000, 200) as Promise<RendererProcess>;
}

/**
 * The process running Inkseal's model: the sandboxed model frame where there is one, else (an older build, kept
 * so the crash test can show what it guards against) the offscreen document.
 */
export function modelProcess(ext: ChromiumSession): Promise<RendererProcess> {
  return processOfFrame(ext, [ext.extensionUrl('src/model-host/sandbox.html'), ext.extensionUrl('src/model-host/offscreen.html')]);
}

/** SIGKILL, as the out-of-memory killer sends; resolves once the process is gone (or only a zombie). */
export async function killProcess(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  const gone = async () => !existsSync(`/proc/${pid}`) || /^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  await until(() => gone().catch(() => true), (g) => g, 10_000, 20);
}
