//! Seeded value noise in chart millimetres: the irregularity of real pattern edges.
//!
//! Real edges wander by several millimetres and left and right are rarely mirrored
//! (research/domain.md §1.2 "Realism cues"). Noise is evaluated at signed (s, t), so the two
//! sides differ; it uses only integer hashing and polynomials (no transcendentals).

/// Two octaves of smooth value noise in [-1, 1].
#[derive(Clone, Copy, Debug)]
pub struct EdgeNoise {
    seed: u64,
}

/// `x.floor()` as an integer, exactly, for chart coordinates (far inside i32): `floor` is a
/// libm call on baseline x86-64, a twelfth of a pattern change natively.
fn floor(x: f32) -> i32 {
    let i = x as i32;
    if (i as f32) > x {
        i - 1
    } else {
        i
    }
}

fn hash(seed: u64, x: i32, y: i32) -> f32 {
    let mut h = seed ^ (x as u32 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^= (y as u32 as u64).wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
    h = (h ^ (h >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 29)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 32;
    (h & 0xffff) as f32 / 32767.5 - 1.0
}

impl EdgeNoise {
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self { seed }
    }

    /// A different, independent field from the same seed.
    #[must_use]
    pub fn channel(self, n: u64) -> Self {
        Self {
            seed: self.seed ^ n.wrapping_mul(0xd6e8_feb8_6659_fd93),
        }
    }

    fn octave(&self, x: f32, y: f32, seed: u64) -> f32 {
        let (ix, iy) = (floor(x), floor(y));
        let (fx, fy) = (ix as f32, iy as f32);
        let (ux, uy) = (x - fx, y - fy);
        let (sx, sy) = (ux * ux * (3.0 - 2.0 * ux), uy * uy * (3.0 - 2.0 * uy));
        let a = hash(seed, ix, iy);
        let b = hash(seed, ix + 1, iy);
        let c = hash(seed, ix, iy + 1);
        let d = hash(seed, ix + 1, iy + 1);
        let top = a + (b - a) * sx;
        let bottom = c + (d - c) * sx;
        top + (bottom - top) * sy
    }

    /// Noise at chart (s, t) mm with the given feature size (mm).
    #[must_use]
    pub fn at(&self, s: f32, t: f32, scale_mm: f32) -> f32 {
        let inv = 1.0 / scale_mm;
        let big = self.octave(s * inv, t * inv, self.seed);
        let small = self.octave(
            s * inv * 2.7 + 17.3,
            t * inv * 2.7 - 5.1,
            self.seed ^ 0x5bd1,
        );
        (big * 0.7 + small * 0.3).clamp(-1.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_is_exact() {
        for x in [
            -3.0f32,
            -2.5,
            -1e-7,
            -0.0,
            0.0,
            1e-7,
            0.999_999_9,
            1.0,
            7.25,
            -7.25,
            1e6,
        ] {
            assert_eq!(floor(x), x.floor() as i32, "{x}");
        }
    }

    #[test]
    fn noise_is_bounded_smooth_and_seeded() {
        let n = EdgeNoise::new(3);
        let mut max_step: f32 = 0.0;
        let mut prev = n.at(0.0, 0.0, 20.0);
        for i in 1..2000 {
            let v = n.at(i as f32 * 0.1, 5.0, 20.0);
            assert!((-1.0..=1.0).contains(&v));
            max_step = max_step.max((v - prev).abs());
            prev = v;
        }
        // 0.1 mm steps at a 20 mm feature size: no jumps (the range is 2).
        assert!(max_step < 0.15, "{max_step}");
        assert_ne!(
            n.at(10.0, 10.0, 20.0),
            EdgeNoise::new(4).at(10.0, 10.0, 20.0)
        );
        assert_eq!(
            n.at(10.0, 10.0, 20.0),
            EdgeNoise::new(3).at(10.0, 10.0, 20.0)
        );
    }
}
