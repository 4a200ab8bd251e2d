//! The CPU renderer: Scene + View → Frame (RGBA8), identical bytes natively and in wasm.
//!
//! Passes: [`raster`] writes a visibility buffer (depth, triangle id, perspective-correct
//! barycentrics); [`shade`] lights each covered pixel once in linear RGB; [`resolve`] tone maps
//! and encodes sRGB through a table. It knows meshes, surfaces and lights, nothing of hair loss.

pub mod camera;
pub mod hair;
pub mod raster;
pub mod resolve;
pub mod shade;
pub mod strands;

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
    albedo: Vec<Vec3>,
    gloss: Vec<f32>,
    acc: Vec<f32>,
    acc_c: Vec<Vec3>,
}

impl Frame {
    fn resize(&mut self, width: u32, height: u32) {
        let n = width as usize * height as usize;
        self.width = width;
        self.height = height;
        self.rgba.resize(n * 4, 255);
        self.linear.resize(n, Vec3::ZERO);
        self.vis.resize(n);
        self.albedo.resize(n, Vec3::ZERO);
        self.gloss.resize(n, 1.0);
        self.acc.resize(n, 0.0);
        self.acc_c.resize(n, Vec3::ZERO);
    }
}

/// Renders `scene` from `view` into `frame` (resizing it as needed).
pub fn render(scene: &Scene, view: &View, frame: &mut Frame) {
    frame.resize(view.width, view.height);
    let cam = Camera::new(view, &scene.framing);
    raster::rasterize(scene, &cam, &mut frame.vis);
    shade::surface(scene, &frame.vis, &mut frame.albedo, &mut frame.gloss);
    hair::darken(scene, &cam, &frame.vis, &mut frame.albedo, &mut frame.acc_c);
    shade::shade(
        scene,
        &cam,
        &frame.vis,
        &frame.albedo,
        &frame.gloss,
        &mut frame.linear,
    );
    hair::shafts(
        scene,
        &cam,
        &frame.vis,
        &mut frame.linear,
        &mut frame.acc,
        &mut frame.acc_c,
    );

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
