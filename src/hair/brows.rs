//! Eyebrows as hairs. Painted as a band of colour on the skin, they read as drawn on in every
//! practitioner review (stops 11 and 12); a brow is a few hundred coarse hairs lying nearly
//! flat along the skin, with skin showing between them.
//!
//! Figures are [general knowledge, by eye]: research/domain.md has no eyebrow numbers. At
//! 130 hairs/cm² a brow read sparse; at [`BROW_PER_CM2`] it has about 410–450 (tests/hair.rs).
//! Brow hairs are coarser than the scalp's and stop growing at about a centimetre.

use crate::head::{Head, Part};
use crate::math::{normalize_or, sin_cos_deg, Rng};
use glam::Vec3;

/// Eyebrow hairs per cm² of skin where the brow is full.
pub const BROW_PER_CM2: f32 = 180.0;
/// Length range of a brow hair (mm); shorter toward the brow's feathered edges.
pub const BROW_LENGTH_MM: (f32, f32) = (5.0, 9.0);
/// Shaft diameter (mm).
pub const BROW_SHAFT_MM: f32 = 0.1;
/// Angle a brow hair leaves the skin at, and the angle its outer part lies at against the
/// root's skin (degrees): it bends over and follows the skin as the brow ridge falls away.
const LIFT_DEG: (f32, f32) = (22.0, -6.0);
/// Share of a hair's length before it bends.
const BEND_AT: f32 = 0.35;
/// How far a hair's heading strays from the brow's, each way (degrees).
const HEADING_DEG: f32 = 12.0;

/// One eyebrow hair: from `root` it rises to `bend`, then lies on to `tip`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BrowHair {
    pub root: Vec3,
    pub bend: Vec3,
    pub tip: Vec3,
    pub normal: Vec3,
    pub width_mm: f32,
    /// How fine and light the hair is, 0 (a terminal brow hair) to 1 (vellus-like): more of
    /// them toward the brow's feathered edges. Drawn all terminal, one width and colour, the
    /// brows read from a metre as a marker line (practitioner review, stop 13).
    pub fine: f32,
    /// Uniform in 0..1, for the caller's grey draw.
    pub draw: f32,
}

/// The eyebrow hairs of `head`: placed at random over the face mesh in proportion to the
/// brow's weight there (`head.brow`), seeded.
#[must_use]
pub fn brows(head: &Head, seed: u64) -> Vec<BrowHair> {
    let k = head.params.scale;
    let mut out = Vec::new();
    let mut rng = Rng::new(seed ^ 0xb7_0e5);
    scatter(
        head,
        &head.brow,
        BROW_PER_CM2,
        &mut rng,
        &mut |root, normal, weight, rng| {
            let heading = head.brow_heading(root);
            let along = normalize_or(heading - normal * heading.dot(normal), Vec3::Y);
            let (s, co) = sin_cos_deg(HEADING_DEG * (2.0 * rng.next_f32() - 1.0));
            let along = along * co + normal.cross(along) * s;
            let fine = (rng.next_f32() * (1.3 - weight)).clamp(0.0, 1.0);
            let (lo, hi) = BROW_LENGTH_MM;
            let len = (lo + (hi - lo) * rng.next_f32()) * (0.6 + 0.4 * weight) * k;
            let (s0, c0) = sin_cos_deg(LIFT_DEG.0);
            let (s1, c1) = sin_cos_deg(LIFT_DEG.1);
            let root = root + normal * (0.02 * k);
            let bend = root + (along * c0 + normal * s0) * (len * BEND_AT);
            let tip = bend + (along * c1 + normal * s1) * (len * (1.0 - BEND_AT));
            out.push(BrowHair {
                root,
                bend,
                tip,
                normal,
                width_mm: BROW_SHAFT_MM * k * (1.0 - 0.5 * fine),
                fine,
                draw: rng.next_f32(),
            });
        },
    );
    out
}

/// Calls `each(root, normal, weight, rng)` for points scattered at random over the face
/// mesh's triangles, `per_cm2` of them per cm² where `weight` (per face vertex, 0..=1) is 1
/// and in proportion to it elsewhere.
pub(crate) fn scatter(
    head: &Head,
    weight: &[f32],
    per_cm2: f32,
    rng: &mut Rng,
    each: &mut dyn FnMut(Vec3, Vec3, f32, &mut Rng),
) {
    let Some(face) = head
        .parts
        .iter()
        .position(|&p| p == Part::Face)
        .map(|i| &head.meshes[i])
    else {
        return;
    };
    let per_mm2 = per_cm2 / 100.0;
    for tri in &face.triangles {
        let [a, b, c] = tri.map(|i| i as usize);
        let w = [weight[a], weight[b], weight[c]];
        if w.iter().all(|&x| x <= 0.0) {
            continue;
        }
        let (pa, pb, pc) = (face.positions[a], face.positions[b], face.positions[c]);
        let area = 0.5 * (pb - pa).cross(pc - pa).length();
        // Candidates at the triangle's highest weight, each kept at the weight where it
        // lands: triangles stretched over the brow's underside reach well past it. Whole
        // candidates, the fraction drawn at random: the count comes out right on average.
        let top = w[0].max(w[1]).max(w[2]);
        let n = (area * per_mm2 * top + rng.next_f32()) as usize;
        for _ in 0..n {
            let (mut u, mut v) = (rng.next_f32(), rng.next_f32());
            if u + v > 1.0 {
                (u, v) = (1.0 - u, 1.0 - v);
            }
            let weight = w[0] * (1.0 - u - v) + w[1] * u + w[2] * v;
            if rng.next_f32() * top >= weight {
                continue;
            }
            let root = pa + (pb - pa) * u + (pc - pa) * v;
            let normal = normalize_or(
                face.normals[a] * (1.0 - u - v) + face.normals[b] * u + face.normals[c] * v,
                Vec3::Z,
            );
            each(root, normal, weight, rng);
        }
    }
}
