//! SMP Visualiser: a truthful picture of scalp micropigmentation on a shaded 3D head.
//!
//! The pipeline runs one way, with the same bytes natively and in WebAssembly:
//!
//! ```text
//! Consultation ──build──▶ Scene ──render(View)──▶ Frame (RGBA8) ──▶ PNG | canvas
//! ```
//!
//! - [`consultation`]: what a user can set, validated, JSON round-trip.
//! - [`head`]: the procedural head in millimetres (SDF sculpted, meshed once), landmarks
//!   and the scalp chart.
//! - [`loss`]: hair-loss patterns as density fields over the chart.
//! - [`look`]: skin tones and lights as data.
//! - [`scene`]: Consultation → Scene, renderer-agnostic.
//! - [`render`]: the deterministic CPU renderer; knows nothing of hair loss.
//! - `web` (wasm32 only): the only module that touches the browser.

pub mod consultation;
pub mod hair;

pub mod decimal;
pub mod head;
pub mod look;
pub mod loss;
pub mod math;
pub mod plan;

#[cfg(not(target_arch = "wasm32"))]
pub mod png_io;
pub mod render;
pub mod scene;
#[cfg(not(target_arch = "wasm32"))]
pub mod sheet;
#[cfg(target_arch = "wasm32")]
mod web;

pub use consultation::{Consultation, ConsultationError};
pub use render::{render, Frame, View};
pub use scene::Scene;

/// Renders a consultation from a view in one call (builds the scene each time).
pub fn render_consultation(c: &Consultation, view: &View) -> Result<Vec<u8>, String> {
    c.validate().map_err(|e| e.to_string())?;
    view.validate()?;
    Ok(render::render_rgba(&Scene::build(c), view))
}
