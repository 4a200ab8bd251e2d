//! The smooth share of healed pigment, laid into the scalp's vertex colours.
//!
//! A healed dot is pigment under a scattering skin: besides the dot the eye resolves, the
//! skin around it carries a faint veil of its light removed ([`crate::plan::look`]). Drawn
//! as dots alone, with bare skin between, a healed top read at conversation distance as
//! pepper on cream skin, where practitioners see one even shadow with a fine grain
//! (reviews, stops 12–15). The veils are laid as their expectation at each vertex
//! ([`crate::plan::veil`]), about 2.5 mm apart, so the mean is kept (tests/plan.rs: SMP
//! darkens like the client's own shaved hair) and the shade is even; up close the drawn dots
//! stay crisp points over a light grey-blue veil, which is what healed work looks like
//! through a loupe.

use crate::head::ScalpPoint;
use crate::scene::Mesh;
use glam::Vec3;

/// Most a veil takes from a channel: the skin is never painted black.
const MOST: f32 = 0.9;

/// Takes from the albedo of each charted vertex of `mesh` (chart coordinates `uv`, NaN off
/// the chart) what `veil` says the pigment around it removes from each channel.
pub fn lay(mesh: &mut Mesh, uv: &[[f32; 2]], veil: &dyn Fn(&ScalpPoint) -> Vec3) {
    for ((albedo, &p), st) in mesh.albedo.iter_mut().zip(&mesh.positions).zip(uv) {
        if st[0].is_nan() {
            continue;
        }
        let q = ScalpPoint {
            s: st[0],
            t: st[1],
            p,
        };
        *albedo *= Vec3::ONE - veil(&q).min(Vec3::splat(MOST));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn veils_darken_charted_vertices_by_what_they_remove() {
        let mut mesh = Mesh {
            positions: vec![Vec3::ZERO, Vec3::X, Vec3::Y, Vec3::Z],
            albedo: vec![Vec3::splat(0.5); 4],
            ..Mesh::default()
        };
        let uv = [[10.0, 5.0], [10.0, -5.0], [f32::NAN, f32::NAN], [20.0, 5.0]];
        // A veil on the left half (t > 0), overwhelming at s = 20.
        lay(&mut mesh, &uv, &|q| {
            if q.t <= 0.0 {
                Vec3::ZERO
            } else if q.s > 15.0 {
                Vec3::splat(2.0)
            } else {
                Vec3::new(0.2, 0.1, 0.0)
            }
        });
        assert_eq!(mesh.albedo[0], Vec3::new(0.4, 0.45, 0.5));
        assert_eq!(mesh.albedo[1], Vec3::splat(0.5), "no veil");
        assert_eq!(mesh.albedo[2], Vec3::splat(0.5), "off the chart");
        assert!(
            (mesh.albedo[3] - Vec3::splat(0.05)).abs().max_element() < 1e-6,
            "at most 90 %"
        );
    }
}
