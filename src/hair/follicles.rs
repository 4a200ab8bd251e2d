//! Follicle placement and growth direction.
//!
//! Units are placed by Bridson's Poisson-disk process (blue noise: no grid, no clumps; see
//! `head::scatter`) in chart millimetres, then kept with probability (loss density × the
//! chart's local area factor), so
//! the surface density is the native FU density where hair is full, lower where it thins, and
//! even near the ears where meridians converge. Directions radiate from the crown whorl with a
//! spiral that fades with distance: forward on top, down the sides and the back.

use super::{FU_MIX, FU_PER_CM2, SHAFT_MM};
use crate::head::scatter::{sites, Frame, OVERSAMPLE};
use crate::head::{Head, ScalpPoint};
use crate::loss::{LossField, LossSettings, Preset};
use crate::math::{normalize_or, sin_cos, Rng};
use glam::Vec3;

/// One hair where it leaves the skin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hair {
    pub root: Vec3,
    /// Chart coordinates of the root (mm).
    pub st: [f32; 2],
    /// Outward skin normal.
    pub normal: Vec3,
    /// Unit growth direction along the skin.
    pub tangent: Vec3,
    pub diameter_mm: f32,
    /// 0 (terminal) to 1 (fully miniaturised: finer and lighter).
    pub miniaturised: f32,
    /// Hairs in this hair's follicular unit, on the unit's first hair; 0 on the others.
    pub unit: u8,
}

/// Spiral twist at the whorl (degrees), fading over `TWIST_FADE_MM`.
const TWIST_DEG: f32 = 55.0;
const TWIST_FADE_MM: f32 = 45.0;

/// Blue-noise follicular-unit positions (chart mm) over everywhere a full juvenile head of
/// hair could grow. They depend on the head and seed only, so a pattern change reuses them.
#[derive(Clone, Debug, PartialEq)]
pub struct Units {
    sites: Vec<Frame>,
}

impl Units {
    /// Places units on `head`.
    #[must_use]
    pub fn place(head: &Head, seed: u64) -> Self {
        // Where any pattern can have hair: the juvenile hairline's full head, dilated by two
        // mask cells because other seeds and patterns wander a few millimetres.
        let full = LossField::new(Preset::Norwood1, &LossSettings::default(), head, seed)
            .unwrap_or_else(|e| panic!("defaults are valid: {e}"));
        let per_mm2 = FU_PER_CM2 / 100.0;
        Self {
            sites: sites(head, per_mm2, 2, &|q| full.native(q) > 0.0, seed ^ 0xf011),
        }
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.sites.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.sites.is_empty()
    }
}

/// Grows the hairs of `head` under `loss` (placing units first; see [`grow_from`]).
#[must_use]
pub fn grow(head: &Head, loss: &LossField, seed: u64) -> Vec<Hair> {
    grow_from(&Units::place(head, seed), head, loss, seed)
}

/// Grows hairs from already placed units.
#[must_use]
pub fn grow_from(units: &Units, head: &Head, loss: &LossField, seed: u64) -> Vec<Hair> {
    let lm = &head.landmarks;
    let k = head.params.scale;
    let mut rng = Rng::new(seed ^ 0x4a17);
    let whorl = lm.whorl_st;
    let mut hairs = Vec::with_capacity(units.len() * 2);
    for &Frame {
        q,
        ds,
        dt,
        area,
        normal: n,
    } in &units.sites
    {
        // Keep units in proportion to density and surface area per chart area.
        let sample = loss.sample(&q);
        let keep = (sample.density * area / OVERSAMPLE).min(1.0);
        let roll = rng.next_f32();
        if roll >= keep {
            continue;
        }
        let tangent = direction(&q, whorl, ds, dt, n, k);
        let side = normalize_or(n.cross(tangent), Vec3::X);
        let count = hairs_in_unit(rng.next_f32());
        for i in 0..count {
            // Hairs of a unit leave the skin together and fan out a little (about ±10°).
            let off = i as f32 - 0.5 * (count - 1) as f32;
            let fan = normalize_or(tangent + side * (0.18 * off), tangent);
            hairs.push(Hair {
                root: q.p + side * (off * 0.1 * k),
                st: [q.s, q.t],
                normal: n,
                tangent: fan,

                diameter_mm: SHAFT_MM * k * (1.0 - 0.55 * sample.miniaturised),
                miniaturised: sample.miniaturised,
                unit: if i == 0 { count as u8 } else { 0 },
            });
        }
    }
    hairs
}

fn hairs_in_unit(u: f32) -> usize {
    let mut acc = 0.0;
    for (i, p) in FU_MIX.iter().enumerate() {
        acc += p;
        if u < acc {
            return i + 1;
        }
    }
    FU_MIX.len()
}

/// Growth direction: away from the whorl, twisted into a spiral near it.
fn direction(q: &ScalpPoint, whorl: [f32; 2], ds: Vec3, dt: Vec3, n: Vec3, k: f32) -> Vec3 {
    let (rs, rt) = (q.s - whorl[0], q.t - whorl[1]);
    let dist = (rs * rs + rt * rt).sqrt().max(1e-3);
    let fade = TWIST_FADE_MM * k / (TWIST_FADE_MM * k + dist);
    let a = TWIST_DEG.to_radians() * fade;
    let (sa, ca) = sin_cos(a);
    let (us, ut) = (rs / dist, rt / dist);
    let (vs, vt) = (us * ca - ut * sa, us * sa + ut * ca);
    let d = ds * vs + dt * vt;
    normalize_or(d - n * d.dot(n), Vec3::Z)
}
