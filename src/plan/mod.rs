//! The SMP plan: where pigment goes, how dense, how big, how dark, and in which session.
//!
//! The treated area is what the plan's hairline and full head ask for minus the hair that is
//! still there, so SMP blends into remaining hair (research/domain.md §5.6). Impressions are
//! placed by blue noise at the final density (§5.2: default 75/cm², randomised, no grid) and
//! dealt to sessions at about 30 / 70 / 100 % (§5.2); each healed dot is skin × (1 − k)
//! (§6.4) with ±20 % size jitter (§5.1). Domain code only: dots are positions and sizes.

pub mod caution;
pub mod hairline;
pub mod look;

pub use caution::{cautions, Caution};
pub use hairline::{HairlineStyle, TempleProfile};
pub use look::{DotLook, Timepoint};

use crate::hair::Hairstyle;
use crate::head::scatter::{sites, Frame, OVERSAMPLE};
use crate::head::Head;
use crate::loss::{check, LossError, LossField, LossSettings, Preset};
use crate::math::{normalize_or, sin_cos, Rng};
use glam::Vec3;

/// What the practitioner sets.
#[derive(Clone, Debug, PartialEq)]
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
    /// How the frontal hairline is drawn.
    pub hairline_style: HairlineStyle,
    pub temple: TempleProfile,
    /// Width of the density ramp across the line (mm, 1–10); `None` takes the style's.
    pub gradient_mm: Option<f32>,
    /// What went wrong, for training and honest consultations: each can be on alone.
    pub mistakes: Mistakes,
}

/// Treatment mistakes to show (research/domain.md §5.5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mistakes {
    /// Needle too deep: blown-out, blurred, oversized dots with a blue cast on light skin.
    pub too_deep: bool,
    /// Too dense: a "helmet" of uniform dots at [`TOO_DENSE_PER_CM2`].
    pub too_dense: bool,
    /// Pigment too dark for the skin and hair (k = [`TOO_DARK_K`]).
    pub too_dark: bool,
    /// A ruler-straight, hard hairline.
    pub ruler_hairline: bool,
    /// The hairline far too low ([`TOO_LOW_MM`] above the glabella).
    pub too_low: bool,
}

/// "Helmet" density (§5.5: above about 110–120/cm² reads as one solid shade).
pub const TOO_DENSE_PER_CM2: f32 = 140.0;
/// Pigment darkness of a too-dark result.
pub const TOO_DARK_K: f32 = 0.95;
/// A too-low hairline: well under the 6 cm floor of §5.6.
pub const TOO_LOW_MM: f32 = 50.0;

/// Which part of the planned full head gets impressions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Coverage {
    /// Bald and thinning skin, in proportion to the hair missing, so SMP blends into the
    /// remaining hair (§5.6).
    #[default]
    Thinning,
    /// The whole planned scalp, hair-bearing sides and back included: the even shaved look
    /// of a Norwood VI–VII client whose fringe is also dotted.
    FullScalp,
}

impl Coverage {
    pub const ALL: [Coverage; 2] = [Self::Thinning, Self::FullScalp];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Thinning => "thinning",
            Self::FullScalp => "full-scalp",
        }
    }

    /// Parses the kebab-case name, listing the accepted ones on error.
    pub fn parse(name: &str) -> Result<Self, String> {
        crate::consultation::parse_named(&Self::ALL, Self::name, name)
    }
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            density_per_cm2: 75.0,
            dot_mm: 0.15,
            dilution_k: 0.65,
            hairline_mm: 75.0,
            coverage: Coverage::Thinning,
            hairline_style: HairlineStyle::Soft,
            temple: TempleProfile::Medium,
            gradient_mm: None,
            mistakes: Mistakes::default(),
        }
    }
}

pub const DENSITY_RANGE: (f32, f32) = (20.0, 120.0);
pub const DOT_RANGE: (f32, f32) = (0.08, 0.35);
pub const DILUTION_RANGE: (f32, f32) = (0.3, 0.9);
pub const HAIRLINE_RANGE: (f32, f32) = (55.0, 100.0);
/// Share of the final density in place after sessions 1, 2 and 3 (§5.2).
pub const SESSION_SHARE: [f32; 3] = [0.3, 0.7, 1.0];
/// Per-session shade: practitioners vary shade between sessions for depth, some making each
/// session darker than the last (§5.2 "3D" SMP); weighted by each session's share of the
/// dots the mean is 1. At ±6 % every dot read as the same blue-black grain (practitioner
/// review, stop 11). [estimate]
const SESSION_SHADE: [f32; 3] = [0.82, 1.0, 1.18];

/// Per-session dot size: the base laid with a 3-round needle, later sessions finer, for the
/// varied sizes §5.2's "3D" SMP layers (§5.1: 1R for detail, 3R to fill). With ±20 % jitter
/// alone, close-ups read as one even size of dot (practitioner reviews, stops 14 and 16).
/// [estimate]
pub const SESSION_SIZE: [f32; 3] = [1.15, 1.0, 0.85];

/// The means of [`SESSION_SHADE`] and of the square of [`SESSION_SIZE`] (a dot's area) over
/// the dots in place after `session` (1–3), weighted by each session's share of them.
#[must_use]
pub fn session_means(session: u8) -> (f32, f32) {
    let n = usize::from(session.clamp(1, 3));
    let (mut shade, mut area, mut last) = (0.0, 0.0, 0.0);
    for ((share, k), d) in SESSION_SHARE
        .iter()
        .zip(SESSION_SHADE)
        .zip(SESSION_SIZE)
        .take(n)
    {
        shade += (share - last) * k;
        area += (share - last) * d * d;
        last = *share;
    }
    (shade / last, area / last)
}
/// Each dot's own shade varies about its session's by up to this share either way: needle
/// pressure and pigment load differ from one impression to the next. At ±12 % the healed
/// dots measured within ±6 % of one lightness, printed-looking (practitioner review, stop
/// 40, which saw ±15–20 % in layered work). [estimate]
pub const DOT_SHADE_JITTER: f32 = 0.2;
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
        if let Some(g) = self.gradient_mm {
            check("plan.gradient-mm", g, hairline::GRADIENT_RANGE, " mm")?;
        }
        check("plan.hairline-mm", self.hairline_mm, HAIRLINE_RANGE, " mm")
    }

    /// The final density the impressions are placed at (the too-dense mistake overrides).
    #[must_use]
    pub fn placed_density(&self) -> f32 {
        if self.mistakes.too_dense {
            TOO_DENSE_PER_CM2
        } else {
            self.density_per_cm2
        }
    }

    /// Pigment darkness k as mixed (the too-dark mistake overrides).
    #[must_use]
    pub fn k(&self) -> f32 {
        if self.mistakes.too_dark {
            TOO_DARK_K
        } else {
            self.dilution_k
        }
    }

    /// Mid-frontal height as drawn (mm, unscaled): the too-low mistake overrides.
    #[must_use]
    pub fn drawn_hairline_mm(&self) -> f32 {
        if self.mistakes.too_low {
            TOO_LOW_MM
        } else {
            self.hairline_mm
        }
    }

    /// The drawn frontal hairline on a head of scale `k`.
    #[must_use]
    pub fn hairline(&self, k: f32) -> crate::loss::HairlineShape {
        hairline::shape(
            self.hairline_style,
            self.temple,
            self.drawn_hairline_mm() * k,
            self.gradient_mm
                .unwrap_or(self.hairline_style.gradient_mm())
                * k,
            self.mistakes.ruler_hairline,
        )
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
    /// Diameter and k as planned at this point, before each dot's own dice (size, shade,
    /// session): what its veil goes by (see [`look::DotLook::veil`]).
    pub nominal: [f32; 2],
    /// A second, smaller dot beside this one, as a two-hair follicular unit has two shafts
    /// (issue #5: small clusters echoing follicular units); same session and shade.
    pub pair: Option<Vec3>,
}

/// Share of impressions laid as a pair of dots, their spacing (mm) and the second dot's size
/// relative to the first [estimate: two-hair units are half of all units (§4.2); SMP echoes
/// them sparingly so the field stays even].
pub const PAIR_SHARE: f32 = 0.3;
pub const PAIR_MM: (f32, f32) = (0.25, 0.35);
pub const PAIR_SIZE: f32 = 0.8;

/// Estimates for the consultation, in real units. They are estimates, and say so in the UI.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub treated_cm2: f32,
    pub impressions_total: u32,
    pub impressions_per_session: [u32; 3],
    pub sessions: u8,
    pub hours: f32,
    /// Touch-up interval in years (§5.4 default: 3–4).
    pub touch_up_years: [f32; 2],
}

/// The timeline strip of issue #5: label and timepoint, from before treatment to five years
/// after the last session.
#[must_use]
pub fn timeline() -> [(&'static str, Timepoint); 7] {
    let at = |session, fresh, years| Timepoint {
        session,
        fresh,
        years,
        touch_up: false,
    };
    [
        ("Before", at(0, false, 0.0)),
        ("S1 fresh", at(1, true, 0.0)),
        ("S1 healed", at(1, false, 0.0)),
        ("S2 healed", at(2, false, 0.0)),
        ("S3 healed", at(3, false, 0.0)),
        ("3 years", at(3, false, 3.0)),
        ("5 years", at(3, false, 5.0)),
    ]
}

/// Extra density just behind the drawn line, fading over [`EDGE_BOOST_MM`] (§5.2: density
/// is hierarchical, more at the hairline edge).
pub const EDGE_BOOST: f32 = 0.15;
pub const EDGE_BOOST_MM: f32 = 10.0;

/// How much of the final density point q needs (0 to 1 + [`EDGE_BOOST`]): the plan's full
/// head under its drawn hairline minus the hair still there.
#[must_use]
#[inline(never)]
pub fn treated(
    plan: &Plan,
    worn: Hairstyle,
    loss: &LossField,
    q: &crate::head::ScalpPoint,
    k: f32,
) -> f32 {
    treated_under(plan, worn, loss, q, k, &plan.hairline(k))
}

/// How much wider (mm) the veils' ramp across the drawn line is than the dots': the light a
/// dot's pigment scatters reaches millimetres past it, so the shade the veils lay fades in
/// over more than the dots do. Ramped as the dots, the veil ended in a tide line a few
/// millimetres behind the first dots (practitioner review, stop 36). A ruler's line stays
/// hard. [estimate]
pub const VEIL_SOFTEN_MM: f32 = 4.0;

/// [`treated`] under the line `shape`. Out of line, as `treated` is: inlined into their
/// callers they cost 1.4 KB of gzipped wasm.
#[inline(never)]
fn treated_under(
    plan: &Plan,
    worn: Hairstyle,
    loss: &LossField,
    q: &crate::head::ScalpPoint,
    k: f32,
    shape: &crate::loss::HairlineShape,
) -> f32 {
    let mut want = loss.planned(q, shape);
    // The front line governs only between the frontotemporal corners.
    if q.t.abs() < 55.0 * k {
        let behind = loss.behind_front_line(q, shape);
        let past = -behind - 0.5 * shape.front_edge;
        if plan.hairline_style == HairlineStyle::Broken
            && !plan.mistakes.ruler_hairline
            && past > 0.0
            && past < hairline::STRAY_MM * k
        {
            want = want.max(hairline::STRAY_SHARE * (1.0 - past / (hairline::STRAY_MM * k)));
        }
        let inside = behind - 0.5 * shape.front_edge;
        if inside > 0.0 && inside < EDGE_BOOST_MM * k && !plan.mistakes.too_dense {
            want *= 1.0 + EDGE_BOOST * (1.0 - inside / (EDGE_BOOST_MM * k));
        }
    }
    match plan.coverage {
        Coverage::Thinning => {
            // Under thinning hair the practitioner lays the shadow between the hairs (§3.1),
            // as much as the hair there lacks of a full head's shade, finer miniaturised hairs
            // lacking more: SMP and hair together make one even shade across the fringe.
            // Counting miniaturised hairs as bare skin and filling to one less the square of
            // the rest's share drew a band up to 40 % darker than either side along the
            // fringe's edge (practitioner reviews, stop 13). Reviews of stops 11 and 12 saw a
            // pale band there instead, on clipped hair, whose miniaturised hairs are also
            // shorter and lighter than this counts.
            (want - crate::hair::shade_worn(&loss.sample(q), worn)).clamp(0.0, 1.0 + EDGE_BOOST)
        }
        Coverage::FullScalp => want,
    }
}

/// The frontal hairline's finer work: impressions in the ramp and [`FINE_MM`] behind it are
/// laid smaller and lighter, most at the front (a single-point needle and a weaker dilution
/// there, so the line fades out instead of stopping: practitioner review, stop 12, "density
/// goes from zero to full and the line reads as a crisp arc"). [estimate: research/domain.md
/// §5.6 gives the transition zone's density only]
pub const FINE_MM: f32 = 5.0;
pub const FINE_SIZE: f32 = 0.3;
pub const FINE_K: f32 = 0.25;

/// How much of the finer hairline work point q gets: 1 at the front of the ramp, none from
/// [`FINE_MM`] behind it; fading out toward the frontotemporal corners, where the front
/// line hands over to the temples (a hard stop there left a seam of finer dots).
fn front_fineness(plan: &Plan, loss: &LossField, q: &crate::head::ScalpPoint, k: f32) -> f32 {
    let across = 1.0 - crate::math::smoothstep(40.0, 55.0, q.t.abs() / k);
    if across <= 0.0 {
        return 0.0;
    }
    let shape = plan.hairline(k);
    // `behind_front_line` is in unscaled millimetres, as are FINE_MM and the ramp here.
    let behind = loss.behind_front_line(q, &shape);
    let half = 0.5 * shape.front_edge / k;
    across * (1.0 - crate::math::smoothstep(-half, half + FINE_MM, behind))
}

/// Blue-noise impression sites at one final density over everywhere any plan could treat,
/// each with its dice (keep, session, size). They depend on the head, density and seed only,
/// so a pattern or hairline change re-thins them instead of re-placing them.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidates {
    density_per_cm2: f32,
    sites: Vec<(Frame, [f32; 6])>,
}

impl Candidates {
    /// Places the sites for `density_per_cm2` on `head`.
    #[must_use]
    pub fn place(head: &Head, density_per_cm2: f32, seed: u64) -> Self {
        let k = head.params.scale;
        // The full head under the lowest hairline a plan accepts covers every treatable point;
        // it does not depend on the pattern.
        let field = LossField::new(Preset::Norwood1, &LossSettings::default(), head, seed)
            .unwrap_or_else(|e| panic!("defaults are valid: {e}"));
        let lowest = HAIRLINE_RANGE.0 * k;
        let found = sites(
            head,
            density_per_cm2 / 100.0,
            1,
            &|q| field.full_head(q, lowest) > 0.0,
            seed ^ 0x5e55,
        );
        let mut rng = Rng::new(seed ^ 0xd075);
        let mut sites = Vec::with_capacity(found.len());
        sites.extend(
            found
                .into_iter()
                .map(|f| (f, core::array::from_fn(|_| rng.next_f32()))),
        );
        Self {
            density_per_cm2,
            sites,
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
pub fn impressions(
    plan: &Plan,
    worn: Hairstyle,
    head: &Head,
    loss: &LossField,
    seed: u64,
) -> Vec<Impression> {
    impressions_from(
        &Candidates::place(head, plan.placed_density(), seed),
        plan,
        worn,
        head,
        loss,
    )
}

/// The plan's impressions out of already placed sites (placed for `plan`'s density).
#[must_use]
pub fn impressions_from(
    candidates: &Candidates,
    plan: &Plan,
    worn: Hairstyle,
    head: &Head,
    loss: &LossField,
) -> Vec<Impression> {
    let k = head.params.scale;
    let mut out = Vec::with_capacity(candidates.sites.len());
    for (
        Frame {
            q,
            area,
            normal,
            ds,
            ..
        },
        [u_keep, u_session, u_size, u_pair, u_angle, u_gap],
    ) in &candidates.sites
    {
        if *u_keep >= (treated(plan, worn, loss, q, k) * area / OVERSAMPLE).min(1.0) {
            continue;
        }
        let session = SESSION_SHARE
            .iter()
            .position(|share| u_session < share)
            .unwrap_or(2);
        // A helmet is uniform: one size, one shade (§5.5).
        let uniform = plan.mistakes.too_dense;
        let k_plan = plan.k();
        let fine = fineness(plan, loss, q, k);
        out.push(Impression {
            position: q.p,
            normal: *normal,
            st: [q.s, q.t],
            diameter_mm: if uniform {
                plan.dot_mm
            } else {
                plan.dot_mm
                    * SESSION_SIZE[session]
                    * (0.8 + 0.4 * u_size)
                    * (1.0 - FINE_SIZE * fine)
            },
            k: if uniform {
                k_plan
            } else {
                // The pair's angle is spent only on pairs; its low digits are free and as
                // uniform for the shade of any dot.
                let u_shade = (u_angle * 64.0).fract();
                let jitter = 1.0 + DOT_SHADE_JITTER * (2.0 * u_shade - 1.0);
                (k_plan * SESSION_SHADE[session] * jitter * (1.0 - FINE_K * fine)).min(0.95)
            },
            session: session as u8 + 1,
            nominal: nominal(plan, fine),
            pair: (!uniform && *u_pair < PAIR_SHARE).then(|| {
                let along = normalize_or(*ds, Vec3::X);
                let across = normal.cross(along);
                let a = core::f32::consts::TAU * u_angle;
                let gap = PAIR_MM.0 + (PAIR_MM.1 - PAIR_MM.0) * u_gap;
                let (sa, ca) = sin_cos(a);
                q.p + (along * ca + across * sa) * gap
            }),
        });
    }
    out
}

/// The finer hairline work at q (see [`front_fineness`]), none for a helmet or a ruler line.
fn fineness(plan: &Plan, loss: &LossField, q: &crate::head::ScalpPoint, k: f32) -> f32 {
    if plan.mistakes.too_dense || plan.mistakes.ruler_hairline {
        0.0
    } else {
        front_fineness(plan, loss, q, k)
    }
}

/// Diameter and k as planned where the hairline work is `fine` (see [`Impression::nominal`]).
fn nominal(plan: &Plan, fine: f32) -> [f32; 2] {
    [
        plan.dot_mm * (1.0 - FINE_SIZE * fine),
        plan.k() * (1.0 - FINE_K * fine),
    ]
}

/// What the impressions laid around q take from each channel of the skin there, on average,
/// by their veils (see [`look::DotLook::veil`]), as seen at `t` on Monk `skin`: the planned
/// density times the veil of a dot as planned at q, session by session. Fractions of light,
/// no pixels.
///
/// The expectation, not a sum over the dots laid: summed over the dots within 3.5 mm of
/// each vertex, the veils varied by 18–34 % of their mean (one sd) from vertex to vertex, a
/// Poisson-like spread, since the blue-noise sites are thinned at random by the plan and its
/// sessions;
/// a healed top read as a mottled camouflage of pale blotches 5–10 mm across once its veils
/// were dark enough to be a clear shadow (renders, stop 17). The dots themselves, drawn,
/// keep the grain.
#[must_use]
pub fn veil(
    plan: &Plan,
    worn: Hairstyle,
    loss: &LossField,
    q: &crate::head::ScalpPoint,
    k: f32,
    t: &look::Timepoint,
    skin: u8,
) -> Vec3 {
    let mut shape = plan.hairline(k);
    if !plan.mistakes.ruler_hairline {
        shape.front_edge += VEIL_SOFTEN_MM * k;
        shape.temple_edge += VEIL_SOFTEN_MM * k;
    }
    let want = treated_under(plan, worn, loss, q, k, &shape);
    if t.session == 0 || want <= 0.0 {
        return Vec3::ZERO;
    }
    let fine = fineness(plan, loss, q, k);
    let [d, dot_k] = nominal(plan, fine);
    let mut sum = Vec3::ZERO;
    let mut last = 0.0;
    for (session, share) in (1..=t.session.min(3)).zip(SESSION_SHARE) {
        let imp = Impression {
            position: q.p,
            normal: Vec3::Z,
            st: [q.s, q.t],
            diameter_mm: d,
            k: dot_k,
            session,
            nominal: [d, dot_k],
            pair: None,
        };
        sum += look::look(&imp, t, &plan.mistakes, skin).veil * (share - last);
        last = share;
    }
    sum * (plan.placed_density() / 100.0 * want)
}

/// The estimate for a plan: area from the field, impressions from density × area.
#[must_use]
pub fn estimate(plan: &Plan, worn: Hairstyle, head: &Head, loss: &LossField) -> Estimate {
    let k = head.params.scale;
    let treated_cm2 = head
        .chart
        .integrate_cm2(|q| treated(plan, worn, loss, q, k));
    let total = plan.placed_density() * treated_cm2;
    let whole = total.round() as u32;
    // Sessions 1 and 3 lay 30 % each; session 2 takes the rest, so the parts sum to the whole.
    let outer = (total * 0.3).round() as u32;
    let per = [outer, whole - 2 * outer, outer];
    Estimate {
        treated_cm2,
        impressions_total: whole,
        impressions_per_session: per,
        sessions: 3,
        hours: total / IMPRESSIONS_PER_HOUR,
        touch_up_years: [3.0, 4.0],
    }
}
