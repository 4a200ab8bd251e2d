// Benchmark page: median wasm render times in this browser (numbers printed, never asserted).
import init, { Visualiser } from './pkg/smp_visualiser.js';

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(f, runs) {
  f(); f(); // warm-up: tiering compilers and buffer allocation
  const t = [];
  for (let i = 0; i < runs; i += 1) { const s = performance.now(); f(); t.push(performance.now() - s); }
  return median(t);
}

async function main() {
  await init();
  const results = {};
  const builds = [];
  let viz;
  for (let i = 0; i < 3; i += 1) {
    const s = performance.now();
    viz = new Visualiser(undefined);
    builds.push(performance.now() - s);
  }
  results.sceneBuildMs = median(builds);
  results.triangles = viz.triangleCount();
  for (const side of [512, 1024]) {
    results[`render${side}Ms`] = time(() => viz.render(side, side, 30, 8), side > 512 ? 9 : 15);
  }
  window.__bench = results;
  document.getElementById('out').textContent = JSON.stringify(results, null, 2);
}
main().catch((e) => { window.__bench = { error: String(e) }; });
