//! Female and diffuse patterns: Ludwig I–III, Savin I-1…advanced and frontal, Olsen's
//! "Christmas tree", and diffuse thinning (research/domain.md §2.1–2.4, §3.1).
//!
//! The frontal hairline is kept in all of them (§2.1); loss is a density reduction inside an
//! oval on top (front edge 1–3 cm behind the hairline, back edge near the whorl, 8–12 cm
//! wide), a widening centre part (Savin I-x, §2.2), or a wedge on the part that is widest at
//! the front (Olsen, §2.4). Surviving hairs in the zone are miniaturised.

use super::preset::Preset::{self, *};
use super::{ramp, Ctx};
use crate::head::ScalpPoint;

/// An oval zone on top: front edge behind the hairline, back edge near the whorl.
#[derive(Clone, Copy)]
struct Zone {
    /// Front edge, mm behind the hairline.
    front_gap: f32,
    /// Back edge, mm behind the whorl.
    back_past_whorl: f32,
    half_width: f32,
    /// Density left inside the zone.
    density: f32,
}

/// Ludwig zone densities (§2.1 table: I 65–80 %, II 40–60 %, III 10–30 %).
const LUDWIG: [f32; 3] = [0.72, 0.5, 0.2];
/// Savin I-1…I-4 apparent part widths (§2.2 table midpoints, mm).
pub const SAVIN_PART_MM: [f32; 4] = [1.5, 4.0, 7.5, 12.5];

fn zone(p: Preset) -> Option<Zone> {
    let ludwig = |density| Zone {
        front_gap: 20.0,
        back_past_whorl: 5.0,
        half_width: 50.0,
        density,
    };
    let diffuse = |density| Zone {
        front_gap: 15.0,
        back_past_whorl: 30.0,
        half_width: 62.0,
        density,
    };
    Some(match p {
        Ludwig1 => ludwig(LUDWIG[0]),
        Ludwig2 => ludwig(LUDWIG[1]),
        Ludwig3 => ludwig(LUDWIG[2]),
        SavinII1 => ludwig(0.65),
        SavinII2 => ludwig(0.5),
        SavinIII => ludwig(0.32),
        SavinAdvanced => ludwig(0.1),
        // Frontally accentuated: the zone starts right behind the hairline, ends short of the
        // crown.
        SavinFrontal => Zone {
            front_gap: 6.0,
            back_past_whorl: -70.0,
            half_width: 48.0,
            density: 0.45,
        },
        OlsenChristmasTree => Zone {
            front_gap: 10.0,
            back_past_whorl: 0.0,
            half_width: 45.0,
            density: 0.85,
        },
        Diffuse1 => diffuse(0.75),
        Diffuse2 => diffuse(0.55),
        Diffuse3 => diffuse(0.35),
        _ => return None,
    })
}

/// Apparent part width (mm) for presets drawn with a centre part.
fn part_width(p: Preset) -> f32 {
    match p {
        SavinI1 => SAVIN_PART_MM[0],
        SavinI2 => SAVIN_PART_MM[1],
        SavinI3 => SAVIN_PART_MM[2],
        SavinI4 => SAVIN_PART_MM[3],
        SavinII1 | SavinII2 | SavinIII | SavinAdvanced | SavinFrontal => 15.0,
        _ => 0.0,
    }
}

/// Retained density and miniaturisation at q.
pub(super) fn retained(p: Preset, q: &ScalpPoint, c: &Ctx) -> (f32, f32) {
    let k = c.k;
    let (s, t) = (q.s / k, q.t / k);
    let mfp = c.mature_mfp / k;
    let whorl_s = c.lm.whorl_st[0] / k;
    let edge = c.edge / k;
    let wander = c.wander(q, 5.0) / k;
    let mut keep: f32 = 1.0;

    if let Some(z) = zone(p) {
        let front = mfp + z.front_gap;
        let back = whorl_s + z.back_past_whorl;
        let (centre, half_len) = (0.5 * (front + back), 0.5 * (back - front));
        let (ds, dt) = ((s - centre) / half_len, t / z.half_width);
        let r = (ds * ds + dt * dt).sqrt();
        // Distance outside the oval, in mm along its smaller axis.
        let out = (r - 1.0) * half_len.min(z.half_width) + wander;
        let inside = 1.0 - ramp(out, edge);
        keep *= 1.0 - inside * (1.0 - z.density);
    }

    // The part: scalp shows along the midline from the hairline back to the crown; hair
    // beside a wider part is a little thinner.
    let part = part_width(p);
    if part > 0.0 {
        let along = ramp(s - mfp + 2.0, 3.0) * (1.0 - ramp(s - whorl_s, 20.0));
        let half = 0.5
            * part
            * if p == SavinFrontal {
                1.0 + 0.8 * (1.0 - ramp(s - mfp - 40.0, 60.0))
            } else {
                1.0
            };
        let open = 1.0 - ramp(t.abs() - half, 1.5);
        keep *= 1.0 - along * open;
        let beside = (1.0 - ramp(t.abs() - 30.0, 15.0)) * along;
        keep *= 1.0 - beside * (part / 12.5) * 0.22;
    }

    // Olsen: a wedge on the part, 2–4 cm wide at the hairline (which it breaches) and
    // 0.5–1 cm at the crown, 10–14 cm long (§2.4).
    if p == OlsenChristmasTree {
        let u = ((s - (mfp - 4.0)) / 120.0).clamp(0.0, 1.0);
        let half = 16.0 + (4.0 - 16.0) * u;
        let len = ramp(s - mfp + 6.0, 4.0) * (1.0 - ramp(s - mfp - 116.0, 10.0));
        let wedge = (1.0 - ramp(t.abs() - half + wander * 0.4, 6.0)) * len;
        keep *= 1.0 - wedge * 0.75;
    }
    let keep = keep.clamp(0.0, 1.0);
    // Thinning here is mostly miniaturisation (§2.5: density and diameter both fall).
    (keep, (1.0 - keep) * 0.5)
}
