//! Thin strands (hair shafts, and the shafts' shadow under the skin), drawn with coverage
//! conservation: a strand narrower than a pixel deposits its true area (length × width, in
//! pixels²) spread bilinearly, so the average tone of a region does not depend on the
//! resolution it is rendered at (research/tech.md §3.1–3.2).
//!
//! Deposits accumulate per pixel in the strands' fixed order; coverage is the deposited area
//! itself, capped at one pixel. Linear is what keeps the mean: a saturating curve such as
//! 1 − e^(−a) made 512² frames 4.3 % darker than 2048² frames averaged down, because low
//! resolution lumps many strands into one pixel (measured in tests/hair.rs).

use super::prepare::Projected;
use super::raster::{VisBuffer, EMPTY};

/// Fraction of a pixel covered by accumulated strand area `a` (pixels²).
#[inline]
#[must_use]
pub fn coverage(a: f32) -> f32 {
    a.min(1.0)
}

/// Relative depth slack for "the root is on the visible surface".
const DEPTH_SLACK: f32 = 0.004;

/// Calls `deposit(strand, pixel, area)` for every pixel of the band the visible strands
/// cover, from the strands' projections (`super::prepare`).
pub fn splat(
    projected: &[Option<Projected>],
    vis: &VisBuffer,
    mut deposit: impl FnMut(usize, usize, f32),
) {
    let w = vis.width;
    if w == 0 {
        return;
    }
    let (y0, y1) = (vis.y0, vis.y0 + vis.rows());
    let (wf, y0f, y1f) = (w as f32, y0 as f32, y1 as f32);
    for (k, p) in projected.iter().enumerate() {
        let Some(Projected {
            xa,
            ya,
            iza,
            xb,
            yb,
            width,
        }) = *p
        else {
            continue;
        };
        if xa < 0.0 || ya < y0f || xa >= wf || ya >= y1f {
            continue;
        }
        let root = (ya as usize - y0) * w + xa as usize;
        if vis.id[root] == EMPTY || iza < vis.inv_z[root] * (1.0 - DEPTH_SLACK) {
            continue;
        }
        let (dx, dy) = (xb - xa, yb - ya);
        let len = (dx * dx + dy * dy).sqrt();
        // A strand seen end-on still covers its cross-section.
        let area = (len * width).max(0.785 * width * width);
        let steps = (len * 2.0).ceil().max(1.0) as usize;
        let per = area / steps as f32;
        let spread = width.max(1.0);
        for i in 0..steps {
            let f = (i as f32 + 0.5) / steps as f32;
            let (x, y) = (xa + dx * f - 0.5, ya + dy * f - 0.5);
            let dot = len < 1.0;
            // A dot up to 2.5 px across is well served by the bilinear 2×2 footprint; a disc
            // there cost nine deposits instead of one (Chromium 1024²: 96 against 66 ms).
            if spread <= 1.0 || (dot && spread < 2.5) {
                bilinear(x, y, w, (y0, y1), per, |p, a| deposit(k, p, a));
            } else if dot {
                // A dot seen face-on, wider than a pixel (close-up): a round footprint with
                // an anti-aliased rim, coverage at most about 1 (a peaked kernel went past 1
                // at the centre, where coverage is capped, and lost 10 % of a dense field's
                // darkening at 2048² against 512²).
                disc(x, y, spread, w, (y0, y1), per, |p, a| deposit(k, p, a));
            } else {
                // Wider than a pixel (close-up): a box of the strand's width.
                let n = spread.ceil() as usize;
                let cell = per / (n * n) as f32;
                for j in 0..n {
                    for i in 0..n {
                        let ox = (i as f32 + 0.5) / n as f32 * spread - 0.5 * spread;
                        let oy = (j as f32 + 0.5) / n as f32 * spread - 0.5 * spread;
                        bilinear(x + ox, y + oy, w, (y0, y1), cell, |p, a| deposit(k, p, a));
                    }
                }
            }
        }
    }
}

/// Spreads `area` over a disc of diameter `spread` pixels centred on (x, y) + ½, weight 1
/// inside and falling to 0 over the pixel at its rim.
fn disc(
    x: f32,
    y: f32,
    spread: f32,
    w: usize,
    rows: (usize, usize),
    area: f32,
    mut put: impl FnMut(usize, f32),
) {
    let n = spread.ceil() as usize + 1;
    let r = 0.5 * spread;
    let weight = |i: usize, j: usize| {
        let ox = (i as f32 + 0.5) / n as f32 * spread - r;
        let oy = (j as f32 + 0.5) / n as f32 * spread - r;
        (
            ox,
            oy,
            (r + 0.5 - (ox * ox + oy * oy).sqrt()).clamp(0.0, 1.0),
        )
    };
    let total: f32 = (0..n * n).map(|c| weight(c % n, c / n).2).sum();
    if total <= 0.0 {
        return;
    }
    for c in 0..n * n {
        let (ox, oy, wt) = weight(c % n, c / n);
        if wt > 0.0 {
            bilinear(x + ox, y + oy, w, rows, area * wt / total, &mut put);
        }
    }
}

fn bilinear(
    x: f32,
    y: f32,
    w: usize,
    (y0, y1): (usize, usize),
    area: f32,
    mut put: impl FnMut(usize, f32),
) {
    if x < -1.0 || y < -1.0 {
        return;
    }
    let (fx, fy) = (x.floor(), y.floor());
    let (tx, ty) = (x - fx, y - fy);
    let (ix, iy) = (fx as isize, fy as isize);
    for (ox, oy, wgt) in [
        (0, 0, (1.0 - tx) * (1.0 - ty)),
        (1, 0, tx * (1.0 - ty)),
        (0, 1, (1.0 - tx) * ty),
        (1, 1, tx * ty),
    ] {
        let (px, py) = (ix + ox, iy + oy);
        if px >= 0 && py >= y0 as isize && (px as usize) < w && (py as usize) < y1 {
            put((py as usize - y0) * w + px as usize, area * wgt);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::coverage;

    #[test]
    fn coverage_is_the_area_up_to_a_full_pixel() {
        assert_eq!(coverage(0.25), 0.25);
        assert_eq!(coverage(3.0), 1.0);
    }
}
