//! The CPU renderer: Scene + View → Frame (RGBA8), identical bytes natively and in wasm.
//!
//! Passes: [`raster`] writes a visibility buffer (depth, triangle id, perspective-correct
//! barycentrics); [`shade`] lights each covered pixel once in linear RGB; [`resolve`] tone maps
//! and encodes sRGB through a table. It knows meshes, surfaces and lights, nothing of hair loss.

pub mod camera;
pub mod raster;
pub mod resolve;
pub mod shade;

use crate::scene::Scene;
pub use camera::{Camera, View};
use glam::Vec3;

/// A rendered image plus the working buffers, reused between renders of the same size.
#[derive(Clone, Debug, Default)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    /// Opaque sRGB RGBA8, row-major, top row first.
    pub rgba: Vec<u8>,
    pub(crate) linear: Vec<Vec3>,
    pub(crate) vis: raster::VisBuffer,
}

impl Frame {
    fn resize(&mut self, width: u32, height: u32) {
        let n = width as usize * height as usize;
        self.width = width;
        self.height = height;
        self.rgba.resize(n * 4, 255);
        self.linear.resize(n, Vec3::ZERO);
        self.vis.resize(n);
    }
}

/// Renders `scene` from `view` into `frame` (resizing it as needed).
pub fn render(scene: &Scene, view: &View, frame: &mut Frame) {
    frame.resize(view.width, view.height);
    let cam = Camera::new(view, &scene.framing);
    raster::rasterize(scene, &cam, &mut frame.vis);
    shade::shade(scene, &cam, &frame.vis, &mut frame.linear);
    resolve::resolve(
        &frame.linear,
        scene.lighting.exposure,
        view.width,
        &mut frame.rgba,
    );
}

/// Convenience: a fresh frame's RGBA bytes.
#[must_use]
pub fn render_rgba(scene: &Scene, view: &View) -> Vec<u8> {
    let mut frame = Frame::default();
    render(scene, view, &mut frame);
    frame.rgba
}
