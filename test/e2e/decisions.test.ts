// Decisions the artist can review and findings that last, on the Xiaohongshu stand-in in both browsers: the
// panel is keyboard-reachable and Esc closes it; "Not my work" hides the badge with an Undo that brings it
// back; findings and decisions survive a background restart and a browser restart (the same profile reopened);
// removing the decision on the Findings page restores the badge.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSERS, launch, type ExtensionSession, type TabPage } from '../support/driver';
import { startFixtureServer, type FixtureServer, type PublishedPost } from '../../src/dev/stand-ins/server';
import type { Decision, FindingView } from '../../src/shared/types';
import { ask, until } from '../support/feed';
import { artistWorks, corpusImages, feed, launchWithGallery, repost } from '../support/scenario';

let server: FixtureServer;
let works: { name: string; data: Buffer }[];

beforeAll(async () => {
  server = await startFixtureServer();
  works = await artistWorks(1);
});
afterAll(async () => server?.close());

const badgeOf = (id: string) => `inkseal-badge[data-post-id="${id}"]`;
const has = (page: TabPage, selector: string) => page.evaluate((s) => document.querySelector(s) !== null, selector);

describe.each(BROWSERS)('%s: decisions and lasting findings', (browser) => {
  let profile: string;
  let ext: ExtensionSession;
  let target: PublishedPost;

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'inkseal-restart-'));
    ext = await launchWithGallery(browser, works, { sitesPort: server.port, profileDir: profile });
    const posts = await server.setSite('xiaohongshu', feed(await corpusImages(6), [{ at: 1, image: await repost(works[0]!.data, 'reencoded') }]));
    target = posts[1]!;
  });
  afterAll(async () => {
    await ext?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test('keyboard and Esc; Not my work hides the badge, Undo restores it; both last across restarts', async () => {
    let panelUrl = ext.extensionUrl('src/panel/index.html');
    const page = await ext.newPage();
    await page.goto('https://www.xiaohongshu.com/explore');
    await until(() => has(page, badgeOf(target.id)), Boolean, 90_000);

    // Opened, the panel takes the focus (its first button); Esc closes it and gives the focus back to the badge,
    // from which Enter opens it again.
    await page.click(badgeOf(target.id));
    expect(await until(() => page.frameEvaluate(panelUrl, () => document.activeElement?.getAttribute('data-testid') ?? ''), (f) => f === 'report')).toBe('report');
    await page.press('Escape');
    await until(() => has(page, 'inkseal-panel'), (open) => !open);
    expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('inkseal-badge');
    await page.press('Enter');
    await until(() => has(page, 'inkseal-panel'), Boolean);

    // Not my work: the badge goes at once, and the toast's Undo brings it back.
    await page.clickInFrame('inkseal-panel', panelUrl, '[data-testid="not-mine"]');
    await until(() => has(page, badgeOf(target.id)), (b) => !b);
    await page.clickInFrame('inkseal-toast', panelUrl, '[data-testid="undo"]');
    await until(() => has(page, badgeOf(target.id)), Boolean, 30_000);
    expect(await ask<Decision[]>(ext, 'decision/list')).toEqual([]);

    // Decided for good this time.
    await page.click(badgeOf(target.id));
    await page.clickInFrame('inkseal-panel', panelUrl, '[data-testid="not-mine"]');
    await until(() => has(page, badgeOf(target.id)), (b) => !b);
    await page.close();

    const mine = (list: FindingView[]) => list.filter((f) => f.postId === target.id && f.kind !== 'ai-labelled').map((f) => f.status);
    expect(mine(await ask<FindingView[]>(ext, 'findings/list'))).toEqual(['not-mine']);
    await ext.stopBackground();
    // Asked by polling: a message sent while the worker stops can be lost, and is then simply asked again.
    expect(mine(await until(() => ask<FindingView[]>(ext, 'findings/list'), (l) => l.length > 0))).toEqual(['not-mine']);

    // The browser closed and reopened on the same profile: the finding and the decision are still there.
    await ext.close();
    ext = await launch(browser, { sitesPort: server.port, profileDir: profile });
    panelUrl = ext.extensionUrl('src/panel/index.html');
    const after = await until(() => ask<FindingView[]>(ext, 'findings/list'), (l) => l.length > 0, 30_000);
    expect(mine(after)).toEqual(['not-mine']);
    expect((await until(() => ask<Decision[]>(ext, 'decision/list'), (l) => l.length > 0)).map((d) => d.kind)).toEqual(['not-mine']);

    // Removing the decision on the Findings page brings the badge back.
    const findings = await ext.newPage();
    await findings.goto(ext.extensionUrl('src/findings/index.html?tab=decisions'));
    await until(() => has(findings, '[data-testid="decision-row"][data-kind="not-mine"]'), Boolean);
    await findings.click('[data-testid="decision-row"][data-kind="not-mine"] [data-testid="decision-remove"]');
    await until(() => ask<Decision[]>(ext, 'decision/list'), (l) => l.length === 0);
    await findings.close();
    const again = await ext.newPage();
    await again.goto('https://www.xiaohongshu.com/explore');
    await until(() => has(again, badgeOf(target.id)), Boolean, 90_000);

    // "This account is authorised": the author's posts lose their badges, and the decision is listed.
    await again.click(badgeOf(target.id));
    await until(() => again.frameEvaluate(panelUrl, () => document.querySelector('[data-testid="authorise"]') !== null), Boolean);
    await again.clickInFrame('inkseal-panel', panelUrl, '[data-testid="authorise"]');
    await until(() => has(again, badgeOf(target.id)), (b) => !b);
    const decided = await ask<Decision[]>(ext, 'decision/list');
    expect(decided.map((d) => [d.kind, d.label])).toEqual([['authorised', target.author]]);
    await again.close();
  });
});
