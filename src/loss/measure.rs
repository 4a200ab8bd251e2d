//! Measuring a pattern on its head, in real units, the way a clinician would: hairline
//! height along the midline, temple recession, crown patch, bridge, bald area, fringe.
//!
//! Every figure is read off the field (never off the preset's parameters), so tests can hold
//! presets to the literature ranges and the UI can state areas honestly.

use super::LossField;
use crate::head::{Head, ScalpPoint};

/// Density at or above which a point counts as haired (hairlines, fringes).
pub const HAIRED: f32 = 0.5;
/// Density below which a point counts as bald ("bare or nearly bare", §1.1) for areas and
/// the crown patch; a sparse bridge (20–50 %, §1.2) is thinning, not bald.
pub const BALD: f32 = 0.3;
/// Chart distance of the temple line the recession is measured on (mm, unscaled).
pub const TEMPLE_LINE_T: f32 = 45.0;
const STEP: f32 = 0.5;

/// A pattern's measurements (mm and cm²).
#[derive(Clone, Debug, PartialEq)]
pub struct Metrics {
    /// Mid-frontal hairline: arc length from the glabella along the midline.
    pub hairline_mm: f32,
    /// The trichion of this pattern: the midline hairline point (head frame, mm).
    pub trichion: Option<glam::Vec3>,
    /// Temple recession apex behind the mid-frontal point, sagittal (z) distance, left and
    /// right; and the apex's own position forward of the ear-canal coronal plane.
    pub temple_depth_mm: [f32; 2],
    pub temple_apex_z_mm: [f32; 2],
    /// Length along the midline of the bald patch over the whorl (0 if haired there).
    pub crown_mm: f32,
    /// Where the frontal bald area ends on the midline: first s behind the hairline zone
    /// with density ≥ [`BALD`] (the bridge or the hair behind the front).
    pub front_bald_to_mm: f32,
    /// Highest density on the midline 45–80 mm in front of the whorl, the bridge band.
    pub bridge_density: f32,
    /// The bridge's width on the midline at half its density or more.
    pub bridge_mm: f32,
    /// Bald (density < 0.5) part of the mature hair-bearing scalp.
    pub bald_cm2: f32,
    /// Hair lost, as area of native density: ∫ (1 − density) over the mature scalp.
    pub loss_cm2: f32,
    /// The mature hair-bearing scalp.
    pub hair_bearing_cm2: f32,
    /// Top of the back fringe above the ear-top line, on the midline (None if the top is
    /// haired all the way).
    pub fringe_back_mm: Option<f32>,
    /// Top of the side fringe above each ear top (left, right).
    pub fringe_side_mm: [Option<f32>; 2],
}

fn density(f: &LossField, q: &Option<ScalpPoint>) -> f32 {
    q.as_ref().map_or(0.0, |q| f.sample(q).density)
}

impl LossField {
    /// Measures this field on `head`.
    #[must_use]
    pub fn measure(&self, head: &Head) -> Metrics {
        let chart = &head.chart;
        let lm = &head.landmarks;
        let k = head.params.scale;
        let at = |s: f32, t: f32| chart.point(s, t);
        let walk = |t: f32, from: f32, to: f32| -> Vec<(f32, f32)> {
            let n = ((to - from) / STEP) as usize;
            (0..=n)
                .map(|i| from + i as f32 * STEP)
                .map(|s| (s, density(self, &at(s, t))))
                .collect()
        };
        let first_haired =
            |line: &[(f32, f32)]| line.iter().find(|(_, d)| *d >= HAIRED).map(|(s, _)| *s);

        let midline = walk(0.0, 15.0 * k, lm.nape_st[0]);
        let hairline_mm = first_haired(&midline).unwrap_or(f32::NAN);
        let trichion = at(hairline_mm, 0.0).map(|q| q.p);
        let mfp_z = trichion.map_or(f32::NAN, |p| p.z);
        let mut temple_depth_mm = [f32::NAN; 2];
        let mut temple_apex_z_mm = [f32::NAN; 2];
        for (i, sign) in [1.0f32, -1.0].into_iter().enumerate() {
            let line = walk(sign * TEMPLE_LINE_T * k, 15.0 * k, lm.nape_st[0]);
            if let Some(s) = first_haired(&line) {
                let z = at(s, sign * TEMPLE_LINE_T * k).map_or(f32::NAN, |q| q.p.z);
                temple_apex_z_mm[i] = z;
                temple_depth_mm[i] = mfp_z - z;
            }
        }

        let [ws, wt] = lm.whorl_st;
        let crown_line = walk(wt, ws - 120.0 * k, ws + 120.0 * k);
        let centre = crown_line.len() / 2;
        let crown_mm = if crown_line[centre].1 >= BALD {
            0.0
        } else {
            let back = crown_line[centre..]
                .iter()
                .position(|(_, d)| *d >= BALD)
                .unwrap_or(crown_line.len() - centre);
            let front = crown_line[..centre]
                .iter()
                .rev()
                .position(|(_, d)| *d >= BALD)
                .unwrap_or(centre);
            (back + front) as f32 * STEP
        };
        // From the mature hairline back: skip leading bald points, stop at the first with hair.
        let front_bald_to_mm = midline
            .iter()
            .skip_while(|(s, _)| *s < self.ctx.mature_mfp)
            .find(|(_, d)| *d >= BALD)
            .map_or(f32::NAN, |(s, _)| *s);
        let bridge_density = walk(0.0, ws - 80.0 * k, ws - 45.0 * k)
            .iter()
            .map(|(_, d)| *d)
            .fold(0.0, f32::max);
        // Its width: the run around its peak at half its density or more, on the midline
        // between the front area and the crown patch.
        let bridge_mm = {
            let line = walk(0.0, ws - 110.0 * k, ws - 30.0 * k);
            let half = 0.5 * bridge_density;
            let peak = line
                .iter()
                .position(|(_, d)| *d >= bridge_density)
                .unwrap_or(0);
            let back = line[peak..].iter().take_while(|(_, d)| *d >= half).count();
            let front = line[..peak]
                .iter()
                .rev()
                .take_while(|(_, d)| *d >= half)
                .count();
            if bridge_density > 0.0 {
                (back + front) as f32 * STEP
            } else {
                0.0
            }
        };

        let (bald, bearing) = (
            chart.integrate_cm2(|q| {
                let mature = self.mature(q) >= HAIRED;
                (mature && self.sample(q).density < BALD) as u8 as f32
            }),
            chart.integrate_cm2(|q| (self.mature(q) >= HAIRED) as u8 as f32),
        );
        let loss_cm2 = chart.integrate_cm2(|q| {
            let mature = self.mature(q);
            if mature >= HAIRED {
                (mature - self.sample(q).density).max(0.0)
            } else {
                0.0
            }
        });

        // Back fringe: from the nape up the midline, the last haired point.
        let ear_y = lm.ear_top_y();
        let back = walk(0.0, lm.vertex_st[0], lm.nape_st[0] - 15.0 * k);
        let fringe_back_mm = back
            .iter()
            .rev()
            .position(|(_, d)| *d < HAIRED)
            .filter(|&n| n > 0)
            .and_then(|n| at(back[back.len() - n].0, 0.0))
            .map(|q| q.p.y - ear_y);
        // Side fringe: from each ear top toward the midline along the chart's meridian.
        let fringe_side_mm = lm.ear_top.map(|top| {
            let [s, t] = chart.locate(top);
            let n = (t.abs() / STEP) as usize;
            let path: Vec<(f32, f32)> = (0..n)
                .map(|i| t - t.signum() * i as f32 * STEP)
                .map(|t| (t, density(self, &at(s, t))))
                .collect();
            let first = path.iter().position(|(_, d)| *d >= HAIRED)?;
            let top_of = path[first..].iter().position(|(_, d)| *d < HAIRED)?;
            at(s, path[first + top_of].0).map(|q| q.p.y - top.y)
        });
        Metrics {
            hairline_mm,
            trichion,

            temple_depth_mm,
            temple_apex_z_mm,
            crown_mm,
            front_bald_to_mm,
            bridge_density,
            bridge_mm,
            bald_cm2: bald,
            loss_cm2,

            hair_bearing_cm2: bearing,
            fringe_back_mm,
            fringe_side_mm,
        }
    }
}
