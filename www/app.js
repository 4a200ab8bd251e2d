// The consultant app shell: loads the wasm, forwards gestures, presents frames, shows errors.
// Rust owns state and pixels; this file owns the DOM.

const MAX_FULL_PIXELS = 1600 * 1200; // cap on the settled frame (CSS px × DPR beyond this is wasted)
const DRAG_SCALE = 0.4;              // interaction frames at 40 % of full resolution per side
const SETTLE_MS = 140;               // refine this long after the last movement
const DEG_PER_PX = 0.35;             // orbit speed per CSS pixel dragged
const PITCH_MIN = -60, PITCH_MAX = 90;

const canvas = document.getElementById('view');
const statusEl = document.getElementById('status');
const errorEl = document.getElementById('error');
const ctx = canvas.getContext('2d', { alpha: false });

const state = { yaw: 30, pitch: 8, dragging: false, frames: 0, last: null, failed: false };
window.__smp = state; // read by the end-to-end tests and handy in the console

let viz = null;
let settleTimer = 0;
let pending = 0;

function showError(err) {
  if (state.failed) return;
  state.failed = true;
  const msg = err && err.message ? err.message : String(err);
  document.getElementById('error-message').textContent =
    `${msg} — your settings are kept; reloading usually fixes this.`;
  errorEl.hidden = false;
  statusEl.textContent = '';
  canvas.setAttribute('aria-hidden', 'true');
}
document.getElementById('reload').addEventListener('click', () => location.reload());
window.addEventListener('error', (e) => showError(e.error || e.message));
window.addEventListener('unhandledrejection', (e) => showError(e.reason));

function fullSize() {
  const dpr = window.devicePixelRatio || 1;
  let w = Math.max(16, Math.round(canvas.clientWidth * dpr));
  let h = Math.max(16, Math.round(canvas.clientHeight * dpr));
  const over = Math.sqrt((w * h) / MAX_FULL_PIXELS);
  if (over > 1) { w = Math.round(w / over); h = Math.round(h / over); }
  return [Math.min(w, 4096), Math.min(h, 4096)];
}

function draw(full) {
  pending = 0;
  if (!viz || state.failed) return;
  let [w, h] = fullSize();
  if (!full) { w = Math.max(16, Math.round(w * DRAG_SCALE)); h = Math.max(16, Math.round(h * DRAG_SCALE)); }
  try {
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    const t0 = performance.now();
    viz.draw(ctx, w, h, state.yaw, state.pitch);
    state.frames += 1;
    state.last = { width: w, height: h, full, ms: performance.now() - t0 };
  } catch (e) {
    showError(e);
  }
}

function request(full) {
  if (!full) {
    if (!pending) pending = requestAnimationFrame(() => draw(false));
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => { if (!state.dragging) requestAnimationFrame(() => draw(true)); }, SETTLE_MS);
  } else {
    requestAnimationFrame(() => draw(true));
  }
}

function orbit(dx, dy) {
  state.yaw = (state.yaw + dx * DEG_PER_PX) % 360;
  state.pitch = Math.min(PITCH_MAX, Math.max(PITCH_MIN, state.pitch + dy * DEG_PER_PX));
  request(false);
}

let lastX = 0, lastY = 0, activePointer = null;
canvas.addEventListener('pointerdown', (e) => {
  if (activePointer !== null) return; // one finger orbits; a second is ignored for now
  activePointer = e.pointerId;
  canvas.setPointerCapture(e.pointerId);
  state.dragging = true;
  lastX = e.clientX; lastY = e.clientY;
});
canvas.addEventListener('pointermove', (e) => {
  if (e.pointerId !== activePointer) return;
  orbit(e.clientX - lastX, e.clientY - lastY);
  lastX = e.clientX; lastY = e.clientY;
});
function endDrag(e) {
  if (e.pointerId !== activePointer) return;
  activePointer = null;
  state.dragging = false;
  request(true);
}
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);
canvas.addEventListener('keydown', (e) => {
  const step = e.shiftKey ? 45 : 10;
  const keys = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
  if (!keys[e.key]) return;
  e.preventDefault();
  orbit(keys[e.key][0] / DEG_PER_PX, keys[e.key][1] / DEG_PER_PX);
});
new ResizeObserver(() => request(true)).observe(canvas);

async function main() {
  let wasm;
  try {
    wasm = await import('./pkg/smp_visualiser.js');
    await wasm.default();
  } catch (e) {
    throw new Error(`The renderer could not be loaded (${e && e.message ? e.message : e}).`);
  }
  statusEl.textContent = 'Building the head…';
  await new Promise((r) => setTimeout(r, 0)); // let the status paint before the build
  viz = new wasm.Visualiser(undefined);
  state.debugPanic = wasm.debugPanic;
  statusEl.textContent = '';
  draw(true);
}

main().catch(showError);
