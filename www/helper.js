// The helper Worker (see frames.js): keeps a copy of the scene and renders the rows it is
// asked for. Messages are handled strictly in order, so a frame asked for after a
// consultation is rendered with it.
import init, { Visualiser } from './pkg/smp_visualiser.js';

let wasm = null;
let viz = null;
const queue = [];

function handle(m) {
  if (m.type === 'consultation') {
    if (!viz) {
      viz = new Visualiser(m.consultation);
      self.postMessage({ type: 'ready' });
    } else {
      try {
        viz.setConsultation(m.consultation);
      } catch {
        // Rejected here as on the main thread, which has said why: both keep the last good one.
      }
    }
  } else if (m.type === 'rows') {
    const t0 = performance.now();
    const rgba = viz.rowsRgba(...m.args);
    const ms = performance.now() - t0;
    const memoryMB = wasm.memory.buffer.byteLength / (1024 * 1024);
    self.postMessage({ type: 'rows', id: m.id, rgba, ms, memoryMB }, [rgba.buffer]);
  }
}

function drain() {
  while (queue.length) {
    try {
      handle(queue.shift());
    } catch (e) {
      queue.length = 0;
      self.postMessage({ type: 'error', message: e && e.message ? e.message : String(e) });
      self.close();
      return;
    }
  }
}

self.onmessage = (e) => {
  queue.push(e.data);
  if (wasm) drain();
};
init().then((w) => { wasm = w; drain(); },
  (e) => self.postMessage({ type: 'error', message: `the renderer could not be loaded (${e})` }));
