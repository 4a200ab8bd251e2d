//! Consultation → Scene: renderer-agnostic data in real units (mm, linear RGB).
//!
//! The renderer reads only this. Later layers (loss field, hair, plan, impressions) are built
//! here too, each cached by the part of the Consultation it depends on.

use crate::consultation::Consultation;
use crate::head::{Head, HeadParams};
use crate::look::{light::Lighting, skin};
use glam::Vec3;

/// Specular behaviour of a surface.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Surface {
    /// Reflectance at normal incidence.
    pub f0: f32,
    /// Blinn exponent as a power of two, so it is applied by repeated squaring, not `powf`.
    pub shininess_log2: u8,
}

impl Default for Surface {
    fn default() -> Self {
        crate::head::SKIN_SURFACE
    }
}

/// An indexed triangle mesh with per-vertex shading inputs.
#[derive(Clone, Debug, Default)]
pub struct Mesh {
    /// Millimetres, head frame.
    pub positions: Vec<Vec3>,
    /// Unit normals.
    pub normals: Vec<Vec3>,
    /// Linear-RGB diffuse albedo.
    pub albedo: Vec<Vec3>,
    /// Open fraction of the hemisphere (ambient occlusion), 0..=1.
    pub visibility: Vec<f32>,
    /// Counter-clockwise seen from outside.
    pub triangles: Vec<[u32; 3]>,
    pub surface: Surface,
}

/// Where the camera orbits and how much it frames.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Framing {
    /// Orbit centre (mm).
    pub target: Vec3,
    /// Height of the view at the target (mm) for the smaller frame side.
    pub extent: f32,
}

/// Everything the renderer draws.
#[derive(Clone, Debug)]
pub struct Scene {
    pub meshes: Vec<Mesh>,
    pub lighting: Lighting,
    pub framing: Framing,
    /// Backdrop colours, linear RGB, top and bottom.
    pub backdrop: [Vec3; 2],
}

impl Scene {
    /// Builds the scene. The Consultation must be valid (see [`Consultation::validate`]).
    #[must_use]
    pub fn build(c: &Consultation) -> Self {
        let head = Head::build(&HeadParams {
            sex: c.sex,
            scale: c.head_scale,
            skin: skin::monk_albedo(c.skin),
        });
        Self {
            meshes: head.meshes,
            lighting: Lighting::clinic(),
            framing: Framing {
                target: Vec3::new(0.0, -5.0, 8.0) * c.head_scale,
                extent: 330.0 * c.head_scale,
            },
            backdrop: [Vec3::new(0.20, 0.21, 0.23), Vec3::new(0.055, 0.058, 0.065)],
        }
    }

    /// Number of triangles over all meshes.
    #[must_use]
    pub fn triangle_count(&self) -> usize {
        self.meshes.iter().map(|m| m.triangles.len()).sum()
    }
}
