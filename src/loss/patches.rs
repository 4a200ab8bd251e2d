//! Patches and scars: alopecia areata, the FUT strip scar and FUE dot scars
//! (research/domain.md §3.2–3.4). Each can stand alone as a preset on a mature head of hair,
//! or be added to any pattern.

use super::preset::Preset;
use super::{check, ramp, Ctx, LossError, LossSettings};
use crate::head::{Head, ScalpPoint};
use crate::math::{sin_cos, Rng};

/// Alopecia areata: round or oval, sharply bounded "coin-sized" patches (§3.2: 1–4 cm).
#[derive(Clone, Debug, PartialEq)]
pub struct Areata {
    pub count: u32,
    /// Mean patch diameter; each patch varies ±30 % (mm).
    pub diameter_mm: f32,
}

impl Default for Areata {
    fn default() -> Self {
        Self {
            count: 3,
            diameter_mm: 25.0,
        }
    }
}

/// FUT strip scar across the occiput (§3.3 modelling defaults).
#[derive(Clone, Debug, PartialEq)]
pub struct FutScar {
    /// Along the scalp, ear toward ear (18–25 cm typical).
    pub length_mm: f32,
    /// Healed width (2 mm typical; 0.5–10).
    pub width_mm: f32,
    /// Height of its midline point above the inion (1–3 cm typical).
    pub above_inion_mm: f32,
}

impl Default for FutScar {
    fn default() -> Self {
        Self {
            length_mm: 200.0,
            width_mm: 2.0,
            above_inion_mm: 20.0,
        }
    }
}

/// FUE punch scars: a blue-noise scatter over the donor band (§3.4 modelling default).
#[derive(Clone, Debug, PartialEq)]
pub struct FueScars {
    /// One per graft (1,500–4,000 per session typical).
    pub count: u32,
    /// Healed scar diameter (0.7–1.0 mm punches).
    pub diameter_mm: f32,
    /// Donor band along the scalp around the back (about 15 cm) and its height (about 6 cm).
    pub band_width_mm: f32,
    pub band_height_mm: f32,
}

impl Default for FueScars {
    fn default() -> Self {
        Self {
            count: 2000,
            diameter_mm: 0.9,
            band_width_mm: 150.0,
            band_height_mm: 60.0,
        }
    }
}

impl Areata {
    pub fn validate(&self) -> Result<(), LossError> {
        check(
            "loss.areata.count",
            self.count as f32,
            (1.0, 12.0),
            " patches",
        )?;
        check(
            "loss.areata.diameter-mm",
            self.diameter_mm,
            (10.0, 60.0),
            " mm",
        )
    }
}

impl FutScar {
    pub fn validate(&self) -> Result<(), LossError> {
        check("loss.fut.length-mm", self.length_mm, (80.0, 300.0), " mm")?;
        check("loss.fut.width-mm", self.width_mm, (0.5, 10.0), " mm")?;
        check(
            "loss.fut.above-inion-mm",
            self.above_inion_mm,
            (0.0, 40.0),
            " mm",
        )
    }
}

impl FueScars {
    pub fn validate(&self) -> Result<(), LossError> {
        check(
            "loss.fue.count",
            self.count as f32,
            (100.0, 4000.0),
            " scars",
        )?;
        check("loss.fue.diameter-mm", self.diameter_mm, (0.6, 1.2), " mm")?;
        check(
            "loss.fue.band-width-mm",
            self.band_width_mm,
            (80.0, 250.0),
            " mm",
        )?;
        check(
            "loss.fue.band-height-mm",
            self.band_height_mm,
            (30.0, 90.0),
            " mm",
        )?;
        let area = self.band_width_mm * self.band_height_mm;
        let max = (area / (2.0 * self.diameter_mm * self.diameter_mm)) as u32;
        if self.count > max {
            return Err(LossError {
                field: "loss.fue.count".into(),
                message: format!("{} scars do not fit the band; accepted: up to {max} for this band and diameter", self.count),
            });
        }
        Ok(())
    }
}

/// Position around the back of the head: arc length from the back midline along the
/// horizontal (mm, + toward the client's left) and height above the inion (mm).
fn occipital(q: &ScalpPoint, inion_y: f32) -> (f32, f32) {
    let r = (q.p.x * q.p.x + q.p.z * q.p.z).sqrt();
    (libm::atan2f(q.p.x, -q.p.z) * r, q.p.y - inion_y)
}

#[derive(Clone, Debug)]
struct Patch {
    s: f32,
    t: f32,
    /// Semi-axes (mm) and the rotation as (cos, sin).
    a: f32,
    b: f32,
    rot: (f32, f32),
}

/// Dots in (arc, height) coordinates, binned for lookup.
#[derive(Clone, Debug, Default)]
struct DotGrid {
    dots: Vec<(f32, f32)>,
    radius: f32,
    cell: f32,
    origin: (f32, f32),
    cols: usize,
    rows: usize,
    bins: Vec<Vec<u32>>,
}

impl DotGrid {
    fn bin(&self, x: f32, y: f32) -> Option<usize> {
        let cx = ((x - self.origin.0) / self.cell).floor();
        let cy = ((y - self.origin.1) / self.cell).floor();
        if cx < 0.0 || cy < 0.0 || cx as usize >= self.cols || cy as usize >= self.rows {
            return None;
        }
        Some(cy as usize * self.cols + cx as usize)
    }

    fn nearest2(&self, x: f32, y: f32) -> f32 {
        let mut best = f32::INFINITY;
        for dy in [-1.0, 0.0, 1.0] {
            for dx in [-1.0, 0.0, 1.0] {
                if let Some(b) = self.bin(x + dx * self.cell, y + dy * self.cell) {
                    for &i in &self.bins[b] {
                        let (px, py) = self.dots[i as usize];
                        best = best.min((px - x) * (px - x) + (py - y) * (py - y));
                    }
                }
            }
        }
        best
    }
}

/// The overlays in force, made concrete.
#[derive(Clone, Debug, Default)]
pub(super) struct Overlays {
    patches: Vec<Patch>,
    fut: Option<FutScar>,
    fue: Option<DotGrid>,
    inion_y: f32,
    k: f32,
}

impl Overlays {
    pub(super) fn new(
        preset: Preset,
        settings: &LossSettings,
        c: &Ctx,
        head: &Head,
        seed: u64,
    ) -> Result<Self, LossError> {
        let k = c.k;
        let areata = settings
            .areata
            .clone()
            .or_else(|| (preset == Preset::AlopeciaAreata).then(Areata::default));
        let fut = settings
            .fut
            .clone()
            .or_else(|| (preset == Preset::FutScar).then(FutScar::default));
        let fue = settings
            .fue
            .clone()
            .or_else(|| (preset == Preset::FueScars).then(FueScars::default));
        let mut out = Self {
            fut,
            inion_y: c.lm.inion.y,
            k,
            ..Self::default()
        };
        if let Some(a) = areata {
            a.validate()?;
            out.patches = place_patches(&a, c, seed);
        }
        if let Some(f) = &out.fut {
            f.validate()?;
        }
        if let Some(f) = fue {
            f.validate()?;
            out.fue = Some(scatter(&f, k, seed));
        }
        let _ = head;
        Ok(out)
    }

    /// Whether any scar is laid over the pattern.
    pub(super) fn has_scars(&self) -> bool {
        self.fut.is_some() || self.fue.is_some()
    }

    /// (hair kept 0..=1, scar 0..=1) at q.
    pub(super) fn at(&self, q: &ScalpPoint) -> (f32, f32) {
        let mut keep: f32 = 1.0;
        let mut scar: f32 = 0.0;
        for p in &self.patches {
            let (ds, dt) = (q.s - p.s, q.t - p.t);
            let u = (ds * p.rot.0 + dt * p.rot.1) / p.a;
            let v = (-ds * p.rot.1 + dt * p.rot.0) / p.b;
            let r = (u * u + v * v).sqrt();
            // Sharply bounded (§3.2): a 3 mm edge.
            keep = keep.min(ramp((r - 1.0) * p.b, 3.0 * self.k));
        }
        if self.fut.is_some() || self.fue.is_some() {
            let (arc, h) = occipital(q, self.inion_y);
            if let Some(f) = &self.fut {
                let half = 0.5 * f.length_mm * self.k;
                let w = 0.5 * f.width_mm * self.k;
                let u = (arc / half).clamp(-1.0, 1.0);
                // Curving up toward both sides (§3.3).
                let centre = (f.above_inion_mm + 15.0 * u * u) * self.k;
                let along = (arc.abs() - (half - w)).max(0.0);
                let across = h - centre;
                let d = (along * along + across * across).sqrt() - w;
                let inside = 1.0 - ramp(d, 0.3 * self.k);
                scar = scar.max(inside);
                keep = keep.min(1.0 - inside);
            }
            if let Some(g) = &self.fue {
                let d = g.nearest2(arc, h).sqrt() - g.radius;
                let inside = 1.0 - ramp(d, 0.1 * self.k);
                scar = scar.max(inside);
                keep = keep.min(1.0 - inside);
            }
        }
        (keep, scar)
    }
}

fn place_patches(a: &Areata, c: &Ctx, seed: u64) -> Vec<Patch> {
    let k = c.k;
    let mut rng = Rng::new(seed ^ 0xa1e5);
    let (s_lo, s_hi) = (c.mature_mfp + 30.0 * k, c.lm.inion_st[0] + 15.0 * k);
    let mut out: Vec<Patch> = Vec::new();
    let mut tries = 0;
    while out.len() < a.count as usize && tries < 1000 {
        tries += 1;
        let d = a.diameter_mm * k * (0.7 + 0.6 * rng.next_f32());
        let aspect = 0.75 + 0.25 * rng.next_f32();
        let s = s_lo + (s_hi - s_lo) * rng.next_f32();
        let t = (rng.next_f32() * 2.0 - 1.0) * 75.0 * k;
        let angle = rng.next_f32() * core::f32::consts::PI;
        // Patches may touch and merge, but not sit inside one another.
        if out.iter().any(|p| {
            let (ds, dt) = (p.s - s, p.t - t);
            (ds * ds + dt * dt).sqrt() < 0.6 * (p.a + 0.5 * d)
        }) {
            continue;
        }
        let (sa, ca) = sin_cos(angle);
        out.push(Patch {
            s,
            t,
            a: 0.5 * d,
            b: 0.5 * d * aspect,
            rot: (ca, sa),
        });
    }
    out
}

/// Dart throwing with a minimum spacing: blue noise, no grid (§3.4).
fn scatter(f: &FueScars, k: f32, seed: u64) -> DotGrid {
    let (w, h) = (f.band_width_mm * k, f.band_height_mm * k);
    // The band sits from 2.2 cm below to 3.8 cm above the inion when 6 cm high, inside the
    // permanent donor zone and above the nape hairline (at 2.5 below, once the nape hairline
    // rose 2 mm, 3.5 % of a 5.5 cm band's scars fell on the bare nape behind the ears).
    let origin = (-0.5 * w, -h * (22.0 / 60.0));

    let area = w * h;
    let spacing = 0.75 * (area / f.count as f32).sqrt();
    let cell = spacing.max(f.diameter_mm * k);
    let cols = (w / cell).ceil() as usize + 1;
    let rows = (h / cell).ceil() as usize + 1;
    let mut g = DotGrid {
        radius: 0.5 * f.diameter_mm * k,
        cell,
        origin,
        cols,
        rows,
        bins: vec![Vec::new(); cols * rows],
        dots: Vec::new(),
    };
    let mut rng = Rng::new(seed ^ 0xf0e5);
    let mut tries = 0u32;
    while g.dots.len() < f.count as usize && tries < 60 * f.count {
        tries += 1;
        let x = origin.0 + w * rng.next_f32();
        let y = origin.1 + h * rng.next_f32();
        if g.nearest2(x, y) < spacing * spacing {
            continue;
        }
        let b = g.bin(x, y).expect("inside the band");
        g.bins[b].push(g.dots.len() as u32);
        g.dots.push((x, y));
    }
    g
}
