//! Deterministic maths shared by scene building and rendering.
//!
//! Every transcendental goes through `libm` or is built here from `+ - *` alone ([`sin_cos`]),
//! never `std`: on x86-64 `std` calls glibc and on wasm32 a musl port, and those differ in the
//! last bit, which is enough to change golden bytes (research/tech.md §3.6, measured).
//! `+ - * / sqrt` are correctly rounded everywhere, and Rust never fuses them into an FMA.

use glam::Vec3;

/// `(sin, cos)` of an angle in degrees, identical on every target, for any finite angle.
///
/// The reduction is exact in degrees (by the nearest multiple of 90, after a remainder by 360
/// for huge angles), so multiples of 90° give exact 0 and ±1. NaN gives NaN.
#[must_use]
#[inline(never)]
pub fn sin_cos_deg(deg: f32) -> (f32, f32) {
    // From 2^23 up every f32 is a whole number, so its remainder by 360 is an integer one
    // (exact below 2^63 degrees; past that `as` saturates: a wrong angle, still a unit vector).
    let d = if deg.abs() >= 8_388_608.0 {
        (deg as i64 % 360) as f32
    } else {
        deg
    };
    // |k| < 2^17, so `k * 90` is exact, and it is within a factor of two of `d`, so the
    // difference is exact too (Sterbenz).
    let k = nearest_int(d * (1.0 / 90.0));
    quadrant(k, (d - k as f32 * 90.0) * (core::f32::consts::PI / 180.0))
}

/// `(sin, cos)` of an angle in radians, identical on every target: plain f32 `*` and `+`,
/// no libm (whose `sinf`/`cosf` pull in a 3 KB reduction for huge arguments the renderer
/// never passes).
///
/// Absolute error is under 1e-7 (1.2 ulp near ±1; under 0.8 ulp within ±pi/4) for
/// `|rad| <= 1000`; past that the two-constant reduction loses about 1e-11 per radian, and it
/// is meaningless past about 1e5. Callers pass angles within a turn or two; the test sweeps
/// ±100 and ±1000 radians.
#[must_use]
#[inline(never)]
pub fn sin_cos(rad: f32) -> (f32, f32) {
    // Cody–Waite: pi/2 = PIO2_HI + PIO2_LO, with PIO2_HI short (8 significant bits) so
    // `k * PIO2_HI` is exact and `rad - k * PIO2_HI` too (Sterbenz) for |k| < 2^16.
    const PIO2_HI: f32 = 1.570_312_5;
    const PIO2_LO: f32 = 4.838_268e-4;
    debug_assert!(
        rad.abs() <= 1e5 || rad.is_nan(),
        "sin_cos({rad}): out of range"
    );
    let k = nearest_int(rad * core::f32::consts::FRAC_2_PI);
    let kf = k as f32;
    quadrant(k, (rad - kf * PIO2_HI) - kf * PIO2_LO)
}

/// Rounds half away from zero, without a libm call (`roundf` is one on wasm and x86-64).
#[inline]
fn nearest_int(x: f32) -> i32 {
    (x + 0.5f32.copysign(x)) as i32
}

/// `(sin, cos)` of `k * pi/2 + r`, for `|r|` up to about pi/4. Nothing here is inlined: one
/// copy is smaller in the wasm, and every caller is set-up code, not per pixel.
#[inline(never)]
fn quadrant(k: i32, r: f32) -> (f32, f32) {
    // Cephes sinf/cosf minimax coefficients for [-pi/4, pi/4], evaluated in f32.
    const S: [f32; 3] = [-1.666_665_5e-1, 8.332_161e-3, -1.951_529_6e-4];
    const C: [f32; 3] = [4.166_664_6e-2, -1.388_731_6e-3, 2.443_315_7e-5];
    let z = r * r;
    let s = r + r * z * (S[0] + z * (S[1] + z * S[2]));
    // cos = 1 - z/2 + z^2 P(z), with the rounding error of `1 - z/2` carried (as musl does).
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    let c = w + (((1.0 - w) - hz) + z * z * (C[0] + z * (C[1] + z * C[2])));
    match k & 3 {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
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

/// Rec. 709 / sRGB luminance weights of linear red, green and blue.
pub const LUMA: Vec3 = Vec3::new(0.2126, 0.7152, 0.0722);

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

/// `#rrggbb` to linear RGB. Kept out of line: its nine callers each inlined a copy (60 B of
/// gzipped wasm, stop 37).
#[must_use]
#[inline(never)]
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

    /// Uniform in `[0, 1)` with 24 bits. Out of line: inlined at its 44 call sites, all in
    /// scene building or per-dot set-up, it cost 341 B of the gzipped wasm.
    #[inline(never)]
    pub fn next_f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 * (1.0 / (1u64 << 24) as f32)
    }
}

/// FNV-1a over bytes: the frame fingerprint the wasm test compares with the native golden.
#[must_use]
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_from(FNV1A64_START, bytes)
}

/// FNV-1a's starting state.
pub const FNV1A64_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `bytes` continued from state `h` (so a frame can be hashed a run at a time).
#[must_use]
pub fn fnv1a64_from(mut h: u64, bytes: &[u8]) -> u64 {
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

    /// Largest `|sin_cos(x) - (sin x, cos x)|` (f64 reference) over `n + 1` points spanning
    /// `±span`, each rounded to f32 before both are evaluated.
    fn sin_cos_error(span: f64, n: u32) -> f64 {
        let mut worst = 0.0f64;
        for i in 0..=n {
            let x = (-span + 2.0 * span * f64::from(i) / f64::from(n)) as f32;
            let (s, c) = sin_cos(x);
            let e = (f64::from(s) - libm::sin(f64::from(x)))
                .abs()
                .max((f64::from(c) - libm::cos(f64::from(x))).abs());
            worst = worst.max(e);
        }
        worst
    }

    #[test]
    fn sin_cos_is_accurate() {
        assert_eq!(sin_cos(0.0), (0.0, 1.0));
        assert_eq!(sin_cos_deg(0.0), (0.0, 1.0));
        let octant = sin_cos_error(core::f64::consts::FRAC_PI_4, 1_000_000);
        let near = sin_cos_error(100.0, 4_000_000);
        let far = sin_cos_error(1000.0, 4_000_000);
        eprintln!(
            "sin_cos max abs error: {octant:.2e} (±pi/4) {near:.2e} (±100) {far:.2e} (±1000)"
        );
        assert!(octant < 6e-8, "{octant:e}");
        assert!(near < 1e-7, "{near:e}");
        assert!(far < 1.5e-7, "{far:e}");
    }

    #[test]
    fn sin_cos_deg_reduces_exactly() {
        let exact = [
            (90.0, (1.0, 0.0)),
            (180.0, (0.0, -1.0)),
            (-90.0, (-1.0, 0.0)),
        ];
        for (deg, want) in exact
            .into_iter()
            .chain([(270.0, (-1.0, 0.0)), (720.0, (0.0, 1.0))])
        {
            assert_eq!(sin_cos_deg(deg), want, "{deg}");
        }
        // 1e9 is exact in f32 and is 2_777_777 turns and 280°.
        let (s, c) = sin_cos_deg(1e9);
        let r = 280f64.to_radians();
        assert!(
            (f64::from(s) - libm::sin(r)).abs() < 1e-7
                && (f64::from(c) - libm::cos(r)).abs() < 1e-7
        );
        assert!(sin_cos_deg(f32::NAN).0.is_nan() && sin_cos(f32::NAN).1.is_nan());
        let (s, c) = sin_cos_deg(-1e30);
        assert!((s * s + c * c - 1.0).abs() < 1e-6);
        let mut worst = 0.0f64;
        for i in -7200..=7200 {
            let deg = i as f32 * 0.1;
            let (s, c) = sin_cos_deg(deg);
            let r = f64::from(deg).to_radians();
            worst = worst
                .max((f64::from(s) - libm::sin(r)).abs())
                .max((f64::from(c) - libm::cos(r)).abs());
        }
        assert!(worst < 1e-7, "{worst:e}");
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
