//! Deterministic maths shared by scene building and rendering.
//!
//! Every transcendental goes through `libm`, never `std`: on x86-64 `std` calls glibc and on
//! wasm32 a musl port, and those differ in the last bit, which is enough to change golden
//! bytes (research/tech.md §3.6, measured). `+ - * / sqrt` are correctly rounded everywhere.

use glam::Vec3;

/// `(sin, cos)` of an angle in degrees, identical on every target.
#[must_use]
pub fn sin_cos_deg(deg: f32) -> (f32, f32) {
    let rad = deg * (core::f32::consts::PI / 180.0);
    (libm::sinf(rad), libm::cosf(rad))
}

/// Normalises, returning `fallback` for a zero vector (glam's own would give NaN).
#[must_use]
pub fn normalize_or(v: Vec3, fallback: Vec3) -> Vec3 {
    let len2 = v.dot(v);
    if len2 > 1e-20 {
        v * (1.0 / len2.sqrt())
    } else {
        fallback
    }
}

/// Hermite smoothstep, no transcendentals.
#[must_use]
pub fn smoothstep(edge0: f32, edge1: f32, x: f32) -> f32 {
    let t = ((x - edge0) / (edge1 - edge0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// `x.floor() as isize` without a libm call (`floorf` is one on baseline x86-64, and these
/// run per triangle and per dot).
#[inline]
#[must_use]
pub fn floor_i(x: f32) -> isize {
    let t = x as isize;
    t - isize::from((t as f32) > x)
}

/// `x.ceil() as isize` without a libm call.
#[inline]
#[must_use]
pub fn ceil_i(x: f32) -> isize {
    let t = x as isize;
    t + isize::from((t as f32) < x)
}

/// Linear interpolation of colours or vectors.
#[must_use]
pub fn lerp3(a: Vec3, b: Vec3, t: f32) -> Vec3 {
    a + (b - a) * t
}

/// sRGB-encoded component (0..=1) to linear light (IEC 61966-2-1). Used at set-up only.
#[must_use]
pub fn srgb_to_linear(c: f32) -> f32 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        libm::powf((c + 0.055) / 1.055, 2.4)
    }
}

/// Linear light (0..=1) to sRGB-encoded. Used to build the resolve table, never per pixel.
#[must_use]
pub fn linear_to_srgb(c: f32) -> f32 {
    if c <= 0.003_130_8 {
        c * 12.92
    } else {
        1.055 * libm::powf(c, 1.0 / 2.4) - 0.055
    }
}

/// `#rrggbb` to linear RGB.
#[must_use]
pub fn hex_to_linear(hex: u32) -> Vec3 {
    let c = |shift: u32| srgb_to_linear(((hex >> shift) & 0xff) as f32 / 255.0);
    Vec3::new(c(16), c(8), c(0))
}

/// A small seeded generator (SplitMix64): the same stream on every target.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)` with 24 bits.
    pub fn next_f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 * (1.0 / (1u64 << 24) as f32)
    }
}

/// FNV-1a over bytes: the frame fingerprint the wasm test compares with the native golden.
#[must_use]
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srgb_round_trips() {
        for i in 0..=255u32 {
            let c = i as f32 / 255.0;
            assert!((linear_to_srgb(srgb_to_linear(c)) - c).abs() < 1e-5, "{i}");
        }
    }

    #[test]
    fn rng_is_seeded_and_uniform() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let mut sum = 0.0;
        for _ in 0..10_000 {
            let x = a.next_f32();
            assert_eq!(x, b.next_f32());
            assert!((0.0..1.0).contains(&x));
            sum += x;
        }
        assert!((sum / 10_000.0 - 0.5).abs() < 0.01);
        assert_ne!(Rng::new(8).next_u64(), Rng::new(7).next_u64());
    }
}
