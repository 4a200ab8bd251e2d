//! What long hair rests on and hangs round: the skull, cheeks, ears, neck and shoulders as
//! one cheap signed distance, for laying hundreds of thousands of hair segments.
//!
//! The skull and body are [`super::head_sdf`]'s and [`super::body_sdf`]'s own large shapes
//! with their own blends, so hair resting on the scalp sits where the mesh is; the face's
//! small features (brow, eyes, nose, lips, chin) are left out, as hair never reaches them, and
//! each ear is a bounding ellipsoid, as hair lies over an ear's folds, not into them. About a
//! dozen primitives against the full field's forty: a female long-hair scene lays 2.6 million
//! points against it.

use super::sdf::{ellipsoid, smooth_union};
use super::SHOULDER_BLEND;
use super::{cheek, cranium, mirror, neck, shoulders, Head, Shape, EAR_CENTRE, EAR_FLARE};
use glam::Vec3;

/// The ear's bounding ellipsoid in its own flared frame (out, up, forward; see
/// [`super::ear_sdf`]): plate, lobe and helix rim all inside it.
const EAR_BOUND_CENTRE: Vec3 = Vec3::new(1.0, 2.0, -1.0);
const EAR_BOUND_AXES: Vec3 = Vec3::new(8.5, 33.0, 19.0);
/// How broadly the ear's bound blends into the skull (mm): hair running over an ear rises
/// onto it from well above, as combed hair does, instead of stepping out round it (which
/// stood the hanging hair behind the ears out from the back's as wings).
const EAR_BLEND: f32 = 30.0;

/// Signed distance (unscaled mm) of `p` from the hull of `s`.
fn hull_sdf(p: Vec3, s: &Shape) -> f32 {
    let p = p / s.size;
    let mut d = cranium(p);
    for sx in [-1.0, 1.0] {
        d = cheek(d, p, sx);
        let q = p - mirror(EAR_CENTRE, sx);
        let out = q.x * sx - EAR_FLARE * (-q.z).max(0.0);
        let ear = ellipsoid(Vec3::new(out, q.y, q.z), EAR_BOUND_CENTRE, EAR_BOUND_AXES);
        d = smooth_union(d, ear, EAR_BLEND);
    }
    d = smooth_union(d, neck(p, s, 0.0), 18.0);
    smooth_union(d, shoulders(p), SHOULDER_BLEND) * s.size
}

impl Head {
    /// Signed distance (mm, head frame) of `p` from what hair rests on: see the module doc.
    #[must_use]
    pub fn hull(&self, p: Vec3) -> f32 {
        let k = self.params.scale;
        hull_sdf(p / k, &Shape::of(self.params.sex)) * k
    }

    /// Signed distance (mm, head frame) of `p` from the skin of the head, ears, eyes and
    /// body: the full field the meshes are built from.
    #[must_use]
    pub fn distance(&self, p: Vec3) -> f32 {
        let k = self.params.scale;
        super::all_sdf(p / k, &Shape::of(self.params.sex)) * k
    }
}
