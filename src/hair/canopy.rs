//! How much light long hair lying over a point of skin leaves it.
//!
//! Why: the renderer lights skin as if nothing but the head shadowed it, so the ear under a
//! fall of long hair was lit as brightly as a bare one, and wherever strands parted over its
//! bulge it showed through as a pink patch, from the front and in three-quarter views (renders,
//! stop 31). Under real hair the skin between the strands is in their shade.
//!
//! What: the hair's covered area (length × width) within [`REACH_MM`] of the point, over a
//! disc of that radius, is how many layers of hair lie about it; each lets through e^(−1) of
//! the light, as the ear tests count hiding (tests/hair.rs), with a floor for the light
//! scattered in between the strands. A sphere, not a column along the skin's normal: the
//! hull holds the hair 5–15 mm off the ear, and the ear's front edge, seen from in front,
//! faces past the hair lying over its side, so a column over it found none and it stayed
//! lit.

use glam::Vec3;

/// How far from the point hair counts (mm): about the depth of hair the hull holds over an
/// ear. [estimate]
const REACH_MM: f32 = 16.0;
/// Side of the cells hair is counted in (mm): light varies over the reach, not finer.
const CELL_MM: f32 = 4.0;

/// Share of light one layer of hair lets through, e^(−1) (by `powf`, which the build has
/// already: `expf` cost 0.8 KB of wasm).
const PER_LAYER: f32 = 0.367_879_44;

/// Least share of light left under any depth of hair: some scatters in between the strands.
/// At 0.3 an ear under five layers of dark brown hair still read beige through it from the
/// front. [estimate, by eye]
pub const FLOOR: f32 = 0.15;

/// Share of light the hair segments from `a` to `b`, `width` wide (mm), leave at each of
/// `points`: e^(−layers) of what lies above [`FLOOR`]. The points are one ear, a few
/// thousand. The segments' area is binned into [`CELL_MM`] cells over the points' box (each
/// piece of a segment no longer than a cell at its midpoint), and each point sums the cells
/// whose centres are within reach: summed piece by piece, an ear took half a second.
#[must_use]
#[inline(never)]
pub fn light(points: &[Vec3], a: &[Vec3], b: &[Vec3], width: &[f32]) -> Vec<f32> {
    let (lo, hi) = points
        .iter()
        .fold((Vec3::INFINITY, Vec3::NEG_INFINITY), |(lo, hi), &p| {
            (lo.min(p), hi.max(p))
        });
    let lo = lo - Vec3::splat(REACH_MM);
    let dims = ((hi + Vec3::splat(REACH_MM) - lo) / CELL_MM)
        .to_array()
        .map(|d| crate::math::ceil_i(d).max(1) as usize);
    let cell = |m: Vec3| {
        let c = ((m - lo) / CELL_MM).to_array();
        let mut at = 0;
        for k in (0..3).rev() {
            let i = crate::math::floor_i(c[k]);
            if i < 0 || i as usize >= dims[k] {
                return None;
            }
            at = at * dims[k] + i as usize;
        }
        Some(at)
    };
    let mut grid = vec![0.0f32; dims[0] * dims[1] * dims[2]];
    for ((&a, &b), &w) in a.iter().zip(b).zip(width) {
        let len = a.distance(b);
        let n = crate::math::ceil_i(len / CELL_MM).max(1);
        let step = (b - a) / n as f32;
        for j in 0..n {
            if let Some(at) = cell(a + step * (j as f32 + 0.5)) {
                grid[at] += w * len / n as f32;
            }
        }
    }
    let reach = crate::math::ceil_i(REACH_MM / CELL_MM);
    let disc = core::f32::consts::PI * REACH_MM * REACH_MM;
    points
        .iter()
        .map(|&p| {
            let c = ((p - lo) / CELL_MM).to_array().map(crate::math::floor_i);
            let span = |k: usize| {
                (c[k] - reach).max(0) as usize..((c[k] + reach + 1).max(0) as usize).min(dims[k])
            };
            let mut area = 0.0;
            for z in span(2) {
                for y in span(1) {
                    for x in span(0) {
                        let centre = lo + Vec3::new(x as f32, y as f32, z as f32) * CELL_MM;
                        let centre = centre + Vec3::splat(0.5 * CELL_MM);
                        if centre.distance_squared(p) < REACH_MM * REACH_MM {
                            area += grid[(z * dims[1] + y) * dims[0] + x];
                        }
                    }
                }
            }
            FLOOR + (1.0 - FLOOR) * libm::powf(PER_LAYER, area / disc)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_hair_within_reach() {
        // A sheet of 0.1 mm strands 0.2 mm apart, crossing y = 0: half a layer over the
        // disc in its plane. 8 mm off it, the disc it cuts from the sphere, 3/4 of that,
        // counted from cells' centres (the sheet lands in cells centred 2 mm nearer, and the
        // disc of whole cells is ragged): as if 4–10 mm off.
        let sheet = |times: usize| {
            let x = (0..400 * times).map(|i| -40.0 + 0.2 * (i % 400) as f32);
            let a: Vec<_> = x.clone().map(|x| Vec3::new(x, 0.0, -40.0)).collect();
            let b: Vec<_> = x.map(|x| Vec3::new(x, 0.0, 40.0)).collect();
            (a, b, vec![0.1; 400 * times])
        };
        let (a, b, w) = sheet(1);
        let points = [0.0, 8.0, REACH_MM + CELL_MM].map(|y| Vec3::new(0.0, y, 0.0));
        let lit = light(&points, &a, &b, &w);
        let layers = lit
            .iter()
            .map(|l| -((l - FLOOR) / (1.0 - FLOOR)).ln())
            .collect::<Vec<_>>();
        assert!(
            (layers[0] - 0.5).abs() < 0.03,
            "{} layers in the sheet",
            layers[0]
        );
        let off = |d: f32| 0.5 * (1.0 - d * d / (REACH_MM * REACH_MM));
        assert!(
            (off(10.0)..off(4.0)).contains(&layers[1]),
            "{} layers 8 mm off",
            layers[1]
        );
        assert_eq!(lit[2], 1.0, "out of reach, give or take a cell");
        assert_eq!(
            light(&[Vec3::new(60.0, 0.0, 0.0)], &a, &b, &w),
            [1.0],
            "beside"
        );
        // Under deep hair, the floor.
        let (a, b, w) = sheet(50);
        let deep = light(&points[..1], &a, &b, &w);
        assert!((deep[0] - FLOOR).abs() < 1e-6, "{}", deep[0]);
    }
}
