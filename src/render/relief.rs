//! Skin's micro-relief: pores, and the fine furrows that split the skin into small plateaus,
//! as a tileable texture of albedo and gloss factors with a box-filtered mip chain.
//!
//! Without it skin was one smooth colour at every zoom: between the dots a close-up read as
//! plastic, and the face as a mannequin's wax (practitioner reviews, stops 11–13). The tile
//! is laid on the surface by its dominant axis, in head millimetres, and sampled at the
//! level whose texels match the frame's pixel footprint. Every level averages exactly 1, so
//! a region's mean tone is the same rendered small or large (issue #4's filtering test);
//! levels that vary by under 2 % are skipped, so frames of the whole head pay nothing
//! for it. Built once (about 2 ms natively), from a fixed seed: same bytes in wasm.

use crate::math::Rng;
use glam::Vec3;
use std::sync::OnceLock;

/// Side of the square tile (mm): large enough that its repeat is not seen in a close-up.
pub const TILE_MM: f32 = 8.0;
/// Texels a side at the finest level, 1/16 mm each (a 0.15 mm pore spans 2–3).
const SIZE: usize = 128;
/// The skin's surface pattern: primary furrows enclosing polygons about 1 mm across
/// [estimate: dermatoscopy photographs; research/domain.md has no figure]. Cells a side of
/// the tile, a furrow's half-width (mm) and the share of the albedo its floor takes. The
/// finer secondary furrows (0.3 mm plateaus) are left out: at 3.5 % they hardly showed, and
/// their code took 0.9 KB of wasm the size budget did not have.
const PRIMARY: Furrows = Furrows {
    cells: 9,
    half_width_mm: 0.05,
    dark: 0.07,
};
/// Pore cells a side of the tile: one pore a square millimetre, 100/cm². Flament et al.
/// 2015 (Clin Cosmet Investig Dermatol 8:85) count tens a cm² over 0.25 mm on cheeks;
/// smaller, fainter ones fill in between.
const PORE_CELLS: usize = 8;
/// Pore radius range (mm): 0.12–0.26 mm across.
const PORE_RADIUS_MM: (f32, f32) = (0.06, 0.13);
/// What a pore's centre takes of the albedo (shadowed, and sebum-filled) at full strength.
const PORE_DARK: f32 = 0.55;
/// How much a primary plateau's tone and sheen differ from its neighbours' (either way).
/// At ±35 % sheen a highlight up close broke into millimetre polygons with hard edges, a
/// crackle glaze; the furrows' own dull floors are what break a real skin's shine.
const PLATEAU_TONE: f32 = 0.012;
const PLATEAU_GLOSS: f32 = 0.1;
/// Levels drawn: the 1/16 and 1/8 mm ones. Coarser levels vary by under 2 % (standard
/// deviation of the albedo factor) and are drawn flat: at 1.2 % a whole head at 1024² took
/// the 0.25 mm level (1.5 %), a faint grain for 9–12 ms of the frame natively (51 → 60–63
/// ms), where the budget has the least room; drawn from 0.19 mm a pixel (a 1024² frame
/// zoomed 1.7 times), it costs whole-head frames nothing.
const DRAWN_LEVELS: usize = 2;
#[cfg(test)]
const FLAT: f32 = 0.02;
/// Whole tiles added to a coordinate before sampling: past any head-frame millimetre.
const SHIFT_MM: f32 = 64.0 * TILE_MM;
/// Seed of the tile: the skin's own, not the consultation's.
const SEED: u64 = 0x7265_6c69_6566;

/// One scale of furrows.
struct Furrows {
    cells: usize,
    half_width_mm: f32,
    dark: f32,
}

struct Level {
    size: usize,
    texels: Vec<[f32; 2]>,
}

/// The tile and its mip chain, finest first.
pub struct Relief {
    levels: Vec<Level>,
}

impl Relief {
    /// The one tile, built at first use.
    #[must_use]
    pub fn get() -> &'static Self {
        static RELIEF: OnceLock<Relief> = OnceLock::new();
        RELIEF.get_or_init(Self::build)
    }

    fn build() -> Self {
        let mut rng = Rng::new(SEED);
        let mut cells = |n: usize| -> Vec<[f32; 4]> {
            (0..n * n)
                .map(|_| {
                    let j = [rng.next_f32(), rng.next_f32()];
                    [
                        j[0],
                        j[1],
                        rng.next_f32() * 2.0 - 1.0,
                        rng.next_f32() * 2.0 - 1.0,
                    ]
                })
                .collect()
        };
        let primary = cells(PRIMARY.cells);
        let pores: Vec<[f32; 4]> = (0..PORE_CELLS * PORE_CELLS)
            .map(|_| {
                let j = [rng.next_f32(), rng.next_f32()];
                let r = PORE_RADIUS_MM.0 + (PORE_RADIUS_MM.1 - PORE_RADIUS_MM.0) * rng.next_f32();
                [j[0], j[1], r, 0.3 + 0.7 * rng.next_f32()]
            })
            .collect();
        let texel_mm = TILE_MM / SIZE as f32;
        let mut texels = Vec::with_capacity(SIZE * SIZE);
        for y in 0..SIZE {
            for x in 0..SIZE {
                // 2×2 samples a texel: furrows are under two texels wide.
                let mut sum = [0.0f32; 2];
                for (sx, sy) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
                    let p = [(x as f32 + sx) * texel_mm, (y as f32 + sy) * texel_mm];
                    let d = texel(p, &primary, &pores);
                    sum[0] += 0.25 * d[0];
                    sum[1] += 0.25 * d[1];
                }
                texels.push(sum);
            }
        }
        let n = texels.len() as f32;
        let mean = texels
            .iter()
            .fold([0.0f32; 2], |m, t| [m[0] + t[0] / n, m[1] + t[1] / n]);
        for t in &mut texels {
            *t = [t[0] / mean[0], t[1] / mean[1]];
        }
        let mut levels = vec![Level { size: SIZE, texels }];
        while levels.len() < DRAWN_LEVELS {
            let last = &levels[levels.len() - 1];
            let next = last.halved();
            levels.push(next);
        }
        Self { levels }
    }

    /// The level to sample at a footprint of `mm_per_px` (texels no finer than about the
    /// pixel), or `None` where the skin is drawn flat.
    #[must_use]
    pub fn level(&self, mm_per_px: f32) -> Option<usize> {
        let mut texel = TILE_MM / SIZE as f32;
        for k in 0..DRAWN_LEVELS {
            if texel * 1.5 >= mm_per_px {
                return Some(k);
            }
            texel *= 2.0;
        }
        None
    }

    /// The albedo and gloss factors (both 1 on flat skin) at head-frame point `p` (mm) of a
    /// surface whose normal is about `n` (need not be unit), from `level`.
    #[must_use]
    pub fn at(&self, level: usize, p: Vec3, n: Vec3) -> [f32; 2] {
        let a = n.abs();
        // Each axis gets its own offset, so the three projections are not one pattern.
        let (u, v) = if a.x >= a.y && a.x >= a.z {
            (p.z + 2.9, p.y + 5.3)
        } else if a.y >= a.z {
            (p.x + 1.7, p.z + 3.1)
        } else {
            (p.x, p.y)
        };
        self.levels[level].sample(u, v)
    }
}

impl Level {
    /// Standard deviation of the albedo factor (tests: why coarser levels are not drawn).
    #[cfg(test)]
    fn spread(&self) -> f32 {
        let n = self.texels.len() as f32;
        let var = self
            .texels
            .iter()
            .map(|t| (t[0] - 1.0) * (t[0] - 1.0))
            .sum::<f32>()
            / n;
        var.sqrt()
    }

    /// The next level: each texel the mean of four.
    fn halved(&self) -> Self {
        let (s, h) = (self.size, self.size / 2);
        let mut out = Vec::with_capacity(h * h);
        for y in 0..h {
            for x in 0..h {
                let mut m = [0.0f32; 2];
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    let t = self.texels[(2 * y + dy) * s + 2 * x + dx];
                    m[0] += 0.25 * t[0];
                    m[1] += 0.25 * t[1];
                }
                out.push(m);
            }
        }
        Self {
            size: h,
            texels: out,
        }
    }

    /// Bilinear, wrapping at the tile's edges.
    #[inline]
    fn sample(&self, u: f32, v: f32) -> [f32; 2] {
        let n = self.size;
        let scale = n as f32 / TILE_MM;
        // Shifted by whole tiles to be positive, so truncation is the floor (`floor` is a
        // libm call on baseline x86-64).
        let (x, y) = ((u + SHIFT_MM) * scale - 0.5, (v + SHIFT_MM) * scale - 0.5);
        let (ix, iy) = (x as u32, y as u32);
        let (tx, ty) = (x - ix as f32, y - iy as f32);
        let mask = n - 1;
        let (x0, y0) = (ix as usize & mask, iy as usize & mask);
        let (x1, y1) = ((x0 + 1) & mask, (y0 + 1) & mask);
        let t = &self.texels;
        let (a, b) = (t[y0 * n + x0], t[y0 * n + x1]);
        let (c, d) = (t[y1 * n + x0], t[y1 * n + x1]);
        let mix = |k: usize| {
            let top = a[k] + (b[k] - a[k]) * tx;
            let bottom = c[k] + (d[k] - c[k]) * tx;
            top + (bottom - top) * ty
        };
        [mix(0), mix(1)]
    }
}

/// Albedo and gloss factors (before normalising) at tile point `p` (mm), from the jittered
/// cell centres of the two furrow scales and the pores.
fn texel(p: [f32; 2], cells: &[[f32; 4]], pores: &[[f32; 4]]) -> [f32; 2] {
    // Nearest and second-nearest centres: a furrow runs where they are equally near.
    let scale = PRIMARY;
    let cell = TILE_MM / scale.cells as f32;
    let (mut f1, mut f2, mut own) = (f32::MAX, f32::MAX, 0);
    for_neighbours(p, cell, scale.cells, |i, dx, dy| {
        let (x, y) = (dx + cells[i][0] * cell, dy + cells[i][1] * cell);
        let d2 = x * x + y * y;
        if d2 < f1 {
            (f2, f1, own) = (f1, d2, i);
        } else if d2 < f2 {
            f2 = d2;
        }
    });
    let edge = 0.5 * (f2.sqrt() - f1.sqrt());
    let t = (1.0 - edge / scale.half_width_mm).max(0.0);
    let [_, _, tone, sheen] = cells[own];
    let albedo = (1.0 - scale.dark * t * t) * (1.0 + PLATEAU_TONE * tone);
    let gloss = (1.0 - 0.6 * t * t) * (1.0 + PLATEAU_GLOSS * sheen);
    let cell = TILE_MM / PORE_CELLS as f32;
    let mut pore = 0.0f32;
    for_neighbours(p, cell, PORE_CELLS, |i, dx, dy| {
        let [jx, jy, r, strength] = pores[i];
        let (x, y) = (dx + jx * cell, dy + jy * cell);
        let t = (1.0 - (x * x + y * y) / (r * r)).max(0.0);
        pore = pore.max(strength * t * t);
    });
    [albedo * (1.0 - PORE_DARK * pore), gloss * (1.0 - pore)]
}

/// Calls `f(index, dx, dy)` for the 3×3 cells of a `cells`-wide wrapping grid of `cell` mm
/// around `p`, with (dx, dy) the offset from `p` to each cell's corner.
fn for_neighbours(p: [f32; 2], cell: f32, cells: usize, mut f: impl FnMut(usize, f32, f32)) {
    let (cx, cy) = ((p[0] / cell) as i32, (p[1] / cell) as i32);
    for oy in -1..=1 {
        for ox in -1..=1 {
            let (gx, gy) = (cx + ox, cy + oy);
            let k =
                gy.rem_euclid(cells as i32) as usize * cells + gx.rem_euclid(cells as i32) as usize;
            f(k, gx as f32 * cell - p[0], gy as f32 * cell - p[1]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole mip chain, finest first.
    fn chain() -> Vec<Level> {
        let top = &Relief::get().levels[0];
        let mut levels = vec![Level {
            size: top.size,
            texels: top.texels.clone(),
        }];
        while levels[levels.len() - 1].size > 1 {
            let next = levels[levels.len() - 1].halved();
            levels.push(next);
        }
        levels
    }

    #[test]
    fn every_level_averages_one() {
        for (k, l) in chain().iter().enumerate() {
            let n = l.texels.len() as f32;
            let [a, g] = l
                .texels
                .iter()
                .fold([0.0; 2], |m, t| [m[0] + t[0] / n, m[1] + t[1] / n]);
            assert!(
                (a - 1.0).abs() < 1e-4 && (g - 1.0).abs() < 1e-4,
                "level {k}: {a} {g}"
            );
        }
    }

    #[test]
    fn pores_show_up_close_and_flatten_with_distance() {
        let r = Relief::get();
        // Up close pores are resolved: some texels lose a fifth of the albedo.
        let darkest = r.levels[0]
            .texels
            .iter()
            .map(|t| t[0])
            .fold(f32::MAX, f32::min);
        assert!(darkest < 0.8, "{darkest}");
        // The drawn levels vary visibly; the first not drawn, and coarser, are flat.
        let spreads: Vec<f32> = chain().iter().map(Level::spread).collect();
        assert!(spreads.windows(2).all(|w| w[1] < w[0]), "{spreads:?}");
        assert!(
            spreads[DRAWN_LEVELS - 1] >= FLAT && spreads[DRAWN_LEVELS] < FLAT,
            "{spreads:?}"
        );
        // A 0.07 mm footprint (a 4× close-up at 1024²) samples the finest level; a whole head
        // at 1024² (0.32 mm a pixel) or 512² draws flat skin.
        assert_eq!(r.level(0.07), Some(0));
        assert_eq!(r.level(0.15), Some(1));
        assert_eq!(r.level(0.32), None);
        assert_eq!(r.level(0.65), None);
    }

    #[test]
    fn sampling_wraps_at_the_tile_edges() {
        let r = Relief::get();
        let p = Vec3::new(1.3, 2.2, 40.0);
        let n = Vec3::Z;
        let a = r.at(0, p, n);
        let b = r.at(0, p + Vec3::new(TILE_MM, -3.0 * TILE_MM, 0.0), n);
        assert!((a[0] - b[0]).abs() < 1e-4 && (a[1] - b[1]).abs() < 1e-4);
    }
}
