//! Long hair combed from a centre part, as polylines lying on the scalp.
//!
//! Each hair leaves its root away from the midline part (the side of its root; roots on the
//! part pick a side at random), drifts back toward the nape behind the vertex, and follows
//! the scalp through the chart, rising off the skin as hair from higher up piles over it.
//! Only geometry in mm: the renderer decides what covers what.

use super::{LONG_ON_SCALP_MM, LONG_SEGMENT_MM};
use crate::head::{Landmarks, ScalpChart, ScalpPoint};
use crate::math::normalize_or;
use glam::Vec3;

/// Height of the hair above the skin at the root (mm) and its growth per mm along the hair:
/// a few millimetres of hair mass at the ends.
const LIFT_ROOT_MM: f32 = 0.15;
const LIFT_PER_MM: f32 = 0.035;

/// Hair leaving the chart or reaching bare skin in front of this plane (mm, head frame: the
/// ear's front edge) stops rather than hangs.
const HANG_FRONT_Z_MM: f32 = 0.0;

/// Points of one hair from its root at chart `st`, on `side` (+1 toward the client's left,
/// −1 right) of the part; `k` is the head scale. Where the hair runs off the charted scalp
/// (past the nape or below the ears) it hangs, turning toward the floor.
///
/// `bare` says where no hair grows: a hair reaching bare skin in front of the ears stops
/// there, as if tucked behind the ear, instead of lying across the temple and cheek.
#[must_use]
pub fn comb(
    chart: &ScalpChart,
    lm: &Landmarks,
    st: [f32; 2],
    side: f32,
    k: f32,
    bare: &dyn Fn(&ScalpPoint) -> bool,
) -> Vec<Vec3> {
    let [s0, t0] = st;
    let (front, back) = (lm.vertex_st[0], lm.whorl_st[0]);
    let steps = (LONG_ON_SCALP_MM / LONG_SEGMENT_MM) as usize;
    let seg = LONG_SEGMENT_MM * k;
    let mut out: Vec<Vec3> = Vec::with_capacity(steps + 1);
    let (mut s, mut t) = (s0, t0);
    for i in 0..=steps {
        let along = i as f32 * seg;
        let lift = (LIFT_ROOT_MM + LIFT_PER_MM * along) * k;
        let Some(q) = chart.point(s, t) else {
            // Off the scalp: hang on from the last point, bending toward the floor; but not
            // in front of the ears, where it would fall across the temple and cheek (there
            // it is tucked behind the ear, out of this view of the scalp).
            if let [.., a, b] = out[..] {
                if b.z > HANG_FRONT_Z_MM * k {
                    break;
                }
                let dir =
                    normalize_or((b - a).normalize_or_zero() + Vec3::NEG_Y * 0.6, Vec3::NEG_Y);
                out.push(b + dir * seg);
                continue;
            }
            break;
        };
        if i > 0 && q.p.z > HANG_FRONT_Z_MM * k && bare(&q) {
            break;
        }
        // The head frame's origin lies between the ear canals: its radial direction stands in
        // for the skin normal, which is all a lift of a few millimetres needs.
        let up = normalize_or(q.p - Vec3::new(0.0, 0.0, 5.0 * k), Vec3::Y);
        out.push(q.p + up * lift);
        // Sideways over the top; toward the back down the sides (hair is swept back from the
        // temples, not across them); from the vertex to the whorl, down the back.
        let w = ((s - front) / (back - front).max(1.0)).clamp(0.0, 1.0);
        let sweep = ((t.abs() / k - 30.0) / 35.0).clamp(0.0, 1.0) * 0.9;
        let back_share = w.max(sweep);
        let (ds, dt) = (0.15 + 0.85 * back_share, side * (1.0 - back_share));
        let n = (ds * ds + dt * dt).sqrt();
        s += seg * ds / n;
        t += seg * dt / n;
    }
    out
}
