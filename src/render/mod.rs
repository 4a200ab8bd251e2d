//! The CPU renderer: Scene + View → Frame (RGBA8), identical bytes natively and in wasm.
//!
//! Passes: [`raster`] writes a visibility buffer (depth, triangle id, perspective-correct
//! barycentrics); [`shade`] lights each covered pixel once in linear RGB; [`resolve`] tone maps
//! and encodes sRGB through a table. It knows meshes, surfaces and lights, nothing of hair loss.
//!
//! Working buffers cost 44 bytes a pixel. Frames up to [`MAX_WHOLE_PIXELS`] (512²) render in
//! one piece; larger ones in bands of [`BAND_PIXELS`], each with enough extra rows above and
//! below for every strand that reaches into it (and, where strands reach far, as long hair's
//! do, at least as many rows of its own). All pixel arithmetic stays in frame
//! coordinates, so a banded frame has the same bytes as a whole one (tested). Projections,
//! shaft colours and vertex light are computed once a frame ([`prepare`]), so bands cost
//! little time (1024², native, fastest of 21: 45 ms whole, 51 ms in 256k-pixel bands; before
//! that cache, 90 ms in four bands; 33 ms banded after per-vertex broad highlights, a
//! once-a-frame front-facing triangle list and a memoised resolve; about 41 ms with the body
//! mesh, the outline pass and softer dots) and save memory: 11 MB of working buffers at any
//! size instead of 44 MB at 1024² and 185 MB at 2048². In the browser the image itself goes
//! to the canvas a run of rows at a time ([`render_rows_to`]), so wasm memory holds one band
//! and never a whole frame: a `make bench` session peaks at 81 MB of wasm memory, under the
//! 96 MB budget of issue #4 (106 MB with the whole 2048² image in wasm memory too; 105 MB
//! with whole 1024² working buffers).
//!
//! Natively [`render`] shares a frame between two threads, a run of rows each, with the split
//! balanced from the last frame's timings (budget scene, 1024², this 2-core machine: 116 →
//! 63 ms median; 512²: 47 → 35 ms, since projecting the strands stays on one thread). In the
//! browser, where `std::thread` does not exist, the shell does the same with a Worker and
//! [`render_rows`].

pub mod camera;
pub mod edge;
pub mod hair;
mod lit;
pub mod prepare;
pub mod raster;
pub mod relief;
pub mod resolve;
pub mod shade;
pub mod shadow;
pub mod strands;

use crate::scene::Scene;
pub use camera::{Camera, View};
use glam::Vec3;

/// Largest frame rendered in one piece (pixels): 512².
pub const MAX_WHOLE_PIXELS: usize = 1 << 18;
/// Band size (pixels, extra rows included) for larger frames.
pub const BAND_PIXELS: usize = 1 << 18;
/// Fewest rows of its own a band covers, however far strands reach.
const MIN_BAND_ROWS: usize = 32;
/// Smallest frame (pixels) worth a second thread natively: below it the spawn and the second
/// part's margin rows cost more than half the frame.
#[cfg(not(target_arch = "wasm32"))]
const MIN_PARALLEL_PIXELS: usize = 128 * 128;

/// One band's working buffers: 44 bytes a pixel.
#[derive(Clone, Debug, Default)]
struct Work {
    vis: raster::VisBuffer,
    /// Linear radiance.
    color: Vec<Vec3>,
    acc: Vec<f32>,
    acc_c: Vec<Vec3>,
}

impl Work {
    fn band(&mut self, width: usize, y0: usize, rows: usize) {
        let n = width * rows;
        self.vis.reset(width, y0, rows);
        self.color.resize(n, Vec3::ZERO);
        self.acc.resize(n, 0.0);
        self.acc_c.resize(n, Vec3::ZERO);
    }

    fn capacity(&self) -> usize {
        self.color.capacity()
    }
}

/// A rendered image plus the working buffers (one band's worth), reused between renders.
#[derive(Clone, Debug, Default)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    /// Opaque sRGB RGBA8, row-major, top row first: rows `rows.0..rows.1` of the view (all of
    /// them unless rendered by [`render_rows`]).
    pub rgba: Vec<u8>,
    pub rows: (u32, u32),
    work: Work,
    /// The second thread's buffers (native only).
    #[cfg(not(target_arch = "wasm32"))]
    helper: Work,
    /// Share of the rows the first thread takes, balanced from the last frame's timings.
    #[cfg(not(target_arch = "wasm32"))]
    split: Option<f32>,
    prep: prepare::Prepared,
}

impl Frame {
    /// Gives back the working buffers (11 MB for frames drawn in bands) and the per-frame
    /// caches, keeping the image: what a scene rebuild can use instead of new memory.
    pub fn release_work(&mut self) {
        self.work = Work::default();
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.helper = Work::default();
        }
        self.prep = prepare::Prepared::default();
    }
}

/// Renders `scene` from `view` into `frame` (resizing it as needed). Natively the frame is
/// shared between two threads, a band of rows each; the bytes are those of one thread.
pub fn render(scene: &Scene, view: &View, frame: &mut Frame) {
    #[cfg(not(target_arch = "wasm32"))]
    if view.width as usize * view.height as usize >= MIN_PARALLEL_PIXELS {
        return parallel::render(scene, view, frame);
    }
    render_rows(scene, view, frame, 0..view.height);
}

/// Renders only rows `rows` of `view` (so that several workers can share a frame); `frame.rgba`
/// then holds just those rows.
pub fn render_rows(scene: &Scene, view: &View, frame: &mut Frame, rows: std::ops::Range<u32>) {
    render_part(scene, view, frame, rows, band_pixels(view), None);
}

/// Renders rows `rows` of `view`, handing each finished run of rows to `out` (its first row
/// and its RGBA bytes) instead of keeping the image: for a host with an image buffer of its
/// own (the browser's canvas), so a large frame is not held twice. `frame.rgba` keeps only the
/// last run (`frame.rows`), so wasm memory, which never shrinks, need not find room for a
/// whole frame: at 2048² that is 16 MB less. The bytes are those of [`render_rows`] (tested).
pub fn render_rows_to(
    scene: &Scene,
    view: &View,
    frame: &mut Frame,
    rows: std::ops::Range<u32>,
    out: &mut dyn FnMut(u32, &[u8]),
) {
    render_part(scene, view, frame, rows, band_pixels(view), Some(out));
}

/// Most pixels a band of `view` holds: the whole frame up to [`MAX_WHOLE_PIXELS`].
fn band_pixels(view: &View) -> usize {
    if view.width as usize * view.height as usize <= MAX_WHOLE_PIXELS {
        usize::MAX
    } else {
        BAND_PIXELS
    }
}

impl Frame {
    /// Fills the per-frame caches and, unless `image_rows` is `None`, sizes the image for that
    /// many rows of `view`; returns the camera every band of the frame shares.
    fn begin(&mut self, scene: &Scene, view: &View, image_rows: Option<u32>) -> Camera {
        self.width = view.width;
        self.height = view.height;
        let cam = Camera::new(view, &scene.framing);
        self.prep.update(scene, &cam);
        if let Some(rows) = image_rows {
            size_image(&mut self.rgba, view.width as usize * rows as usize * 4);
        }
        cam
    }
}

/// Sizes `rgba` to `bytes`.
fn size_image(rgba: &mut Vec<u8>, bytes: usize) {
    if rgba.capacity() < bytes {
        // Free the smaller buffer before allocating the larger, so its block can be reused
        // (in wasm, growing in place after a part frame left 16 MB stranded at 2048²).
        *rgba = Vec::new();
    }
    rgba.resize(bytes, 255);
}

/// [`render`] with a chosen band size, on one thread (for tests of banding).
#[doc(hidden)]
pub fn render_in_bands(scene: &Scene, view: &View, frame: &mut Frame, max_band_pixels: usize) {
    render_part(scene, view, frame, 0..view.height, max_band_pixels, None);
}

/// [`render_rows_to`] with a chosen band size (for tests of banding).
#[doc(hidden)]
pub fn render_in_bands_to(
    scene: &Scene,
    view: &View,
    frame: &mut Frame,
    max_band_pixels: usize,
    out: &mut dyn FnMut(u32, &[u8]),
) {
    render_part(
        scene,
        view,
        frame,
        0..view.height,
        max_band_pixels,
        Some(out),
    );
}

fn render_part(
    scene: &Scene,
    view: &View,
    frame: &mut Frame,
    rows: std::ops::Range<u32>,
    max_band_pixels: usize,
    out: Option<RunSink>,
) {
    let (w, h) = (view.width as usize, view.height as usize);
    let rows = (rows.start.min(view.height), rows.end.min(view.height));
    // Bands of long hair's frames grow to about 2.4 bands' worth (see `Part::layout`).
    if w * h > max_band_pixels && frame.work.capacity() > 4 * max_band_pixels.min(w * h) {
        // Give a whole frame's buffers back before working in bands, so the output and the
        // bands can reuse that memory (wasm memory only ever grows).
        frame.work = Work::default();
    }
    let whole_image = out.is_none().then_some(rows.1 - rows.0);
    let cam = frame.begin(scene, view, whole_image);
    let part = Part {
        scene,
        cam: &cam,
        prep: &frame.prep,
        width: w,
        height: h,
        max_band_pixels,
    };
    let rows = (rows.0 as usize, rows.1 as usize);
    frame.rows = (rows.0 as u32, rows.1 as u32);
    let layout = part.layout(rows);
    match out {
        None => {
            part.render(&mut frame.work, rows, layout, &mut frame.rgba, None);
        }
        Some(f) => {
            size_image(&mut frame.rgba, w * layout.1.min(rows.1 - rows.0) * 4);
            let last = part.render(&mut frame.work, rows, layout, &mut frame.rgba, Some(f));
            frame.rows = (last.0 as u32, last.1 as u32);
            frame.rgba.truncate((last.1 - last.0) * w * 4);
        }
    }
}

/// Takes a finished run of rows: its first row, its RGBA bytes.
type RunSink<'a> = &'a mut dyn FnMut(u32, &[u8]);

/// What every band of one frame shares.
struct Part<'a> {
    scene: &'a Scene,
    cam: &'a Camera,
    prep: &'a prepare::Prepared,
    width: usize,
    height: usize,
    max_band_pixels: usize,
}

impl Part<'_> {
    /// How frame rows `rows` are banded: rows that strands reach across a band's edge, and
    /// rows of its own each band resolves. Rows of a whole frame up to the band size are one
    /// band. (Once a frame: it looks at every projected strand.)
    fn layout(&self, rows: (usize, usize)) -> (usize, usize) {
        let (w, h) = (self.width, self.height);
        if (rows.1 - rows.0) * w <= self.max_band_pixels && rows == (0, h) {
            return (0, h);
        }
        let margin = self.prep.reach_px(self.scene).ceil() as usize + 2;
        // At least the margin's own rows, so no band draws more than three times the rows
        // it keeps: long hair's hanging strands reach 100 px at 2048², which left 32-row
        // bands drawing 250 rows each, 1.4 s a frame; this costs it 10 MB more.
        let own = (self.max_band_pixels.min(w * h) / w)
            .saturating_sub(2 * margin)
            .max(MIN_BAND_ROWS)
            .max(margin);
        (margin, own)
    }

    /// Renders frame rows `rows` (those rows only) in bands laid out as `layout` says: into
    /// `rgba`, or, given a `sink`, a run at a time through `rgba` (one run long) to it.
    /// Returns the last band's own rows.
    fn render(
        &self,
        work: &mut Work,
        rows: (usize, usize),
        (margin, own): (usize, usize),
        rgba: &mut [u8],
        mut sink: Option<RunSink>,
    ) -> (usize, usize) {
        let (w, h) = (self.width, self.height);
        let mut y = rows.0;
        let mut core = (y, y);
        while y < rows.1 {
            core = (y, (y + own).min(rows.1));
            let band = (y.saturating_sub(margin), (core.1 + margin).min(h));
            let run = match &sink {
                None => &mut rgba[(core.0 - rows.0) * w * 4..(core.1 - rows.0) * w * 4],
                Some(_) => &mut rgba[..(core.1 - core.0) * w * 4],
            };
            self.band(work, band, core, run);
            if let Some(f) = &mut sink {
                f(core.0 as u32, run);
            }
            y = core.1;
        }
        core
    }

    /// Renders frame rows `band` (start, end) and resolves its rows `core` into `rgba`.
    fn band(&self, work: &mut Work, band: (usize, usize), core: (usize, usize), rgba: &mut [u8]) {
        let (scene, prep) = (self.scene, self.prep);
        let (w, h) = (self.width, self.height);
        work.band(w, band.0, band.1 - band.0);
        raster::rasterize(scene, &prep.screen, &prep.front, &mut work.vis);
        hair::darken(scene, prep, &work.vis, &mut work.acc, &mut work.acc_c);
        // `acc` is free until the shafts: it holds the key light's shadow.
        lit::shadow_pass(scene, prep, &work.vis, &mut work.acc);
        shade::shade(
            scene,
            self.cam,
            prep,
            &work.vis,
            (&work.acc_c, &work.acc),
            h,
            &mut work.color,
        );
        let y0 = work.vis.y0;
        edge::smooth_outline(scene, prep, &work.vis, &mut work.color, |row| {
            shade::backdrop(scene, y0 + row, h)
        });
        hair::shafts(
            prep,
            &work.vis,
            &mut work.color,
            &mut work.acc,
            &mut work.acc_c,
        );
        let skip = (core.0 - band.0) * w;
        resolve::resolve(
            &work.color[skip..skip + (core.1 - core.0) * w],
            scene.lighting.exposure,
            w as u32,
            core.0,
            rgba,
        );
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod parallel {
    use super::{band_pixels, Frame, Part, Scene, View};
    use std::time::Instant;

    /// Two threads, each a run of rows. Where the frame is split follows the last frame's
    /// timings, since the scalp's dots and hairs make some rows far dearer than others.
    pub(super) fn render(scene: &Scene, view: &View, frame: &mut Frame) {
        let (w, h) = (view.width as usize, view.height as usize);
        let cam = frame.begin(scene, view, Some(view.height));
        frame.rows = (0, view.height);
        let share = frame.split.unwrap_or(0.5);
        let split = ((h as f32 * share).round() as usize).clamp(1, h - 1);
        let part = Part {
            scene,
            cam: &cam,
            prep: &frame.prep,
            width: w,
            height: h,
            // Each thread's part is banded as a whole frame would be, so a thread never
            // holds more than one band's buffers.
            max_band_pixels: band_pixels(view),
        };
        // Both parts are runs short of the whole frame, so banded alike.
        let layout = part.layout((0, split));
        let (top, bottom) = frame.rgba.split_at_mut(split * w * 4);
        let (work, helper) = (&mut frame.work, &mut frame.helper);
        let (t_top, t_bottom) = std::thread::scope(|s| {
            let other = s.spawn(|| {
                let t = Instant::now();
                part.render(helper, (split, h), layout, bottom, None);
                t.elapsed().as_secs_f32()
            });
            let t = Instant::now();
            part.render(work, (0, split), layout, top, None);
            let mine = t.elapsed().as_secs_f32();
            (mine, other.join().expect("render thread"))
        });
        let per_top = t_top / split as f32;
        let per_bottom = t_bottom / (h - split) as f32;
        if per_top + per_bottom > 0.0 {
            let ideal = per_bottom / (per_top + per_bottom);
            frame.split = Some((0.5 * (share + ideal)).clamp(0.1, 0.9));
        }
    }
}

/// Convenience: a fresh frame's RGBA bytes.
#[must_use]
pub fn render_rgba(scene: &Scene, view: &View) -> Vec<u8> {
    let mut frame = Frame::default();
    render(scene, view, &mut frame);
    frame.rgba
}
