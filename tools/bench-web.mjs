// `make bench` (web half): wasm size raw/gzipped and median render times in headless Chromium.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { start, open } from '../tests/e2e/browser.mjs';

const wasm = readFileSync('www/pkg/smp_visualiser_bg.wasm');
const glue = readFileSync('www/pkg/smp_visualiser.js');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`wasm size: ${kb(wasm.length)} raw, ${kb(gzipSync(wasm, { level: 9 }).length)} gzipped; JS glue ${kb(glue.length)} raw, ${kb(gzipSync(glue, { level: 9 }).length)} gzipped`);

const env = await start();
try {
  const t = await open(env, 'bench.html', { viewport: { width: 800, height: 600 } });
  await t.goto();
  await t.page.waitForFunction(() => window.__bench, null, { timeout: 300000 });
  const r = await t.page.evaluate(() => window.__bench);
  if (r.error) throw new Error(r.error);
  console.log(`chromium budget scene build with the head: ${r.sceneBuildMs.toFixed(1)} ms median (${r.triangles} triangles)`);
  for (const side of [512, 1024]) console.log(`chromium budget render ${side}x${side} (main thread alone, not presented): ${r[`render${side}Ms`].toFixed(1)} ms median`);
  console.log(`chromium budget light change + render 1024x1024: ${r.lightChange1024Ms.toFixed(1)} ms median`);
  console.log(`chromium budget preset change (scene rebuild): ${r.presetChangeMs.toFixed(1)} ms median`);
  console.log(`chromium budget, as the app draws (shared with the helper Worker, on a canvas; the helper was ready ${r.helperStartMs.toFixed(0)} ms after it started):`);
  for (const side of [512, 1024]) console.log(`  render ${side}x${side}: ${r[`shared${side}Ms`].toFixed(1)} ms median`);
  console.log(`  light change + render 1024x1024: ${r.sharedLightChange1024Ms.toFixed(1)} ms median`);
  console.log(`  preset change + render 1024x1024: ${r.sharedPresetChange1024Ms.toFixed(1)} ms median`);
  const last = r.sharedTimes;
  console.log(`  last 1024x1024 frame: main thread ${last.mine.toFixed(1)} ms for ${(100 * r.sharedShare).toFixed(0)} % of the rows, helper ${last.helper.toFixed(1)} ms, ${last.wait.toFixed(1)} ms waited`);
  console.log(`  helper's wasm memory after its part of 2048x2048: ${r.helperMemory2048MB.toFixed(1)} MB`);
  console.log(`wasm memory: ${r.memoryBuildMB.toFixed(1)} MB after the first scene build, ${r.memory2048MB.toFixed(1)} MB after rendering 2048x2048 with it, ${r.memoryEndMB.toFixed(1)} MB at the end of the session (rebuilds, 1024² frames, 2048² again)`);
  console.log(`chromium long hair (Ludwig II), as the app draws: render 512x512 ${r.long512Ms.toFixed(1)} ms, 1024x1024 ${r.long1024Ms.toFixed(1)} ms, preset change + render 1024x1024 ${r.longPresetChange1024Ms.toFixed(1)} ms median; wasm memory ${r.longMemoryEndMB.toFixed(1)} MB after 2048x2048`);
} finally {
  await env.stop();
}
