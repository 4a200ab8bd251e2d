//! Blue-noise points on the scalp chart, and the surface frame at a chart point.
//!
//! Follicles and SMP impressions are both placed by Bridson's Poisson-disk process in chart
//! millimetres over a coarse mask of where they may go, then thinned by density × the chart's
//! local area factor so the density per cm² of skin comes out right.

use super::{Head, ScalpChart, ScalpPoint};
use crate::math::{normalize_or, sin_cos, Rng};
use glam::Vec3;

/// Candidates per active point in Bridson's algorithm.
const TRIES: usize = 24;
/// Resolution of the region mask (mm).
const MASK_MM: f32 = 2.0;
/// Points per r² that `poisson` fills to with `TRIES` candidates (measured: 0.617; the often
/// quoted 0.68 is for many more candidates).
pub(crate) const BRIDSON_FILL: f32 = 0.617;
/// How much denser than needed the sampler runs before thinning.
pub(crate) const OVERSAMPLE: f32 = 1.15;

/// Poisson-disk points in a rectangle, kept only where `inside` (a coarse mask) allows.
fn poisson(
    s0: f32,
    s1: f32,
    t0: f32,
    t1: f32,
    r: f32,
    inside: &dyn Fn(f32, f32) -> bool,
    seed: u64,
) -> Vec<(f32, f32)> {
    let cell = r / core::f32::consts::SQRT_2;
    let cols = ((s1 - s0) / cell).ceil() as usize + 1;
    let rows = ((t1 - t0) / cell).ceil() as usize + 1;
    let mut grid = vec![u32::MAX; cols * rows];
    let mut pts: Vec<(f32, f32)> = Vec::new();
    let mut active: Vec<u32> = Vec::new();
    let mut rng = Rng::new(seed);
    let cell_of = |s: f32, t: f32| (((t - t0) / cell) as usize) * cols + ((s - s0) / cell) as usize;
    let far_enough = |grid: &[u32], pts: &[(f32, f32)], s: f32, t: f32| {
        let (cs, ct) = (((s - s0) / cell) as isize, ((t - t0) / cell) as isize);
        for dt in -2..=2 {
            for ds in -2..=2 {
                let (x, y) = (cs + ds, ct + dt);
                if x < 0 || y < 0 || x as usize >= cols || y as usize >= rows {
                    continue;
                }
                let k = grid[y as usize * cols + x as usize];
                if k != u32::MAX {
                    let (ps, pt) = pts[k as usize];
                    if (ps - s) * (ps - s) + (pt - t) * (pt - t) < r * r {
                        return false;
                    }
                }
            }
        }
        true
    };
    // Seed a start point in every mask cell region by scanning a coarse lattice, so separate
    // islands of hair (fringes, patches) all get filled.
    let step = 8.0 * r;
    let mut t = t0 + 0.5 * step;
    while t < t1 {
        let mut s = s0 + 0.5 * step;
        while s < s1 {
            if inside(s, t) && far_enough(&grid, &pts, s, t) {
                grid[cell_of(s, t)] = pts.len() as u32;
                active.push(pts.len() as u32);
                pts.push((s, t));
            }
            s += step;
        }
        t += step;
    }
    while let Some(&k) = active.last() {
        let (ps, pt) = pts[k as usize];
        let mut placed = false;
        for _ in 0..TRIES {
            let a = rng.next_f32() * core::f32::consts::TAU;
            let d = r * (1.0 + rng.next_f32());
            let (sa, ca) = sin_cos(a);
            let (s, t) = (ps + d * ca, pt + d * sa);
            if s < s0
                || s >= s1
                || t < t0
                || t >= t1
                || !inside(s, t)
                || !far_enough(&grid, &pts, s, t)
            {
                continue;
            }
            grid[cell_of(s, t)] = pts.len() as u32;
            active.push(pts.len() as u32);
            pts.push((s, t));
            placed = true;
            break;
        }
        if !placed {
            active.pop();
        }
    }
    pts
}

/// Blue-noise chart points over the scalp where `inside` holds (tested on a 2 mm mask dilated
/// by `dilate` cells), dense enough to thin to `per_mm2` on the skin.
pub(crate) fn scatter(
    head: &Head,
    per_mm2: f32,
    dilate: isize,
    inside: &dyn Fn(&ScalpPoint) -> bool,
    seed: u64,
) -> Vec<(f32, f32)> {
    let chart = &head.chart;
    let k = head.params.scale;
    let (s0, s1) = (
        chart.s_range().0.max(-220.0 * k),
        chart.s_range().1.min(head.landmarks.nape_st[0] + 30.0 * k),
    );
    let t_max = 185.0 * k;
    let (mc, mr) = (
        ((s1 - s0) / MASK_MM) as usize + 1,
        ((2.0 * t_max) / MASK_MM) as usize + 1,
    );
    let mut mask = vec![false; mc * mr];
    for j in 0..mr {
        for i in 0..mc {
            let (s, t) = (s0 + i as f32 * MASK_MM, -t_max + j as f32 * MASK_MM);
            mask[j * mc + i] = chart.point(s, t).is_some_and(|q| inside(&q));
        }
    }
    let near = |s: f32, t: f32| {
        let (i, j) = (
            ((s - s0) / MASK_MM) as isize,
            ((t + t_max) / MASK_MM) as isize,
        );
        (-dilate..=dilate).any(|dj| {
            (-dilate..=dilate).any(|di| {
                let (x, y) = (i + di, j + dj);
                x >= 0
                    && y >= 0
                    && (x as usize) < mc
                    && (y as usize) < mr
                    && mask[y as usize * mc + x as usize]
            })
        })
    };
    let r = (BRIDSON_FILL / (per_mm2 * OVERSAMPLE)).sqrt();
    poisson(s0, s1, -t_max, t_max, r, &near, seed)
}

/// The surface at chart (s, t): the point, the chart's tangent vectors (finite differences
/// over `h` mm), skin area per chart area, and the outward normal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Frame {
    pub q: ScalpPoint,
    pub ds: Vec3,
    pub dt: Vec3,
    pub area: f32,
    pub normal: Vec3,
}

pub(crate) fn frame(chart: &ScalpChart, s: f32, t: f32, h: f32) -> Option<Frame> {
    let (q, qs, qt) = (
        chart.point(s, t)?,
        chart.point(s + h, t)?,
        chart.point(s, t + h)?,
    );
    let (ds, dt) = ((qs.p - q.p) / h, (qt.p - q.p) / h);
    let mut normal = normalize_or(ds.cross(dt), Vec3::Y);
    if normal.dot(q.p) < 0.0 {
        normal = -normal;
    }
    Some(Frame {
        q,
        ds,
        dt,
        area: ds.cross(dt).length(),
        normal,
    })
}

/// Blue-noise points with their surface frames, placed once per head and seed and thinned
/// per pattern: evaluating a frame is three chart look-ups, the larger part of a rebuild.
pub(crate) fn sites(
    head: &Head,
    per_mm2: f32,
    dilate: isize,
    inside: &dyn Fn(&ScalpPoint) -> bool,
    seed: u64,
) -> Vec<Frame> {
    let h = 0.5 * head.params.scale;
    let points = scatter(head, per_mm2, dilate, inside, seed);
    let mut out = Vec::with_capacity(points.len());
    out.extend(
        points
            .into_iter()
            .filter_map(|(s, t)| frame(&head.chart, s, t, h)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bridson_fill_constant_is_measured() {
        for r in [0.8f32, 0.9, 1.0] {
            let pts = poisson(0.0, 200.0, 0.0, 200.0, r, &|_, _| true, 3);
            // Count away from the borders.
            let n = pts
                .iter()
                .filter(|(s, t)| (20.0..180.0).contains(s) && (20.0..180.0).contains(t))
                .count();
            let fill = n as f32 / (160.0 * 160.0) * r * r;
            assert!(
                (fill / BRIDSON_FILL - 1.0).abs() < 0.03,
                "r {r}: fill {fill}"
            );
        }
    }
}
