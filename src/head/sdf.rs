//! Signed-distance primitives (millimetres) used to sculpt the head once, at build time.
//!
//! The distance of an ellipsoid is the usual bound-style approximation, and smooth unions
//! bend distances further, so callers step conservatively. None of this runs per pixel.

use glam::Vec3;

/// Approximate distance to an axis-aligned ellipsoid with centre `c` and semi-axes `r`.
#[must_use]
#[inline(never)]
pub fn ellipsoid(p: Vec3, c: Vec3, r: Vec3) -> f32 {
    let q = p - c;
    let k0 = (q / r).length();
    let k1 = (q / (r * r)).length();
    if k1 < 1e-9 {
        -r.min_element()
    } else {
        k0 * (k0 - 1.0) / k1
    }
}

/// Distance to a capsule whose radius goes linearly from `ra` at `a` to `rb` at `b`.
#[must_use]
#[inline(never)]
pub fn cone_capsule(p: Vec3, a: Vec3, b: Vec3, ra: f32, rb: f32) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.dot(ab)).clamp(0.0, 1.0);
    (p - (a + ab * t)).length() - (ra + (rb - ra) * t)
}

/// Polynomial smooth minimum: a union with a fillet of width about `k`.
#[must_use]
pub fn smooth_union(a: f32, b: f32, k: f32) -> f32 {
    let h = (k - (a - b).abs()).max(0.0) / k;
    a.min(b) - h * h * k * 0.25
}

/// Smooth subtraction of `b` from `a`.
#[must_use]
pub fn smooth_subtract(a: f32, b: f32, k: f32) -> f32 {
    -smooth_union(-a, b, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipsoid_sign_and_surface() {
        let r = Vec3::new(10.0, 20.0, 30.0);
        assert!(ellipsoid(Vec3::ZERO, Vec3::ZERO, r) < 0.0);
        assert!(ellipsoid(Vec3::new(0.0, 0.0, 30.0), Vec3::ZERO, r).abs() < 1e-4);
        assert!((ellipsoid(Vec3::new(15.0, 0.0, 0.0), Vec3::ZERO, r) - 5.0).abs() < 0.5);
    }

    #[test]
    fn smooth_union_is_below_min() {
        assert!(smooth_union(1.0, 1.0, 4.0) < 1.0);
        assert_eq!(smooth_union(0.0, 10.0, 4.0), 0.0);
    }
}
