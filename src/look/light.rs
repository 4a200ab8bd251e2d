//! Lights as data: directional keys plus a hemisphere ambient, in linear RGB.
//!
//! Colours come from correlated colour temperature (research/domain.md §7.4 table) with
//! partial chromatic adaptation: viewers and cameras adapt about 60–80 % toward white, so a
//! light keeps only the remainder of its tint (§7.4, "Chromatic adaptation").

use crate::math::normalize_or;
use glam::Vec3;

/// One directional light. `dir` points from the surface toward the light.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DirLight {
    pub dir: Vec3,
    pub color: Vec3,
    /// Multiplier on the specular lobe: small soft sources give broad, weak highlights.
    pub specular: f32,
}

/// A light rig in the head's frame (+y up, +z toward the face).
#[derive(Clone, Debug, PartialEq)]
pub struct Lighting {
    pub keys: Vec<DirLight>,
    pub sky: Vec3,
    pub ground: Vec3,
    /// Scales the linear result before tone mapping.
    pub exposure: f32,
}

/// Fraction of a light's tint that adaptation removes (middle of §7.4's 60–80 %).
pub const ADAPTATION: f32 = 0.7;

/// Linear-RGB multiplier of a 5000 K source (§7.4 table row "Daylight D50").
pub const CCT_5000K: Vec3 = Vec3::new(1.00, 0.83, 0.61);

/// The tint left after adaptation, normalised so green is 1 (keeps luminance comparable).
#[must_use]
pub fn adapted(tint: Vec3) -> Vec3 {
    let c = Vec3::ONE + (tint - Vec3::ONE) * (1.0 - ADAPTATION);
    c * (1.0 / c.y)
}

impl Lighting {
    /// Clinic: a 5000 K overhead softbox in front of the client plus a front fill
    /// (§7.4 "Lighting presets to offer"). The softbox is large, so its highlight is soft.
    #[must_use]
    pub fn clinic() -> Self {
        let warm = adapted(CCT_5000K);
        Self {
            keys: vec![
                DirLight {
                    dir: normalize_or(Vec3::new(0.35, 0.8, 0.55), Vec3::Y),
                    color: warm * 1.0,
                    specular: 0.55,
                },
                DirLight {
                    dir: normalize_or(Vec3::new(-0.55, 0.15, 0.8), Vec3::Z),
                    color: warm * 0.35,
                    specular: 0.25,
                },
            ],
            sky: Vec3::new(0.21, 0.22, 0.235),
            ground: Vec3::new(0.06, 0.055, 0.05),
            exposure: 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adaptation_keeps_a_warm_remainder() {
        let c = adapted(CCT_5000K);
        assert!(c.x > c.y && c.y > c.z, "{c}");
        // 70 % adapted: blue keeps 30 % of its deficit relative to red.
        assert!(c.z / c.x > 0.85 && c.z / c.x < 0.92, "{c}");
    }
}
