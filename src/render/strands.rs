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
use crate::math::{ceil_i, floor_i, smoothstep, Rng};
use crate::scene::DotCore;

/// Fraction of a pixel covered by accumulated strand area `a` (pixels²).
#[inline]
#[must_use]
pub fn coverage(a: f32) -> f32 {
    a.min(1.0)
}

/// How much wider than the strand a `soft` strand's footprint is, with a tent profile across
/// it: the shafts' shadows under the skin, drawn as boxes up close, read as crisp dashes of
/// rain on a razor-shaved side (practitioner reviews, stops 10 and 11).
pub const SOFT_FOOTPRINT: f32 = 2.0;

/// Widest dot (px) drawn as a separable [`blot`] rather than a disc. At 2.5, once healed
/// halos grew (stop 14), 3,600 of a 1024² budget frame's 26,000 visible dots were 2.5–4 px
/// discs, about 7 ms of the frame natively; a 3.5 px dot as a blot keeps its area and its
/// profile's darkness and loses only an outline no one resolves at that size.
const DOT_BLOT_PX: f32 = 3.5;

/// Relative depth slack for "the root is on the visible surface".
const DEPTH_SLACK: f32 = 0.004;

/// One pixel's share of a strand: band pixel index, the area laid there (pixels²) and how
/// much of the strand's colour it brings, the same area except for a dot's `core`, which
/// brings extra colour without extra cover.
pub type Deposit = (u32, f32, f32);

/// Calls `apply(strand, deposits)` for every visible strand touching the band, with its
/// [`Deposit`]s, from the strands' projections (`super::prepare`); `soft` strands wider than
/// a pixel spread over [`SOFT_FOOTPRINT`] times their width. The first strands, one for each
/// of `free_tips` (their tips' reciprocal depths), are free of the skin (see
/// [`crate::scene::Strands::free`]). `apply` is a trait object
/// called once a strand, so the wasm holds one copy of this function, not one per caller
/// (10 KB raw, 2.3 KB gzipped), without an indirect call per pixel.
pub fn splat(
    projected: &[Option<Projected>],
    core: Option<DotCore>,
    (soft, fade, free_tips): (bool, bool, &[f32]),
    vis: &VisBuffer,
    apply: &mut dyn FnMut(usize, &[Deposit]),
) {
    let w = vis.width;
    if w == 0 {
        return;
    }
    let mut buf: Vec<Deposit> = Vec::with_capacity(64);
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
        let free = k < free_tips.len();
        if xa < 0.0 || ya < y0f || xa >= wf || ya >= y1f {
            continue;
        }
        let root = (ya as usize - y0) * w + xa as usize;
        // Over the backdrop `inv_z` is nought: a free strand starting there is drawn.
        if (!free && vis.id[root] == EMPTY) || iza < vis.inv_z[root] * (1.0 - DEPTH_SLACK) {
            continue;
        }
        let (dx, dy) = (xb - xa, yb - ya);
        let len = (dx * dx + dy * dy).sqrt();
        // A strand seen end-on still covers its cross-section.
        let area = (len * width).max(0.785 * width * width);
        // Free strands are long hair, an opaque mass many strands deep: a step a pixel
        // keeps their area and halves the frame's deposits.
        let steps = (len * if free { 1.0 } else { 2.0 }).ceil().max(1.0) as usize;
        let per = area / steps as f32;
        let spread = width.max(1.0);
        let dot = len < 1.0;
        // The core's extra colour, in area units: its share of the dot's area times the gain.
        let core = core
            .filter(|_| dot)
            .map(|c| (c.ratio, c.ratio * c.ratio * c.gain));
        for i in 0..steps {
            let f = (i as f32 + 0.5) / steps as f32;
            let (x, y) = (xa + dx * f - 0.5, ya + dy * f - 0.5);
            // A free strand runs far from its root (a hanging one 100 px at 2048²), in and
            // out of view: where it passes behind the skin it is hidden there. Reciprocal
            // depth is affine on screen.
            if free && behind(vis, (x + 0.5, y + 0.5), iza + (free_tips[k] - iza) * f) {
                continue;
            }
            // Fading strands lay twice their mean at `a` and none at `b` (midpoint weights of
            // a linear ramp sum exactly to the step count), and blur to twice as wide.
            let (per, blur) = if fade {
                (per * 2.0 * (1.0 - f), 1.0 + f)
            } else {
                (per, 1.0)
            };
            // A dot up to 2.5 px across is well served by the bilinear 2×2 footprint; a disc
            // there cost nine deposits instead of one (Chromium 1024²: 96 against 66 ms).
            if spread <= 1.0 {
                let extra = core.map_or(0.0, |c| c.1);
                bilinear(x, y, w, (y0, y1), per, |p, a| {
                    buf.push((p as u32, a, a * (1.0 + extra)));
                });
            } else if dot && spread < DOT_BLOT_PX {
                // A dot one to [`DOT_BLOT_PX`] across: a separable blot, softer than the 2×2
                // bilinear footprint, which packed a 2 px dot into four pixels and drew the
                // field at conversation distance as pepper; cheaper than a disc.
                let extra = core.map_or(0.0, |c| c.1);
                blot((x, y), spread, w, (y0, y1), per, |p, a| {
                    buf.push((p as u32, a, a * (1.0 + extra)))
                });
            } else if dot {
                // A dot seen face-on, wider than a pixel (close-up): see [`disc`].
                let shape = Outline::of(k as u32);
                disc(
                    x,
                    y,
                    spread,
                    core,
                    shape,
                    w,
                    (y0, y1),
                    per,
                    |p, cover, dark| {
                        buf.push((p as u32, cover, dark));
                    },
                );
            } else if soft {
                // Wider than a pixel and soft: across the strand a tent [`SOFT_FOOTPRINT`]
                // times its width, along it the box (a taper at the root parted a shadow from
                // its shaft's cut end), the weights summing to one.
                let (ux, uy) = if len > 0.0 {
                    (dx / len, dy / len)
                } else {
                    (1.0, 0.0)
                };
                let foot = spread * SOFT_FOOTPRINT * blur;
                // A fading strand has no square end to soften, and its steps, half a pixel
                // apart, already fill its length: a box along it too cost 2048² frames of a
                // razor-shaved head twice the time.
                let along = if fade { 1 } else { spread.ceil() as usize };
                let across = foot.ceil() as usize;
                let tent =
                    |i: usize| 1.0 - 0.9 * ((i as f32 + 0.5) / across as f32 * 2.0 - 1.0).abs();
                let total: f32 = (0..across).map(tent).sum();
                let norm = per / (total * along as f32);
                for j in 0..along {
                    let a = ((j as f32 + 0.5) / along as f32 - 0.5) * spread;
                    for i in 0..across {
                        let b = ((i as f32 + 0.5) / across as f32 - 0.5) * foot;
                        let cell = norm * tent(i);
                        bilinear(
                            x + ux * a - uy * b,
                            y + uy * a + ux * b,
                            w,
                            (y0, y1),
                            cell,
                            |p, a| {
                                buf.push((p as u32, a, a));
                            },
                        );
                    }
                }
            } else if free {
                // Wider than a pixel, free: across only, as its steps are a pixel apart.
                let (ux, uy) = if len > 0.0 {
                    (dx / len, dy / len)
                } else {
                    (1.0, 0.0)
                };
                let n = spread.ceil() as usize;
                let cell = per / n as f32;
                for i in 0..n {
                    let b = ((i as f32 + 0.5) / n as f32 - 0.5) * spread;
                    bilinear(x - uy * b, y + ux * b, w, (y0, y1), cell, |p, a| {
                        buf.push((p as u32, a, a));
                    });
                }
            } else {
                // Wider than a pixel (close-up): a box of the strand's width.
                let n = spread.ceil() as usize;
                let cell = per / (n * n) as f32;
                for j in 0..n {
                    for i in 0..n {
                        let ox = (i as f32 + 0.5) / n as f32 * spread - 0.5 * spread;
                        let oy = (j as f32 + 0.5) / n as f32 * spread - 0.5 * spread;
                        bilinear(x + ox, y + oy, w, (y0, y1), cell, |p, a| {
                            buf.push((p as u32, a, a));
                        });
                    }
                }
            }
        }
        if !buf.is_empty() {
            apply(k, &buf);
            buf.clear();
        }
    }
}

/// Whether the skin at pixel `(x, y)` of the band (if it lies in it) is nearer than `iz`.
#[inline]
fn behind(vis: &VisBuffer, (x, y): (f32, f32), iz: f32) -> bool {
    let (w, y0) = (vis.width, vis.y0);
    if x < 0.0 || y < y0 as f32 || x >= w as f32 || y >= (y0 + vis.rows()) as f32 {
        return false;
    }
    let p = (y as usize - y0) * w + x as usize;
    iz < vis.inv_z[p] * (1.0 - DEPTH_SLACK)
}

/// Lays a dot of diameter `spread` pixels centred on (x, y) + ½, of `area` pixels². Its cover
/// is a flat disc with an anti-aliased rim, at most 1 a pixel (a peaked cover went past 1 at
/// the centre, where coverage is capped, and lost 10 % of a dense field's darkening at 2048²
/// against 512²). Its colour follows a soft profile: level to 0.4 of the radius, fading out
/// by 1.15 of it (light scattered in the skin has no edge), plus the `core`'s disc. Each part
/// is normalised to its own total, so what the dot removes does not depend on its size in
/// pixels.
#[allow(clippy::too_many_arguments)]
fn disc(
    x: f32,
    y: f32,
    spread: f32,
    core: Option<(f32, f32)>,
    shape: Outline,
    w: usize,
    (y0, y1): (usize, usize),
    area: f32,
    mut put: impl FnMut(usize, f32, f32),
) {
    let r = 0.5 * spread;
    let (rc, extra) = core.map_or((0.0, 0.0), |(ratio, extra)| (r * ratio, extra));
    let reach = HALO_OUT * r + 1.0;
    // Totals over the whole footprint, whatever the frame or band clips: a dot at an edge
    // keeps its strength, and a banded frame its bytes.
    let (xs, xe) = (floor_i(x - reach), ceil_i(x + reach));
    let (ys, ye) = (floor_i(y - reach), ceil_i(y + reach));
    let weights = |i: isize, j: isize| {
        let (dx, dy) = (i as f32 - x, j as f32 - y);
        let d = shape.distance(dx, dy);
        (
            (r + 0.5 - d).clamp(0.0, 1.0),
            1.0 - smoothstep(HALO_LEVEL * r, HALO_OUT * r, d),
            (rc + 0.5 - d).clamp(0.0, 1.0),
        )
    };
    let (mut sc, mut sh, mut sk) = (0.0, 0.0, 0.0);
    for j in ys..=ye {
        for i in xs..=xe {
            let (c, h, k) = weights(i, j);
            sc += c;
            sh += h;
            sk += k;
        }
    }
    if sc <= 0.0 || sh <= 0.0 {
        return;
    }
    let (fc, fh) = (area / sc, area / sh);
    let fk = if sk > 0.0 { area * extra / sk } else { 0.0 };
    let (xs, xe) = (xs.max(0), xe.min(w as isize - 1));
    let (ys, ye) = (ys.max(y0 as isize), ye.min(y1 as isize - 1));
    for j in ys..=ye {
        for i in xs..=xe {
            let (c, h, k) = weights(i, j);
            if c > 0.0 || h > 0.0 {
                put((j as usize - y0) * w + i as usize, c * fc, h * fh + k * fk);
            }
        }
    }
}

/// A dot's outline: its radius wanders with direction by a second and a third harmonic of
/// random phase, up to [`Outline::WOBBLE`] of it. Needle punctures heal into irregular
/// blots, not circles; drawn round, healed dots read up close as printed discs (practitioner
/// reviews, stops 12 and 13). [estimate, by eye]
#[derive(Clone, Copy, Debug)]
struct Outline {
    /// Harmonic 2's and 3's amplitude times the cosine and sine of their phases.
    h2: (f32, f32),
    h3: (f32, f32),
}

impl Outline {
    /// Largest amplitude of the second and the third harmonic: at 0.14 each, dots read as
    /// triangles.
    const WOBBLE: (f32, f32) = (0.12, 0.05);

    /// The outline of dot `k`: a function of its index alone, so any frame size and band
    /// draws the same shape.
    fn of(k: u32) -> Self {
        let mut rng = Rng::new(u64::from(k) ^ 0x0b10_7ed0);
        // A random direction without trigonometry: a point in the square, normalised; its
        // amplitude a third draw.
        let mut phase = |most: f32| {
            let (u, v) = (2.0 * rng.next_f32() - 1.0, 2.0 * rng.next_f32() - 1.0);
            let n = (u * u + v * v).sqrt().max(1e-3);
            let a = most * (0.5 + 0.5 * rng.next_f32());
            (a * u / n, a * v / n)
        };
        let h2 = phase(Self::WOBBLE.0);
        Self {
            h2,
            h3: phase(Self::WOBBLE.1),
        }
    }

    /// The distance from the centre of (dx, dy) as a round dot's profile takes it: shorter
    /// where the outline bulges out.
    #[inline]
    fn distance(self, dx: f32, dy: f32) -> f32 {
        let d = (dx * dx + dy * dy).sqrt();
        if d < 1e-3 {
            return d;
        }
        let (c, s) = (dx / d, dy / d);
        // cos 2θ, sin 2θ, cos 3θ, sin 3θ from the direction's cosine and sine.
        let (c2, s2) = (c * c - s * s, 2.0 * c * s);
        let (c3, s3) = (c * c2 - s * s2, s * c2 + c * s2);
        let bulge = self.h2.0 * c2 + self.h2.1 * s2 + self.h3.0 * c3 + self.h3.1 * s3;
        d / (1.0 + bulge)
    }
}

/// Where a dot's colour starts to fade and where it has gone, over its radius.
const HALO_LEVEL: f32 = 0.4;
const HALO_OUT: f32 = 1.15;

/// Spreads `area` over a dot `spread` pixels across centred on (x, y) + ½, by a separable
/// profile as the disc's (see [`disc`]): level to [`HALO_LEVEL`] of the radius, fading out by
/// [`HALO_OUT`] of it and a quarter pixel more, each scaled to a square of the disc's area.
/// As a tent 1.5 px in radius whatever the dot's size, a 3 px dot laid 1.6 times its disc's
/// darkest at its centre pixel: black specks, at a close-up's scale, among the larger grey
/// dots drawn as discs (practitioner reviews, stops 15 and 16).
fn blot(
    (x, y): (f32, f32),
    spread: f32,
    w: usize,
    (y0, y1): (usize, usize),
    area: f32,
    mut put: impl FnMut(usize, f32),
) {
    // √π / 2: a square of this side over the diameter has the disc's area.
    let r = 0.443 * spread;
    let (level, out) = (HALO_LEVEL * r, HALO_OUT * r + 0.25);
    let axis = |c: f32| {
        let first = floor_i(c - out) + 1;
        let mut wt = [0.0f32; TAPS];
        for (n, v) in wt.iter_mut().enumerate() {
            let d = ((first + n as isize) as f32 - c).abs();
            *v = ((out - d) / (out - level)).clamp(0.0, 1.0);
        }
        let sum: f32 = wt.iter().sum();
        (first, wt.map(|v| v / sum))
    };
    let ((fx, wx), (fy, wy)) = (axis(x), axis(y));
    for (j, &b) in wy.iter().enumerate() {
        let py = fy + j as isize;
        if b <= 0.0 || py < y0 as isize || py >= y1 as isize {
            continue;
        }
        for (i, &a) in wx.iter().enumerate() {
            let px = fx + i as isize;
            if a > 0.0 && px >= 0 && (px as usize) < w {
                put((py as usize - y0) * w + px as usize, area * a * b);
            }
        }
    }
}

/// Pixels a [`blot`] reaches along each axis at most: 2 × (1.15 × 0.443 × 3.5 + 0.25) < 5.
const TAPS: usize = 5;

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
    use super::{blot, coverage, disc, splat, Outline, Projected, DOT_BLOT_PX, SOFT_FOOTPRINT};
    use crate::render::raster::VisBuffer;

    #[test]
    fn coverage_is_the_area_up_to_a_full_pixel() {
        assert_eq!(coverage(0.25), 0.25);
        assert_eq!(coverage(3.0), 1.0);
    }

    /// Per pixel, what a strand 4 px wide and 20 px long deposits, hard or soft.
    fn deposits(soft: bool) -> Vec<f32> {
        deposits_fading(soft, false)
    }

    fn deposits_fading(soft: bool, fade: bool) -> Vec<f32> {
        let mut vis = VisBuffer::default();
        vis.reset(64, 0, 64);
        vis.id.fill(0);
        vis.inv_z.fill(1.0);
        let strand = Some(Projected {
            xa: 32.0,
            ya: 20.0,
            iza: 1.0,
            xb: 32.0,
            yb: 40.0,
            width: 4.0,
        });
        let mut acc = vec![0.0; 64 * 64];
        splat(&[strand], None, (soft, fade, &[]), &vis, &mut |_, d| {
            for &(p, cover, _) in d {
                acc[p as usize] += cover;
            }
        });
        acc
    }

    #[test]
    fn a_soft_strand_lays_the_same_area_wider_and_fainter() {
        let (hard, soft) = (deposits(false), deposits(true));
        let sum = |v: &[f32]| v.iter().sum::<f32>();
        assert!((sum(&soft) / sum(&hard) - 1.0).abs() < 1e-4, "area kept");
        let peak = |v: &[f32]| v.iter().copied().fold(0.0, f32::max);
        assert!(
            peak(&soft) < 0.85 * peak(&hard),
            "{} {}",
            peak(&soft),
            peak(&hard)
        );
        // Across the strand (row 30) the soft one reaches about twice as far.
        let span = |v: &[f32]| v[30 * 64..31 * 64].iter().filter(|&&a| a > 1e-3).count();
        let ratio = span(&soft) as f32 / span(&hard) as f32;
        assert!(
            ratio > 0.7 * SOFT_FOOTPRINT,
            "{} {}",
            span(&soft),
            span(&hard)
        );
        // Along it, no taper at the root: its first rows are as covered as the hard one's.
        let row = |v: &[f32], y: usize| v[y * 64..(y + 1) * 64].iter().sum::<f32>();
        assert!((row(&soft, 21) / row(&hard, 21) - 1.0).abs() < 0.05);
    }

    #[test]
    fn a_fading_strand_lays_the_same_area_darkest_at_its_root_and_wider_at_its_end() {
        let (even, fading) = (deposits(true), deposits_fading(true, true));
        let sum = |v: &[f32]| v.iter().sum::<f32>();
        assert!((sum(&fading) / sum(&even) - 1.0).abs() < 1e-4, "area kept");
        let row = |v: &[f32], y: usize| v[y * 64..(y + 1) * 64].iter().sum::<f32>();
        // The strand runs from row 20 to row 40: near twice the even strand's at the root,
        // near none at the end.
        assert!(row(&fading, 21) > 1.7 * row(&even, 21));
        assert!(row(&fading, 38) < 0.3 * row(&even, 38));
        let span = |v: &[f32], y: usize| {
            v[y * 64..(y + 1) * 64]
                .iter()
                .filter(|&&a| a > 1e-4)
                .count()
        };
        assert!(span(&fading, 36) > span(&fading, 22), "blurs with depth");
    }

    #[test]
    fn dots_heal_into_irregular_blots_of_the_same_area() {
        let mut elongated = 0;
        for k in 0..20u32 {
            let shape = Outline::of(k);
            let (mut m, mut xx, mut yy, mut xy) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
            disc(
                32.0,
                32.0,
                16.0,
                None,
                shape,
                64,
                (0, 64),
                50.0,
                |p, cover, _| {
                    let (dx, dy) = ((p % 64) as f32 - 32.0, (p / 64) as f32 - 32.0);
                    m += cover;
                    xx += cover * dx * dx;
                    yy += cover * dy * dy;
                    xy += cover * dx * dy;
                },
            );
            assert!((m / 50.0 - 1.0).abs() < 1e-4, "dot {k} lays {m} of 50 px²");
            // Ratio of the footprint's principal second moments: 1 for a round dot.
            let (a, b) = (xx / m, yy / m);
            let c = xy / m;
            let r = (0.25 * (a - b) * (a - b) + c * c).sqrt();
            let (big, small) = (0.5 * (a + b) + r, 0.5 * (a + b) - r);
            if big / small > 1.1 {
                elongated += 1;
            }
            // The same dot has the same outline in every frame.
            assert_eq!(format!("{shape:?}"), format!("{:?}", Outline::of(k)));
        }
        assert!(elongated >= 10, "{elongated} of 20 dots are not round");
    }

    #[test]
    fn a_blot_lays_its_area_no_darker_than_the_disc_it_stands_for() {
        // Where dots change from blots to discs (close-ups), the two look alike: same area,
        // a blot's darkest pixel no more than a fifth over the disc's darkest at any offset
        // from the pixel grid (a fixed 1.5 px tent laid 1.6 times as much at 3 px), and near
        // the change no less than three quarters of it.
        let outline = Outline {
            h2: (0.0, 0.0),
            h3: (0.0, 0.0),
        };
        for spread in [2.0f32, 2.5, 3.0, DOT_BLOT_PX - 0.01] {
            let area = 0.785 * spread * spread;
            for off in [0.0f32, 0.25, 0.5] {
                let (mut sum, mut peak) = (0.0f32, 0.0f32);
                blot(
                    (16.0 + off, 16.0 + off),
                    spread,
                    32,
                    (0, 32),
                    area,
                    |_, a| {
                        sum += a;
                        peak = peak.max(a);
                    },
                );
                assert!(
                    (sum / area - 1.0).abs() < 1e-4,
                    "{spread} px lays {sum} of {area}"
                );
                let mut d = 0.0f32;
                disc(
                    16.0 + off,
                    16.0 + off,
                    spread,
                    None,
                    outline,
                    32,
                    (0, 32),
                    area,
                    |_, _, v| {
                        d = d.max(v);
                    },
                );
                assert!(
                    peak < 1.2 * d.max(1e-6),
                    "{spread} px at +{off}: blot {peak}, disc {d}"
                );
                if spread > 3.0 {
                    assert!(
                        peak > 0.75 * d,
                        "{spread} px at +{off}: blot {peak}, disc {d}"
                    );
                }
            }
        }
    }
}
