//! A man's shaved beard as follicles. Carried only as a smooth grey-blue cast in the face's
//! vertex colours, it swung between reading as missing and as a dirt smear on the jaw across
//! practitioner reviews (stops 12 and 15): what tells a shaved dark beard from a smudge is
//! its grain, a fine dark point at each cut end (drawn by the scene with the under-skin
//! shadows).
//!
//! Figures are [estimate, general knowledge]: research/domain.md has no beard numbers.
//! Terminal beard hair runs about 40–80 per cm² on the cheeks and more on the chin and lip,
//! one hair per follicle, coarser than the scalp's.

use super::brows::scatter;
use crate::head::Head;
use crate::math::{normalize_or, sin_cos_deg, Rng};
use glam::Vec3;

/// Beard follicles per cm² where the beard is full (`head.beard` = 1): above the cheeks'
/// figure, as the chin and lip carry more, and at 90 the grain read as sparse specks
/// (practitioner review, stop 35). [estimate, by eye]
pub const BEARD_PER_CM2: f32 = 130.0;
/// How far a follicle's heading strays from straight down the face, each way (degrees).
const HEADING_DEG: f32 = 25.0;

/// One beard follicle: where its shaft leaves the skin, the way it grows along the skin, and
/// the skin's normal there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Follicle {
    pub root: Vec3,
    pub along: Vec3,
    pub normal: Vec3,
}

/// The beard follicles of `head`, placed over the face mesh by its beard weight, seeded.
/// A beard grows down the face and neck; the scatter of headings stands in for the swirls
/// under the jaw.
#[must_use]
pub fn beard(head: &Head, seed: u64) -> Vec<Follicle> {
    let mut out = Vec::new();
    let mut rng = Rng::new(seed ^ 0xbea2d);
    scatter(
        head,
        &head.beard,
        BEARD_PER_CM2,
        &mut rng,
        &mut |root, normal, _, rng| {
            // The beard's weight runs 2 mm into the red, under the lips' layer; its cut ends,
            // drawn over every layer, must not.
            if head.in_lips_mm(root) > -0.3 {
                return;
            }
            // Down the skin; where it is level (under the chin), back toward the neck. With
            // only a fallback for a zero projection, a nearly level normal's rounding left
            // the direction 0.05° off the skin.
            let down = normal * normal.y - Vec3::Y;
            let along = if down.length_squared() > 1e-4 {
                down.normalize()
            } else {
                normalize_or(normal * normal.z - Vec3::Z, Vec3::NEG_Z)
            };
            let (s, c) = sin_cos_deg(HEADING_DEG * (2.0 * rng.next_f32() - 1.0));
            out.push(Follicle {
                root,
                along: along * c + normal.cross(along) * s,
                normal,
            });
        },
    );
    out
}
