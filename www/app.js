// The consultant app shell: loads the wasm, forwards gestures, presents frames, shows errors.
// Rust owns state and pixels; this file owns the DOM.
import { Frames } from './frames.js';

const MAX_FULL_PIXELS = 1600 * 1200; // cap on the settled frame (CSS px × DPR beyond this is wasted)
const DRAG_SCALE = 0.4;              // interaction frames at 40 % of full resolution per side
const SETTLE_MS = 140;               // refine this long after the last movement
const DEG_PER_PX = 0.35;             // orbit speed per CSS pixel dragged
const PITCH_MIN = -60, PITCH_MAX = 90;
const ZOOM_MIN = 0.25, ZOOM_MAX = 16;  // across the room … close-up loupe (render::camera)
const ZOOM_PER_WHEEL = 0.002;        // zoom factor e^(-deltaY × this) per wheel event

const canvas = document.getElementById('view');
const statusEl = document.getElementById('status');
const errorEl = document.getElementById('error');
const ctx = canvas.getContext('2d', { alpha: false });

// `version` counts the consultations applied; `last` says which view and version the last
// frame drawn shows (a frame can be drawn while the next change arrives).
const state = { yaw: 30, pitch: 8, zoom: 1, version: 0, dragging: false, frames: 0, last: null, failed: false };
window.__smp = state; // read by the end-to-end tests and handy in the console

let viz = null;
/** Shares each frame with a helper Worker (frames.js). */
const frames = new Frames();
let drawing = false;
/** A frame asked for while one was being drawn: null, or whether it must be full. */
let redraw = null;

let settleTimer = 0;
let pending = 0;
let presetInfo = [];
let lightInfo = [];
let hairInfo = [];
let colourInfo = [];


/** The consultation in force (the last one the renderer accepted). */
let consultation = null;
/** The preset chosen in the picker; `consultation.preset` may be its next stage. */
let chosen = null;
let showNext = false;
let noticeTimer = 0;

function notice(text) {
  const el = document.getElementById('notice');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { el.hidden = true; }, 6000);
}


function showError(err) {
  if (state.failed) return;
  state.failed = true;
  const msg = err && err.message ? err.message : String(err);
  document.getElementById('error-message').textContent =
    `${msg} — your settings are kept; reloading usually fixes this.`;
  errorEl.hidden = false;
  statusEl.textContent = '';
  canvas.setAttribute('aria-hidden', 'true');
  // Behind the overlay the view and the settings stay in the page: inert, so Tab and screen
  // readers reach only the message and its button, which takes the focus.
  for (const el of errorEl.parentElement.children) {
    if (el !== errorEl) el.inert = true;
  }
  document.getElementById('reload').focus();
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

/** Draws a frame; one at a time, since half of it may still be on its way from the helper. */
async function draw(full) {
  pending = 0;
  if (!viz || state.failed) return;
  if (drawing) {
    redraw = redraw === true || full;
    return;
  }
  drawing = true;
  let [w, h] = fullSize();
  if (!full) { w = Math.max(16, Math.round(w * DRAG_SCALE)); h = Math.max(16, Math.round(h * DRAG_SCALE)); }
  try {
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    const t0 = performance.now();
    const shown = { yaw: state.yaw, pitch: state.pitch, zoom: state.zoom, version: state.version };
    const shared = await frames.draw(ctx, w, h, shown.yaw, shown.pitch, shown.zoom);
    state.frames += 1;
    state.last = { width: w, height: h, full, shared, ms: performance.now() - t0, ...shown };
  } catch (e) {
    showError(e);
  }
  drawing = false;
  if (redraw !== null) {
    const again = redraw;
    redraw = null;
    draw(again);
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

/** Sets the zoom (clamped), re-renders progressively, and keeps the picker and link in step. */
function zoomTo(z, full) {
  state.zoom = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, z));
  if (consultation) syncControls();
  request(full);
}

// One finger orbits; two fingers pinch to zoom.
const pointers = new Map();
let pinch = null;
canvas.addEventListener('pointerdown', (e) => {
  canvas.setPointerCapture(e.pointerId);
  pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
  state.dragging = true;
  if (pointers.size === 2) {
    const [a, b] = [...pointers.values()];
    pinch = { dist: Math.hypot(a.x - b.x, a.y - b.y) || 1, zoom: state.zoom };
  }
});
canvas.addEventListener('pointermove', (e) => {
  const last = pointers.get(e.pointerId);
  if (!last) return;
  const dx = e.clientX - last.x, dy = e.clientY - last.y;
  pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
  if (pinch && pointers.size === 2) {
    const [a, b] = [...pointers.values()];
    zoomTo(pinch.zoom * (Math.hypot(a.x - b.x, a.y - b.y) / pinch.dist), false);
  } else if (pointers.size === 1) {
    orbit(dx, dy);
  }
});
function endDrag(e) {
  if (!pointers.delete(e.pointerId)) return;
  if (pointers.size < 2) pinch = null;
  if (pointers.size === 0) {
    state.dragging = false;
    request(true);
  }
}
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);
canvas.addEventListener('wheel', (e) => {
  e.preventDefault();
  zoomTo(state.zoom * Math.exp(-e.deltaY * ZOOM_PER_WHEEL), false);
}, { passive: false });
canvas.addEventListener('keydown', (e) => {
  const step = e.shiftKey ? 45 : 10;
  const keys = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
  if (e.key === '+' || e.key === '=' || e.key === '-') {
    e.preventDefault();
    zoomTo(state.zoom * (e.key === '-' ? 1 / 1.25 : 1.25), true);
    return;
  }
  if (!keys[e.key]) return;
  e.preventDefault();
  orbit(keys[e.key][0] / DEG_PER_PX, keys[e.key][1] / DEG_PER_PX);
});
// Re-renders at the new size whenever the canvas's box changes: window or orientation changes,
// and the settings panel opening or closing beside it.
new ResizeObserver(() => request(true)).observe(canvas);

// The settings panel collapses to its Settings button, so the client sees the whole head. The
// choice is this device's (kept in localStorage), never part of the share link.
const panel = document.getElementById('panel');
const settingsToggle = document.getElementById('settings-toggle');
const settingsBody = document.getElementById('settings-body');
const COLLAPSED_KEY = 'smp-settings-collapsed';
function setCollapsed(collapsed, remember) {
  settingsToggle.setAttribute('aria-expanded', String(!collapsed));
  settingsBody.hidden = collapsed;
  panel.classList.toggle('collapsed', collapsed);
  if (remember) {
    try { localStorage.setItem(COLLAPSED_KEY, collapsed ? '1' : '0'); } catch { /* storage off */ }
  }
}
try { setCollapsed(localStorage.getItem(COLLAPSED_KEY) === '1', false); } catch { /* storage off */ }
settingsToggle.addEventListener('click',
  () => setCollapsed(settingsToggle.getAttribute('aria-expanded') === 'true', true));

const presetSelect = document.getElementById('preset');
const sexSelect = document.getElementById('sex');
const skinSelect = document.getElementById('skin');
const lightSelect = document.getElementById('lighting');
const hairSelect = document.getElementById('hairstyle');
const sessionSelect = document.getElementById('session');
const glossSelect = document.getElementById('gloss');
const nextButton = document.getElementById('next-stage');
const distanceSelect = document.getElementById('distance');
const colourSelect = document.getElementById('hair-colour');
const yearsSelect = document.getElementById('years');
const styleSelect = document.getElementById('hairline-style');
const heightInput = document.getElementById('hairline-mm');
const mistakeSelect = document.getElementById('mistake');
const MISTAKES = ['too-deep', 'too-dense', 'too-dark', 'ruler-hairline', 'too-low'];
const greySelect = document.getElementById('grey');

/** Applies a change; on bad input keeps the last good consultation and says why. */
async function apply(changes) {
  const wanted = { ...consultation, ...changes };
  statusEl.textContent = 'Updating…';
  await new Promise((r) => setTimeout(r, 0)); // let the status paint before a rebuild
  try {
    frames.setConsultation(wanted);
    consultation = viz.consultation;
    state.version += 1;
  } catch (e) {
    notice(e && e.message ? e.message : String(e));
  }
  statusEl.textContent = '';
  syncControls();
  draw(true);
}

function syncControls() {
  const info = presetInfo.find((p) => p.name === chosen);
  presetSelect.value = chosen;
  sexSelect.value = consultation.sex;
  skinSelect.value = String(consultation.skin);
  lightSelect.value = consultation.lighting;
  hairSelect.value = consultation.hairstyle;
  colourSelect.value = consultation['hair-colour'];
  greySelect.value = String(consultation['grey-fraction']);
  sessionSelect.value = `${consultation.session}${consultation.fresh ? 'f' : ''}`;
  yearsSelect.value = `${consultation.years}${consultation['touch-up'] ? 't' : ''}`;
  yearsSelect.disabled = consultation.session === 0 || consultation.fresh;
  const plan = consultation.plan;
  styleSelect.value = plan['hairline-style'];
  heightInput.value = String(plan['hairline-mm']);
  mistakeSelect.value = MISTAKES.find((m) => plan.mistakes[m]) || '';
  showPlanInfo();
  glossSelect.value = consultation.gloss;
  // The nearest named distance (pinching moves between them).
  const named = [...distanceSelect.options].map((o) => Number(o.value));
  const near = named.reduce((a, b) => (Math.abs(Math.log(b / state.zoom)) < Math.abs(Math.log(a / state.zoom)) ? b : a));
  distanceSelect.value = String(near);
  nextButton.disabled = !info || !info.next;
  nextButton.setAttribute('aria-pressed', String(showNext && !nextButton.disabled));
  nextButton.textContent = showNext && info && info.next
    ? `Next stage: ${presetInfo.find((p) => p.name === info.next).label}` : 'Next stage';
  const url = new URL(location.href);
  url.searchParams.set('preset', chosen);
  url.searchParams.set('sex', consultation.sex);
  url.searchParams.set('skin', String(consultation.skin));
  url.searchParams.set('lighting', consultation.lighting);
  url.searchParams.set('hairstyle', consultation.hairstyle);
  url.searchParams.set('hair-colour', consultation['hair-colour']);
  url.searchParams.set('grey', String(consultation['grey-fraction']));
  url.searchParams.set('session', sessionSelect.value);
  url.searchParams.set('years', yearsSelect.value);
  url.searchParams.set('hairline', `${plan['hairline-style']}:${plan['hairline-mm']}`);
  if (mistakeSelect.value) url.searchParams.set('mistake', mistakeSelect.value);
  else url.searchParams.delete('mistake');
  url.searchParams.set('gloss', consultation.gloss);
  if (state.zoom !== 1) url.searchParams.set('zoom', String(Math.round(state.zoom * 100) / 100));
  else url.searchParams.delete('zoom');
  if (showNext) url.searchParams.set('next', '1'); else url.searchParams.delete('next');
  history.replaceState(null, '', url);
}

function buildControls() {
  const groups = [['Male pattern (Norwood)', (p) => p.name.startsWith('norwood')],
    ['Female pattern', (p) => p.female], ['Other', (p) => !p.female && !p.name.startsWith('norwood')]];
  for (const [label, test] of groups) {
    const g = document.createElement('optgroup');
    g.label = label;
    for (const p of presetInfo.filter(test)) g.append(new Option(p.label, p.name));
    presetSelect.append(g);
  }
  for (let i = 1; i <= 10; i += 1) skinSelect.append(new Option(`Monk ${i}`, String(i)));
  presetSelect.addEventListener('change', () => {
    chosen = presetSelect.value;
    showNext = false;
    const info = presetInfo.find((p) => p.name === chosen);
    const change = { preset: chosen, sex: info.female ? 'female' : 'male' };
    // Female SMP is judged under long hair with a part; short styles are the male default.
    if (info.female && consultation.hairstyle !== 'long-part') change.hairstyle = 'long-part';
    if (!info.female && consultation.hairstyle === 'long-part') change.hairstyle = 'stubble-1d';
    apply(change);
  });
  sexSelect.addEventListener('change', () => apply({ sex: sexSelect.value }));
  skinSelect.addEventListener('change', () => apply({ skin: Number(skinSelect.value) }));
  for (const l of lightInfo) lightSelect.append(new Option(l.label, l.name));
  for (const h of hairInfo) hairSelect.append(new Option(h.label, h.name));
  hairSelect.addEventListener('change', () => apply({ hairstyle: hairSelect.value }));
  for (const h of colourInfo) colourSelect.append(new Option(h.label, h.name));
  colourSelect.addEventListener('change', () => apply({ 'hair-colour': colourSelect.value }));
  greySelect.addEventListener('change', () => apply({ 'grey-fraction': Number(greySelect.value) }));
  sessionSelect.addEventListener('change', () => apply(sessionChange(sessionSelect.value)));
  yearsSelect.addEventListener('change', () => apply(yearsChange(yearsSelect.value)));
  styleSelect.addEventListener('change', () => apply({ plan: { ...consultation.plan, 'hairline-style': styleSelect.value } }));
  heightInput.addEventListener('change', () => apply({ plan: { ...consultation.plan, 'hairline-mm': Number(heightInput.value) } }));
  mistakeSelect.addEventListener('change', () => apply({ plan: { ...consultation.plan, mistakes: mistakeChange(mistakeSelect.value) } }));
  lightSelect.addEventListener('change', () => apply({ lighting: lightSelect.value }));
  glossSelect.addEventListener('change', () => apply({ gloss: glossSelect.value }));
  distanceSelect.addEventListener('change', () => zoomTo(Number(distanceSelect.value), true));
  nextButton.addEventListener('click', () => {
    const info = presetInfo.find((p) => p.name === chosen);
    if (!info || !info.next) return;
    showNext = !showNext;
    apply({ preset: showNext ? info.next : chosen });
  });
  document.getElementById('controls').hidden = false;
}

/** "2f" → session 2 on day 0; "3" → session 3 healed (years reset when fresh). */
function sessionChange(v) {
  const fresh = v.endsWith('f');
  const change = { session: Number.parseInt(v, 10), fresh };
  if (fresh) { change.years = 0; change['touch-up'] = false; }
  return change;
}
/** "5t" → five years on, touched up. */
function yearsChange(v) {
  return { years: Number.parseFloat(v), 'touch-up': v.endsWith('t') };
}
function mistakeChange(v) {
  return Object.fromEntries(MISTAKES.map((m) => [m, m === v]));
}

/** The estimate (labelled as one) and the cautions for the consultation in force. */
function showPlanInfo() {
  const e = viz.estimate();
  const per = e['impressions-per-session'].map((n) => n.toLocaleString('en')).join(' / ');
  document.getElementById('estimate').textContent = consultation.session === 0 && e['treated-cm2'] < 0.5
    ? 'Estimate: nothing to treat for this pattern and hairline.'
    : `Estimate: ${e['treated-cm2'].toFixed(0)} cm² treated, ${e['impressions-total'].toLocaleString('en')} impressions`
      + ` (${per}) over ${e.sessions} sessions, about ${e.hours.toFixed(1)} h at 14,000 per 3 h;`
      + ` touch-up every ${e['touch-up-years'][0]}–${e['touch-up-years'][1]} years.`;
  const list = document.getElementById('cautions');
  list.replaceChildren(...viz.cautions().map((c) => {
    const li = document.createElement('li');
    li.dataset.code = c.code;
    li.textContent = c.message;
    return li;
  }));
}

/** Settings from the share link; a bad value is reported and ignored, never fatal. */
function fromUrl() {
  const q = new URLSearchParams(location.search);
  const out = {};
  if (q.has('preset')) out.preset = q.get('preset');
  if (q.has('sex')) out.sex = q.get('sex');
  if (q.has('skin')) out.skin = Number(q.get('skin'));
  if (q.has('session')) Object.assign(out, sessionChange(q.get('session')));
  if (q.has('years')) Object.assign(out, yearsChange(q.get('years')));
  if (q.has('hairline') || q.has('mistake')) {
    const plan = {};
    if (q.has('hairline')) {
      const [style, mm] = q.get('hairline').split(':');
      plan['hairline-style'] = style;
      if (mm) plan['hairline-mm'] = Number(mm);
    }
    const m = q.get('mistake');
    if (m && !MISTAKES.includes(m)) notice(`Link setting mistake=${m} ignored: accepted ${MISTAKES.join(', ')}`);
    else if (m) plan.mistakes = mistakeChange(m);
    out.plan = plan;
  }

  for (const key of ['lighting', 'gloss', 'hairstyle', 'hair-colour']) if (q.has(key)) out[key] = q.get(key);
  if (q.has('grey')) out['grey-fraction'] = Number(q.get('grey'));
  let zoom = 1;
  if (q.has('zoom')) {
    const z = Number(q.get('zoom'));
    if (Number.isFinite(z) && z >= ZOOM_MIN && z <= ZOOM_MAX) zoom = z;
    else notice(`Link setting zoom=${q.get('zoom')} ignored: accepted ${ZOOM_MIN} to ${ZOOM_MAX}`);
  }
  return [out, q.get('next') === '1', zoom];
}

async function main() {

  let wasm;
  try {
    wasm = await import('./pkg/smp_visualiser.js');
    await wasm.default();
  } catch (e) {
    throw new Error(`The renderer could not be loaded (${e && e.message ? e.message : e}).`);
  }
  statusEl.textContent = 'Building the head…';
  frames.start(undefined); // the helper builds the default head alongside this thread
  await new Promise((r) => setTimeout(r, 0)); // let the status paint before the build
  viz = new wasm.Visualiser(undefined);
  frames.viz = viz;
  consultation = viz.consultation;
  state.debugPanic = wasm.debugPanic;
  presetInfo = wasm.presets();
  lightInfo = wasm.lightings();
  hairInfo = wasm.hairstyles();
  colourInfo = wasm.hairColours();
  // Apply the share link field by field, so one bad value does not discard the others.
  const [wanted, next, zoom] = fromUrl();
  state.zoom = zoom;
  for (const [key, value] of Object.entries(wanted)) {
    try {
      viz.setConsultation({ ...consultation, [key]: value });
      consultation = viz.consultation;
    } catch (e) {
      notice(`Link setting ${key}=${value} ignored: ${e && e.message ? e.message : e}`);
    }
  }
  chosen = consultation.preset;
  const info = presetInfo.find((p) => p.name === chosen);
  if (next && info && info.next) {
    showNext = true;
    viz.setConsultation({ ...consultation, preset: info.next });
    consultation = viz.consultation;
  }
  frames.sync(); // the share link's settings, applied here one by one
  state.consultation = () => consultation;
  state.helper = () => ({ running: frames.helper !== null, ready: frames.ready, share: frames.share });
  // The whole frame rendered on this thread alone, for comparison with the canvas.
  state.rgba = (w, h) => viz.rgba(w, h, state.yaw, state.pitch, state.zoom);
  buildControls();
  syncControls();
  statusEl.textContent = '';
  draw(true);
}


main().catch(showError);
