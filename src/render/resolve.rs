//! Linear RGB → display RGBA8: exposure, filmic tone map, sRGB through a table, dither.
//!
//! sRGB encode via `powf` cost 149 ms per megapixel in wasm against 13 ms for a 4096-entry
//! table (research/tech.md §2.2); one table step is under one 8-bit level even at the steep
//! toe (slope 12.92), so the table adds no banding. A 4×4 ordered dither hides banding in the
//! smooth skin gradients and, being fixed, keeps golden bytes stable.

use crate::math::linear_to_srgb;
use glam::Vec3;
use std::sync::OnceLock;

const LUT_SIZE: usize = 4096;

/// 4×4 Bayer thresholds in [0, 1).
const BAYER: [f32; 16] = [
    0.0 / 16.0,
    8.0 / 16.0,
    2.0 / 16.0,
    10.0 / 16.0,
    12.0 / 16.0,
    4.0 / 16.0,
    14.0 / 16.0,
    6.0 / 16.0,
    3.0 / 16.0,
    11.0 / 16.0,
    1.0 / 16.0,
    9.0 / 16.0,
    15.0 / 16.0,
    7.0 / 16.0,
    13.0 / 16.0,
    5.0 / 16.0,
];

/// sRGB-encoded value × 255 for each of `LUT_SIZE` linear steps over 0..=1.
fn srgb_lut() -> &'static [f32; LUT_SIZE] {
    static LUT: OnceLock<Box<[f32; LUT_SIZE]>> = OnceLock::new();
    LUT.get_or_init(|| {
        let mut t = Box::new([0.0; LUT_SIZE]);
        for (i, v) in t.iter_mut().enumerate() {
            *v = linear_to_srgb(i as f32 / (LUT_SIZE - 1) as f32) * 255.0;
        }
        t
    })
}

/// Where the tone curve leaves the identity for its shoulder.
pub const SHOULDER: f32 = 0.75;

/// Identity up to [`SHOULDER`], then a rational shoulder (slope 1 at the knee) that reaches 1
/// asymptotically. Skin keeps its measured colour: a lit forehead renders close to its Monk
/// swatch (tests/look.rs), where the ACES fit (research/tech.md §3.5) lifted mid-tones by up
/// to 50 % and pushed them orange. Per channel, rational, no transcendentals.
#[inline]
#[must_use]
pub fn tone_map(x: f32) -> f32 {
    let x = x.max(0.0);
    if x <= SHOULDER {
        x
    } else {
        let t = (x - SHOULDER) / (1.0 - SHOULDER);
        SHOULDER + (1.0 - SHOULDER) * t / (1.0 + t)
    }
}

/// Resolves `linear` into opaque `rgba`: whole rows of `width` pixels, the first of them
/// frame row `y0` (the dither pattern is anchored to the frame).
pub fn resolve(linear: &[Vec3], exposure: f32, width: u32, y0: usize, rgba: &mut [u8]) {
    let lut = srgb_lut();
    let w = width.max(1) as usize;
    let scale = (LUT_SIZE - 1) as f32;
    for (row, (line, out_line)) in linear
        .chunks_exact(w)
        .zip(rgba.chunks_exact_mut(4 * w))
        .enumerate()
    {
        let bayer = &BAYER[((y0 + row) & 3) * 4..][..4];
        // The backdrop is flat along a row and so are many skin runs: remember the last
        // colour encoded at each dither phase and reuse its bytes (half a 1024² frame's
        // pixels; 1024² budget scene, native: resolve 8 → 5 ms).
        let mut memo: [(Vec3, [u8; 4]); 4] = [(Vec3::NAN, [0; 4]); 4];
        for (x, (c, out)) in line.iter().zip(out_line.chunks_exact_mut(4)).enumerate() {
            let m = &mut memo[x & 3];
            if *c != m.0 {
                let d = bayer[x & 3];
                let enc = |v: f32| {
                    let idx = ((tone_map(v * exposure) * scale + 0.5) as usize).min(LUT_SIZE - 1);
                    (lut[idx] + d).min(255.0) as u8
                };
                *m = (*c, [enc(c.x), enc(c.y), enc(c.z), 255]);
            }
            out.copy_from_slice(&m.1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_map_is_monotonic_and_bounded() {
        let mut last = -1.0;
        for i in 0..1000 {
            let y = tone_map(i as f32 * 0.02);
            assert!(y >= last && (0.0..=1.0).contains(&y));
            last = y;
        }
    }

    #[test]
    fn resolve_black_and_white() {
        let mut rgba = [0u8; 8];
        resolve(&[Vec3::ZERO, Vec3::splat(100.0)], 1.0, 2, 0, &mut rgba);
        assert_eq!(rgba, [0, 0, 0, 255, 255, 255, 255, 255]);
    }
}
