// Benchmark page: median wasm timings in this browser for the issue-#4 budget scene and for
// long hair (printed by `make bench`, never asserted), and the wasm memory size after a 2048²
// render. Frames are
// timed as the app draws them (frames.js: shared with the helper Worker, put on a canvas), and
// on this thread alone without presenting, as before the helper.
import init, { Visualiser } from './pkg/smp_visualiser.js';
import { Frames } from './frames.js';

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(f, runs) {
  await f(); await f(); // warm-up: tiering compilers, buffer allocation, the split's balance
  const t = [];
  for (let i = 0; i < runs; i += 1) { const s = performance.now(); await f(); t.push(performance.now() - s); }
  return median(t);
}

// Norwood VI, razor, three healed sessions over the whole scalp at 120/cm² (about 65,000
// dots), natural follicles everywhere else: the same scene as benches/render.rs.
const BUDGET = {
  preset: 'norwood-6',
  hairstyle: 'razor',
  session: 3,
  plan: { 'density-per-cm2': 120, coverage: 'full-scalp' },
};

// Ludwig II with long hair from a centre part (benches/render.rs's "long hair").
const LONG = { sex: 'female', preset: 'ludwig-2', hairstyle: 'long-part' };

async function main() {
  const wasm = await init();
  const mb = () => wasm.memory.buffer.byteLength / (1024 * 1024);
  const results = {};
  const builds = [];
  let viz;
  for (let i = 0; i < 3; i += 1) {
    if (viz) viz.free();
    const s = performance.now();
    viz = new Visualiser(BUDGET);
    builds.push(performance.now() - s);
    if (i === 0) {
      results.memoryBuildMB = mb();
      viz.render(2048, 2048, 30, 8);
      results.memory2048MB = mb();
    }
  }
  results.sceneBuildMs = median(builds);
  results.triangles = viz.triangleCount();
  for (const side of [512, 1024]) {
    results[`render${side}Ms`] = await time(() => viz.render(side, side, 30, 8), side > 512 ? 9 : 15);
  }
  let flip = false;
  results.lightChange1024Ms = await time(() => {
    flip = !flip;
    viz.setConsultation({ ...BUDGET, lighting: flip ? 'sun' : 'downlight' });
    viz.render(1024, 1024, 30, 8);
  }, 9);
  results.presetChangeMs = await time(() => {
    flip = !flip;
    viz.setConsultation({ ...BUDGET, preset: flip ? 'norwood-5' : 'norwood-6' });
  }, 9);
  viz.setConsultation(BUDGET);

  // As the app draws: with the helper Worker, onto a canvas.
  const frames = new Frames(viz);
  frames.start(viz.consultation);
  const s = performance.now();
  while (!frames.ready) {
    if (!frames.helper) throw new Error('the helper Worker failed');
    await new Promise((r) => setTimeout(r, 20));
  }
  results.helperStartMs = performance.now() - s;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { alpha: false });
  const draw = (side) => {
    if (canvas.width !== side) { canvas.width = side; canvas.height = side; }
    return frames.draw(ctx, side, side, 30, 8, 1);
  };
  for (const side of [512, 1024]) results[`shared${side}Ms`] = await time(() => draw(side), side > 512 ? 9 : 15);
  await draw(1024);
  results.sharedShare = frames.share;
  results.sharedTimes = frames.lastTimes;
  results.sharedLightChange1024Ms = await time(() => {
    flip = !flip;
    frames.setConsultation({ ...BUDGET, lighting: flip ? 'sun' : 'downlight' });
    return draw(1024);
  }, 9);
  results.sharedPresetChange1024Ms = await time(() => {
    flip = !flip;
    frames.setConsultation({ ...BUDGET, preset: flip ? 'norwood-5' : 'norwood-6' });
    return draw(1024);
  }, 9);
  await draw(2048);
  results.helperMemory2048MB = frames.helperMemoryMB;
  viz.render(2048, 2048, 30, 8);
  results.memoryEndMB = mb();

  // The female presets' long hair, the heaviest hair there is, as the app draws it; after
  // the budget's memory figures, as wasm memory never shrinks.
  frames.setConsultation(LONG);
  for (const side of [512, 1024]) results[`long${side}Ms`] = await time(() => draw(side), side > 512 ? 9 : 15);
  results.longPresetChange1024Ms = await time(() => {
    flip = !flip;
    frames.setConsultation({ ...LONG, preset: flip ? 'ludwig-3' : 'ludwig-2' });
    return draw(1024);
  }, 9);
  await draw(2048);
  results.longMemoryEndMB = mb();
  window.__bench = results;
  document.getElementById('out').textContent = JSON.stringify(results, null, 2);
}
main().catch((e) => { window.__bench = { error: String(e) }; });
