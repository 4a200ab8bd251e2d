// Shares each frame with a helper Worker, so both cores of a tablet render it.
//
// The Worker has its own wasm instance and its own copy of the scene, built from the same
// consultation, so its rows are the bytes this thread would have rendered. It renders the
// bottom run of rows while this thread renders the top; where the frame is split follows the
// last frame's timings. There is no SharedArrayBuffer, so the host page needs no COOP/COEP
// headers (research/tech.md §2.5). If the Worker cannot start or fails, every row is drawn
// here, as before.

const MIN_SHARED_ROWS = 64; // below this the message round trip costs more than half a frame
const SHARE_MIN = 0.1, SHARE_MAX = 0.9;

export class Frames {
  /** `viz`, this thread's Visualiser (set once built), stays the authority on the consultation. */
  constructor(viz = null) {
    this.viz = viz;
    this.helper = null;
    this.ready = false;
    this.share = 0.5;
    this.nextId = 1;
    this.waiting = new Map();
    /** The helper's wasm memory (MB) at its last reply, for the benchmark page. */
    this.helperMemoryMB = 0;
  }

  /**
   * Starts the helper building the consultation `c` (undefined for the defaults) alongside
   * this thread's own build. Frames are drawn here alone until it reports ready.
   */
  start(c) {
    let worker;
    try {
      worker = new Worker(new URL('./helper.js', import.meta.url), { type: 'module' });
    } catch {
      return; // no module workers: single-threaded
    }
    worker.onmessage = (e) => this.#reply(e.data);
    worker.onerror = (e) => { e.preventDefault(); this.#fail(e.message || 'the helper failed'); };
    worker.onmessageerror = () => this.#fail('a message from the helper could not be read');
    worker.postMessage({ type: 'consultation', consultation: c });
    this.helper = worker;
  }

  /** Tells the helper the consultation this thread's Visualiser already has. */
  sync() {
    if (this.helper) this.helper.postMessage({ type: 'consultation', consultation: this.viz.consultation });
  }

  /**
   * Sets the consultation here and in the helper, which rebuilds its scene at the same time
   * as this thread. Throws, as `Visualiser.setConsultation` does, naming the bad field; both
   * then keep their last good consultation, since both read it with the same code.
   */
  setConsultation(c) {
    if (this.helper) this.helper.postMessage({ type: 'consultation', consultation: c });
    this.viz.setConsultation(c);
  }

  /**
   * Renders `w`×`h` and puts it on `ctx`; resolves, once the whole frame is there, to whether
   * the helper drew part of it.
   */
  async draw(ctx, w, h, yaw, pitch, zoom) {
    if (!this.helper || !this.ready || h < MIN_SHARED_ROWS) {
      this.viz.draw(ctx, w, h, yaw, pitch, zoom);
      return false;
    }
    const split = Math.min(h - 1, Math.max(1, Math.round(h * this.share)));
    const id = this.nextId;
    this.nextId += 1;
    const job = new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.helper.postMessage({ type: 'rows', id, args: [w, h, yaw, pitch, zoom, split, h] });
    const t0 = performance.now();
    this.viz.renderRows(w, h, yaw, pitch, zoom, 0, split);
    const mine = performance.now() - t0;
    let reply;
    try {
      reply = await job;
    } catch {
      this.viz.draw(ctx, w, h, yaw, pitch, zoom); // the helper is gone: draw it all here
      return false;
    }
    // ms: this thread's rows, the helper's rows, and how long this thread then waited.
    this.lastTimes = { mine, helper: reply.ms, wait: performance.now() - t0 - mine };
    this.viz.putRows(ctx);
    ctx.putImageData(new ImageData(new Uint8ClampedArray(reply.rgba.buffer), w, h - split), 0, split);
    const perTop = mine / split, perBottom = reply.ms / (h - split);
    if (perTop + perBottom > 0) {
      const ideal = perBottom / (perTop + perBottom);
      this.share = Math.min(SHARE_MAX, Math.max(SHARE_MIN, 0.5 * (this.share + ideal)));
    }
    return true;
  }

  #reply(m) {
    if (m.type === 'ready') {
      this.ready = true;
    } else if (m.type === 'rows') {
      this.helperMemoryMB = m.memoryMB;
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (w) w.resolve(m);
    } else if (m.type === 'error') {
      this.#fail(m.message);
    }
  }

  #fail(message) {
    if (this.helper) this.helper.terminate();
    this.helper = null;
    this.ready = false;
    for (const w of this.waiting.values()) w.reject(new Error(message));
    this.waiting.clear();
    console.warn(`Rendering on one thread: ${message}`);
  }
}
