// Shared set-up for the browser tests and the web benchmark: Debian's Chromium driven by
// playwright-core (no browser download), pages served from www/ on loopback.
import { chromium } from 'playwright-core';
import { serve } from '../../tools/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// The background-networking flags stop Chromium calling home on a closed network.
export const LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
};

/** An iPad-sized touch context (iPad Air landscape, DPR 2). */
export const IPAD = { viewport: { width: 1194, height: 834 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };

export async function start() {
  const server = await serve('www', 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch(LAUNCH);
  return { server, base, browser, async stop() { await browser.close(); server.close(); } };
}

/** Opens a page that records console errors, page errors and requests to other origins. */
export async function open(env, path = '', options = IPAD) {
  const context = await env.browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  const foreign = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith(env.base) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  return {
    context, page, problems, foreign,
    async goto() { await page.goto(env.base + path); },
    // A route handler still awaiting `route.fetch` (the helper Worker fetches the wasm a moment
    // after the page does) rejects once the context is gone, as an unhandled rejection.
    async close() { await page.unrouteAll({ behavior: 'ignoreErrors' }); await context.close(); },
  };
}
