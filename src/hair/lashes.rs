//! Eyelashes. Without them the eyes read glassy, a doll's (practitioner reviews, stops 12 and
//! 13): from a metre the upper lashes are the dark line that draws the eye's upper edge.
//!
//! Figures are [general knowledge]: research/domain.md has no eyelash numbers. An upper lid
//! has about 90–160 lashes in two or three rows, curving up, longest past the middle; a lower
//! lid fewer, shorter and finer ones, curving down. Lengths here are a man's: at the 8–12 mm
//! often quoted for women's, with lower lashes as prominent, they read as false lashes.
//! Lashes are drawn as the brows' rising-then-bending hairs ([`BrowHair`]).

use super::brows::BrowHair;
use crate::head::Head;
use crate::math::Rng;
use glam::Vec3;

/// Lashes per lid: upper, lower.
pub const LASHES: (usize, usize) = (100, 55);
/// Length ranges (mm): upper, lower. Upper ones at 6–9 mm stood as even as a picket fence
/// (practitioner review, stop 40, asking ±30 %); lower ones at 3–5 mm, spiky on the white.
pub const LASH_LENGTH_MM: ((f32, f32), (f32, f32)) = ((5.0, 9.5), (2.0, 3.5));
/// Shaft diameter (mm): upper, lower.
const LASH_SHAFT_MM: (f32, f32) = (0.1, 0.06);
/// How far behind the margin the rows reach onto the lid (mm).
const ROWS_MM: f32 = 0.7;
/// How much of the eyeball's sideways facing a lash's direction keeps.
const CORNER_SPLAY: f32 = 0.35;
/// How far the lashes fan toward the outer corner: a sideways share per unit along the lid.
/// At 0.8 the outer lashes pointed out past the corner and, seen in three-quarter, stacked
/// into a dark wedge 7 mm beyond the eye (practitioner review, stop 37). [estimate, by eye]
const LASH_FAN: f32 = 0.4;
/// Share of a lash's length before it curls.
const BEND_AT: f32 = 0.45;

/// The lashes of both eyes of `head`, seeded. Each is never grey (`draw` 1: lashes grey
/// last) and, on the lower lid, finer and lighter.
#[must_use]
pub fn lashes(head: &Head, seed: u64) -> Vec<BrowHair> {
    let k = head.params.scale;
    let mut rng = Rng::new(seed ^ 0x1a_54e5);
    let mut out = Vec::with_capacity(2 * (LASHES.0 + LASHES.1));
    for sx in [-1.0f32, 1.0] {
        for upper in [true, false] {
            let (count, (lo, hi), width) = if upper {
                (LASHES.0, LASH_LENGTH_MM.0, LASH_SHAFT_MM.0)
            } else {
                (LASHES.1, LASH_LENGTH_MM.1, LASH_SHAFT_MM.1)
            };
            let up = if upper { 1.0 } else { -1.0 };
            for i in 0..count {
                // Evenly along the margin with a jitter, shorter toward the corners and
                // longest a little outside the middle.
                let t = (i as f32 + rng.next_f32()) / count as f32;
                let (margin, normal) = head.lid_margin(sx, upper, t);
                // Lashes leave the lid forward, whatever way the eyeball's surface faces at
                // the corners: along it, the inner corner's pointed sideways at the nose,
                // over the skin rather than out of the eye.
                let out_dir = Vec3::new(normal.x * CORNER_SPLAY, normal.y, normal.z).normalize();
                let bell = 1.0 - ((t - 0.6) / 0.6) * ((t - 0.6) / 0.6);
                let len = (lo + (hi - lo) * rng.next_f32()) * (0.45 + 0.55 * bell.max(0.0)) * k;
                // Rows: back from the margin onto the lid, away from the slit.
                let root = margin + Vec3::Y * (up * ROWS_MM * rng.next_f32() * k);
                // Out of the eye and a little down (up, from the lower lid), fanning outward
                // toward the outer corner; then curling up (down). Straight up from the
                // margin they stood over the lid like a brush.
                let outward = Vec3::X * (sx * LASH_FAN * (t - 0.35));
                let rise = (out_dir - Vec3::Y * (0.25 * up) + outward).normalize();
                let curl = (out_dir + Vec3::Y * (0.6 * up) + outward).normalize();
                let bend = root + rise * (len * BEND_AT);
                let tip = bend + curl * (len * (1.0 - BEND_AT));
                out.push(BrowHair {
                    root,
                    bend,
                    tip,
                    normal,
                    width_mm: width * k * (0.8 + 0.4 * rng.next_f32()),
                    fine: if upper { 0.0 } else { 0.8 },
                    draw: 1.0,
                });
            }
        }
    }
    out
}
