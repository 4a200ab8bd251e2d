//! Skin colour from the Monk Skin Tone scale.

use crate::math::hex_to_linear;
use glam::Vec3;

/// Monk Skin Tone swatches, MST 1..=10 (research/domain.md §6.2, hex column).
pub const MONK_HEX: [u32; 10] = [
    0xf6ede4, 0xf3e7db, 0xf7ead0, 0xeadaba, 0xd7bd96, 0xa07e56, 0x825c43, 0x604134, 0x3a312a,
    0x292420,
];

/// Linear-RGB diffuse albedo of the given Monk step (clamped to 1..=10).
#[must_use]
pub fn monk_albedo(monk: u8) -> Vec3 {
    hex_to_linear(MONK_HEX[usize::from(monk.clamp(1, 10) - 1)])
}

/// Lips: the skin tone pulled toward a muted red; darker skin keeps darker lips.
#[must_use]
pub fn lip_albedo(skin: Vec3) -> Vec3 {
    Vec3::new(skin.x * 0.8, skin.y * 0.55, skin.z * 0.55)
}

/// Eyebrow hair over skin: dark brown (domain.md §9 row 11 default), mixed by coverage.
#[must_use]
pub fn brow_albedo() -> Vec3 {
    hex_to_linear(0x3b2a20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monk_table_matches_domain_linear_values() {
        // domain.md §6.2 gives linear RGB to two decimals for MST 1, 4 and 10.
        let close = |a: Vec3, b: [f32; 3]| (a - Vec3::from(b)).abs().max_element() < 0.011;
        assert!(close(monk_albedo(1), [0.92, 0.85, 0.78]));
        assert!(close(monk_albedo(4), [0.82, 0.70, 0.49]));
        assert!(close(monk_albedo(10), [0.02, 0.02, 0.01]));
    }
}
