//! The CPU renderer: Scene + View → Frame (RGBA8), identical bytes natively and in wasm.
//!
//! Passes: [`raster`] writes a visibility buffer (depth, triangle id, perspective-correct
//! barycentrics); [`shade`] lights each covered pixel once in linear RGB; [`resolve`] tone maps
//! and encodes sRGB through a table. It knows meshes, surfaces and lights, nothing of hair loss.
//!
//! Working buffers cost 44 bytes a pixel. Frames up to [`MAX_WHOLE_PIXELS`] (512²) render in
//! one piece; larger ones in bands of [`BAND_PIXELS`], each with enough extra rows above and
//! below for every strand that reaches into it. All pixel arithmetic stays in frame
//! coordinates, so a banded frame has the same bytes as a whole one (tested). Projections,
//! shaft colours and vertex light are computed once a frame ([`prepare`]), so bands cost
//! little time (1024², native, fastest of 21: 45 ms whole, 51 ms in 256k-pixel bands; before
//! that cache, 90 ms in four bands; 33 ms banded after per-vertex broad highlights, a
//! once-a-frame front-facing triangle list and a memoised resolve; about 41 ms with the body
//! mesh, the outline pass and softer dots) and save memory: 11 MB of working buffers at any
//! size instead of 44 MB at 1024² and 185 MB at 2048². A `make bench` session stays at 85 MB
//! of wasm memory (82 before shadow maps), under the 96 MB budget of issue #4 (it peaked at
//! 105 MB with whole 1024² frames).

pub mod camera;
pub mod edge;
pub mod hair;
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

/// A rendered image plus the working buffers (one band's worth), reused between renders.
#[derive(Clone, Debug, Default)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    /// Opaque sRGB RGBA8, row-major, top row first.
    pub rgba: Vec<u8>,
    pub(crate) vis: raster::VisBuffer,
    /// Linear radiance.
    color: Vec<Vec3>,
    acc: Vec<f32>,
    acc_c: Vec<Vec3>,
    prep: prepare::Prepared,
}

impl Frame {
    fn band(&mut self, width: usize, y0: usize, rows: usize) {
        let n = width * rows;
        self.vis.reset(width, y0, rows);
        self.color.resize(n, Vec3::ZERO);
        self.acc.resize(n, 0.0);
        self.acc_c.resize(n, Vec3::ZERO);
    }
}

/// Renders `scene` from `view` into `frame` (resizing it as needed).
pub fn render(scene: &Scene, view: &View, frame: &mut Frame) {
    let pixels = view.width as usize * view.height as usize;
    let band = if pixels <= MAX_WHOLE_PIXELS {
        pixels
    } else {
        BAND_PIXELS
    };
    render_in_bands(scene, view, frame, band);
}

/// [`render`] with a chosen band size (for tests of banding).
#[doc(hidden)]
pub fn render_in_bands(scene: &Scene, view: &View, frame: &mut Frame, max_band_pixels: usize) {
    let (w, h) = (view.width as usize, view.height as usize);
    if w * h > max_band_pixels && frame.color.capacity() > 2 * max_band_pixels {
        // Give a whole frame's buffers back before working in bands, so the output and the
        // bands can reuse that memory (wasm memory only ever grows).
        *frame = Frame::default();
    }
    frame.width = view.width;
    frame.height = view.height;
    frame.rgba.resize(w * h * 4, 255);
    let cam = Camera::new(view, &scene.framing);
    let mut prep = std::mem::take(&mut frame.prep);
    prep.update(scene, &cam);
    if w * h <= max_band_pixels {
        render_band(scene, &cam, &prep, frame, (0, h), (0, h));
        frame.prep = prep;
        return;
    }
    let margin = prep.reach_px(scene).ceil() as usize + 2;
    let own = (max_band_pixels / w)
        .saturating_sub(2 * margin)
        .max(MIN_BAND_ROWS);
    let mut y = 0;
    while y < h {
        let core = (y, (y + own).min(h));
        let band = (y.saturating_sub(margin), (core.1 + margin).min(h));
        render_band(scene, &cam, &prep, frame, band, core);
        y = core.1;
    }
    frame.prep = prep;
}

/// Renders frame rows `band` (start, end) and resolves its rows `core` into the frame.
fn render_band(
    scene: &Scene,
    cam: &Camera,
    prep: &prepare::Prepared,
    frame: &mut Frame,
    band: (usize, usize),
    core: (usize, usize),
) {
    let (w, h) = (frame.width as usize, frame.height as usize);
    frame.band(w, band.0, band.1 - band.0);
    raster::rasterize(scene, &prep.screen, &prep.front, &mut frame.vis);
    hair::darken(scene, prep, &frame.vis, &mut frame.acc, &mut frame.acc_c);
    shade::shade(
        scene,
        cam,
        prep,
        &frame.vis,
        &frame.acc_c,
        h,
        &mut frame.color,
    );
    let y0 = frame.vis.y0;
    edge::smooth_outline(scene, prep, &frame.vis, &mut frame.color, |row| {
        shade::backdrop(scene, y0 + row, h)
    });
    hair::shafts(
        prep,
        &frame.vis,
        &mut frame.color,
        &mut frame.acc,
        &mut frame.acc_c,
    );
    let skip = (core.0 - band.0) * w;
    resolve::resolve(
        &frame.color[skip..skip + (core.1 - core.0) * w],
        scene.lighting.exposure,
        frame.width,
        core.0,
        &mut frame.rgba[core.0 * w * 4..core.1 * w * 4],
    );
}

/// Convenience: a fresh frame's RGBA bytes.
#[must_use]
pub fn render_rgba(scene: &Scene, view: &View) -> Vec<u8> {
    let mut frame = Frame::default();
    render(scene, view, &mut frame);
    frame.rgba
}
