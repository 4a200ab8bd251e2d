//! The SMP plan: where pigment goes, how dense, how big, how dark, and in which session.
//!
//! The treated area is what the plan's hairline and full head ask for minus the hair that is
//! still there, so SMP blends into remaining hair (research/domain.md §5.6). Impressions are
//! placed by blue noise at the final density (§5.2: default 75/cm², randomised, no grid) and
//! dealt to sessions at about 30 / 70 / 100 % (§5.2); each healed dot is skin × (1 − k)
//! (§6.4) with ±20 % size jitter (§5.1). Domain code only: dots are positions and sizes.

use crate::head::scatter::{sites, Frame, OVERSAMPLE};
use crate::head::Head;
use crate::loss::{check, LossError, LossField, LossSettings, Preset};
use crate::math::Rng;
use glam::Vec3;
use serde::{Deserialize, Serialize};

/// What the practitioner sets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Plan {
    /// Final impressions per cm² (§9 row 15: 75; 20–120, above 110 a "helmet").
    pub density_per_cm2: f32,
    /// Healed dot diameter (§9 row 17: 0.15 mm; 0.08–0.35).
    pub dot_mm: f32,
    /// Pigment darkness k: dot colour = skin × (1 − k) (§9 row 18: 0.65; 0.3–0.9).
    pub dilution_k: f32,
    /// Mid-frontal hairline height above the glabella along the surface (§9 row 2: 75 mm;
    /// 55–100).
    pub hairline_mm: f32,
    /// Where pigment goes: only where hair is missing or thin, or the whole scalp.
    pub coverage: Coverage,
}

/// Which part of the planned full head gets impressions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Coverage {
    /// Bald and thinning skin, in proportion to the hair missing, so SMP blends into the
    /// remaining hair (§5.6).
    #[default]
    Thinning,
    /// The whole planned scalp, hair-bearing sides and back included: the even shaved look
    /// of a Norwood VI–VII client whose fringe is also dotted.
    FullScalp,
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            density_per_cm2: 75.0,
            dot_mm: 0.15,
            dilution_k: 0.65,
            hairline_mm: 75.0,
            coverage: Coverage::Thinning,
        }
    }
}

pub const DENSITY_RANGE: (f32, f32) = (20.0, 120.0);
pub const DOT_RANGE: (f32, f32) = (0.08, 0.35);
pub const DILUTION_RANGE: (f32, f32) = (0.3, 0.9);
pub const HAIRLINE_RANGE: (f32, f32) = (55.0, 100.0);
/// Share of the final density in place after sessions 1, 2 and 3 (§5.2).
pub const SESSION_SHARE: [f32; 3] = [0.3, 0.7, 1.0];
/// Per-session shade: practitioners vary shade between sessions for depth (§5.2 "3D" SMP).
const SESSION_SHADE: [f32; 3] = [0.94, 1.0, 1.06];
/// Impressions an hour, from about 14,000 in a 2–4 h session (§5.2), taking 3 h.
pub const IMPRESSIONS_PER_HOUR: f32 = 14_000.0 / 3.0;

impl Plan {
    pub fn validate(&self) -> Result<(), LossError> {
        check(
            "plan.density-per-cm2",
            self.density_per_cm2,
            DENSITY_RANGE,
            " per cm²",
        )?;
        check("plan.dot-mm", self.dot_mm, DOT_RANGE, " mm")?;
        check("plan.dilution-k", self.dilution_k, DILUTION_RANGE, "")?;
        check("plan.hairline-mm", self.hairline_mm, HAIRLINE_RANGE, " mm")
    }
}

/// One impression.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Impression {
    pub position: Vec3,
    pub normal: Vec3,
    /// Chart coordinates (mm).
    pub st: [f32; 2],
    pub diameter_mm: f32,
    /// Darkness k of this dot.
    pub k: f32,
    /// Session 1, 2 or 3.
    pub session: u8,
}

/// Estimates for the consultation, in real units. They are estimates, and say so in the UI.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Estimate {
    pub treated_cm2: f32,
    pub impressions_total: u32,
    pub impressions_per_session: [u32; 3],
    pub sessions: u8,
    pub hours: f32,
}

/// How much of the final density point q needs (0..=1): the plan's full head minus the hair
/// still there.
#[must_use]
pub fn treated(plan: &Plan, loss: &LossField, q: &crate::head::ScalpPoint, k: f32) -> f32 {
    let want = loss.full_head(q, plan.hairline_mm * k);
    match plan.coverage {
        Coverage::Thinning => (want - loss.sample(q).density).clamp(0.0, 1.0),
        Coverage::FullScalp => want,
    }
}

/// Blue-noise impression sites at one final density over everywhere any plan could treat,
/// each with its dice (keep, session, size). They depend on the head, density and seed only,
/// so a pattern or hairline change re-thins them instead of re-placing them.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidates {
    density_per_cm2: f32,
    sites: Vec<(Frame, [f32; 3])>,
}

impl Candidates {
    /// Places the sites for `density_per_cm2` on `head`.
    #[must_use]
    pub fn place(head: &Head, density_per_cm2: f32, seed: u64) -> Self {
        let k = head.params.scale;
        // The full head under the lowest hairline a plan accepts covers every treatable point;
        // it does not depend on the pattern.
        let field = LossField::new(Preset::Norwood1, &LossSettings::default(), head, seed)
            .expect("defaults are valid");
        let lowest = HAIRLINE_RANGE.0 * k;
        let found = sites(
            head,
            density_per_cm2 / 100.0,
            1,
            &|q| field.full_head(q, lowest) > 0.0,
            seed ^ 0x5e55,
        );
        let mut rng = Rng::new(seed ^ 0xd075);
        Self {
            density_per_cm2,
            sites: found
                .into_iter()
                .map(|f| (f, [rng.next_f32(), rng.next_f32(), rng.next_f32()]))
                .collect(),
        }
    }

    /// The final density these sites were placed for.
    #[must_use]
    pub fn density_per_cm2(&self) -> f32 {
        self.density_per_cm2
    }
}

/// Places every impression of the plan (all three sessions), blue-noise in chart mm.
#[must_use]
pub fn impressions(plan: &Plan, head: &Head, loss: &LossField, seed: u64) -> Vec<Impression> {
    impressions_from(
        &Candidates::place(head, plan.density_per_cm2, seed),
        plan,
        head,
        loss,
    )
}

/// The plan's impressions out of already placed sites (placed for `plan`'s density).
#[must_use]
pub fn impressions_from(
    candidates: &Candidates,
    plan: &Plan,
    head: &Head,
    loss: &LossField,
) -> Vec<Impression> {
    let k = head.params.scale;
    let mut out = Vec::with_capacity(candidates.sites.len());
    for (
        Frame {
            q, area, normal, ..
        },
        [u_keep, u_session, u_size],
    ) in &candidates.sites
    {
        if *u_keep >= (treated(plan, loss, q, k) * area / OVERSAMPLE).min(1.0) {
            continue;
        }
        let session = SESSION_SHARE
            .iter()
            .position(|share| u_session < share)
            .unwrap_or(2);
        out.push(Impression {
            position: q.p,
            normal: *normal,
            st: [q.s, q.t],
            diameter_mm: plan.dot_mm * (0.8 + 0.4 * u_size),
            k: (plan.dilution_k * SESSION_SHADE[session]).min(0.95),
            session: session as u8 + 1,
        });
    }
    out
}

/// The estimate for a plan: area from the field, impressions from density × area.
#[must_use]
pub fn estimate(plan: &Plan, head: &Head, loss: &LossField) -> Estimate {
    let k = head.params.scale;
    let treated_cm2 = head.chart.integrate_cm2(|q| treated(plan, loss, q, k));
    let total = plan.density_per_cm2 * treated_cm2;
    let per = [0.3, 0.4, 0.3].map(|f| (total * f).round() as u32);
    Estimate {
        treated_cm2,
        impressions_total: total.round() as u32,
        impressions_per_session: per,
        sessions: 3,
        hours: total / IMPRESSIONS_PER_HOUR,
    }
}
