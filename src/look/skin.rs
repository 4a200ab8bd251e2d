//! Skin colour from the Monk Skin Tone scale, with undertone, scalp offset and gloss.
//!
//! Shifts are made in CIELAB (research/domain.md §6.2–6.3: undertone ±3 a*/b*, scalp versus
//! face ±5 L*) and converted back to linear sRGB once, at scene build.

use crate::math::{hex_to_linear, linear_to_srgb, srgb_to_linear};
use crate::scene::Surface;
use glam::Vec3;

/// What anything dark seen through the epidermis takes from each channel, relative to the
/// luminance it takes: more red than blue, the skin above scattering blue back (§4.4 "grey-
/// blue shadow" of shafts under the skin; §5.5 and §6.5 "black seen through skin looks
/// bluish"). The shafts of shaved hair take it whole; correctly placed pigment takes it
/// whole on the lightest skins (Monk 1–3) and less from there to none at Monk 8 (§6.5), so on
/// light skins healed SMP and the client's own shaved hair are one hue (with neutral dots
/// beside grey-blue shafts the treated top read warm brown against blue-grey sides:
/// practitioner review, stop 12). On darker skins melanin hides the shafts' shadow anyway.
pub const THROUGH_SKIN: Vec3 = Vec3::new(1.126, 0.994, 0.675);

/// What a shaved beard's shadow takes from each channel, relative to the luminance it takes:
/// drawn smooth, without the stubble's dark points, it keeps red and green in step, so it
/// reads blue-grey on warm skin. Taking red before green as [`THROUGH_SKIN`] does, the chin
/// and jaw read olive, a grey pouch (practitioner reviews, stops 14 and 15). [estimate]
pub const BEARD_CAST: Vec3 = Vec3::new(1.04, 1.02, 0.69);

/// Skin undertone (§6.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Undertone {
    /// Pink, red or bluish.
    Cool,
    #[default]
    Neutral,
    /// Yellow, peach or golden.
    Warm,
}

impl Undertone {
    pub const ALL: [Undertone; 3] = [Self::Cool, Self::Neutral, Self::Warm];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Cool => "cool",
            Self::Neutral => "neutral",
            Self::Warm => "warm",
        }
    }
}

/// How oily the scalp is (§7.3 table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Gloss {
    /// Dry: GGX roughness 0.55–0.65.
    Matte,
    /// Roughness about 0.45.
    #[default]
    Normal,
    /// "Shiny bald": roughness 0.25–0.35, specular × 1.3–1.6.
    Oily,
}

impl Gloss {
    pub const ALL: [Gloss; 3] = [Self::Matte, Self::Normal, Self::Oily];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Matte => "matte",
            Self::Normal => "normal",
            Self::Oily => "oily",
        }
    }

    /// Parses the kebab-case name, listing the accepted ones on error.
    pub fn parse(name: &str) -> Result<Self, String> {
        crate::consultation::parse_named(&Self::ALL, Self::name, name)
    }

    /// The Blinn lobe matching the §7.3 roughness (n ≈ 2/α² − 2 with α = roughness², rounded
    /// to the nearest power of two in ratio: 13 → 16, 245 → 256) and weight; normal is the
    /// skin every mesh has ([`crate::head::SKIN_SURFACE`]). F0 0.028 from skin IOR 1.4.
    #[must_use]
    pub fn surface(self) -> Surface {
        let normal = crate::head::SKIN_SURFACE;
        let (shininess_log2, specular, glint) = match self {
            Gloss::Matte => (4, 0.8, 0.4 * normal.glint),
            Gloss::Normal => (normal.shininess_log2, normal.specular, normal.glint),
            Gloss::Oily => (8, 1.5, 2.0 * normal.glint),
        };
        Surface {
            shininess_log2,
            specular,
            glint,
            ..normal
        }
    }
}

/// Undertone shift in (a*, b*) (§6.3, §9 row 13: ±3).
fn undertone_shift(u: Undertone) -> (f32, f32) {
    match u {
        Undertone::Cool => (1.5, -3.0),
        Undertone::Neutral => (0.0, 0.0),
        Undertone::Warm => (0.5, 3.0),
    }
}

// CIELAB under D65, for the set-up shifts above (never per pixel).
const WHITE: [f32; 3] = [0.950_47, 1.0, 1.088_83];

fn lab_f(t: f32) -> f32 {
    const D: f32 = 6.0 / 29.0;
    if t > D * D * D {
        libm::cbrtf(t)
    } else {
        t / (3.0 * D * D) + 4.0 / 29.0
    }
}

fn lab_f_inv(t: f32) -> f32 {
    const D: f32 = 6.0 / 29.0;
    if t > D {
        t * t * t
    } else {
        3.0 * D * D * (t - 4.0 / 29.0)
    }
}

/// Linear sRGB → CIELAB (D65).
#[must_use]
pub fn linear_to_lab(c: Vec3) -> Vec3 {
    let x = 0.412_456_4 * c.x + 0.357_576_1 * c.y + 0.180_437_5 * c.z;
    let y = 0.212_672_9 * c.x + 0.715_152_2 * c.y + 0.072_175 * c.z;
    let z = 0.019_333_9 * c.x + 0.119_192 * c.y + 0.950_304_1 * c.z;
    let (fx, fy, fz) = (
        lab_f(x / WHITE[0]),
        lab_f(y / WHITE[1]),
        lab_f(z / WHITE[2]),
    );
    Vec3::new(116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz))
}

/// CIELAB (D65) → linear sRGB, clamped to the gamut.
#[must_use]
pub fn lab_to_linear(lab: Vec3) -> Vec3 {
    let fy = (lab.x + 16.0) / 116.0;
    let (fx, fz) = (fy + lab.y / 500.0, fy - lab.z / 200.0);
    let (x, y, z) = (
        lab_f_inv(fx) * WHITE[0],
        lab_f_inv(fy) * WHITE[1],
        lab_f_inv(fz) * WHITE[2],
    );
    Vec3::new(
        3.240_454_2 * x - 1.537_138_5 * y - 0.498_531_4 * z,
        -0.969_266 * x + 1.876_010_8 * y + 0.041_556 * z,
        0.055_643_4 * x - 0.204_025_9 * y + 1.057_225_2 * z,
    )
    .clamp(Vec3::ZERO, Vec3::ONE)
}

/// sRGB-encoded colour (0..=1 per channel) → CIELAB, for tests and ΔE checks.
#[must_use]
pub fn srgb_to_lab(c: [f32; 3]) -> Vec3 {
    linear_to_lab(Vec3::new(
        srgb_to_linear(c[0]),
        srgb_to_linear(c[1]),
        srgb_to_linear(c[2]),
    ))
}

/// Face skin: the Monk swatch with the undertone shift.
#[must_use]
pub fn skin_albedo(monk: u8, undertone: Undertone) -> Vec3 {
    let base = monk_albedo(monk);
    if undertone == Undertone::Neutral {
        return base;
    }
    let (da, db) = undertone_shift(undertone);
    lab_to_linear(linear_to_lab(base) + Vec3::new(0.0, da, db))
}

/// Scalp skin: the face colour shifted by `offset_l` in L* (§6.2: a long-bald scalp is often
/// more tanned, a freshly shaved one paler; ±5 L*).
#[must_use]
pub fn scalp_albedo(face: Vec3, offset_l: f32) -> Vec3 {
    if offset_l == 0.0 {
        return face;
    }
    lab_to_linear(linear_to_lab(face) + Vec3::new(offset_l, 0.0, 0.0))
}

/// Linear value encoded for display, kept here so tests speak sRGB.
#[must_use]
pub fn encode(c: Vec3) -> [f32; 3] {
    [
        linear_to_srgb(c.x),
        linear_to_srgb(c.y),
        linear_to_srgb(c.z),
    ]
}

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

/// Lips: the skin tone pulled toward a muted red; darker skin keeps darker lips. On Monk 4
/// they come out near L* 69, a* 17, b* 12, a pale man's lip (#d4a39a); at (0.8, 0.55,
/// 0.55) and under half weight they were a* 5, the colour of the skin beside them
/// (practitioner review, stop 15: real lips a* 15–25). At (0.76, 0.48, 0.56) the rendered red
/// was a* 15.5, b* 14.5 under the clinic light, salmon; now about a* 17.5, b* 10, a dusky
/// rose (review, stop 36). [estimate, by eye]
#[must_use]
pub fn lip_albedo(skin: Vec3) -> Vec3 {
    Vec3::new(skin.x * 0.74, skin.y * 0.45, skin.z * 0.62)
}

/// Skin where blood shows through it most (nose, cheeks, ears): less green and blue, as
/// haemoglobin absorbs them. [estimate: a third of the lips' tint]
#[must_use]
pub fn flushed_albedo(skin: Vec3) -> Vec3 {
    Vec3::new(skin.x, skin.y * 0.84, skin.z * 0.87)
}

/// Eyebrow hair over skin, mixed by coverage: the client's hair colour (`hair_hex`), since
/// the brows are what a practitioner matches pigment against, greyed by `grey_fraction`.
#[must_use]
pub fn brow_albedo(hair_hex: u32, grey_hex: u32, grey_fraction: f32) -> Vec3 {
    let (hair, grey) = (hex_to_linear(hair_hex), hex_to_linear(grey_hex));
    hair + (grey - hair) * grey_fraction.clamp(0.0, 1.0)
}

/// Mottling of skin: its tone wanders by about [`MOTTLE_TONE`] either way and its redness by
/// up to [`MOTTLE_RED`] over patches about [`MOTTLE_MM`] across. One colour everywhere, the
/// face and scalp read as a mannequin's wax (practitioner reviews, stops 10 and 11).
/// [estimate: by eye; research/domain.md has no figure for it]
pub const MOTTLE_TONE: f32 = 0.035;
pub const MOTTLE_RED: f32 = 0.09;
pub const MOTTLE_MM: f32 = 9.0;

/// The factor skin at head-frame `p` (mm) takes from mottling with `seed`. A function of
/// position alone, so the meshes that meet at the neck agree.
#[must_use]
pub fn mottle(seed: u64, p: Vec3) -> Vec3 {
    let n = crate::loss::noise::EdgeNoise::new(seed);
    let at = |n: crate::loss::noise::EdgeNoise| {
        0.5 * (n.at(p.x + 0.6 * p.z, p.y, MOTTLE_MM) + n.at(p.z - 0.6 * p.x, p.y + 91.0, MOTTLE_MM))
    };
    let tone = 1.0 + MOTTLE_TONE * at(n);
    let red = MOTTLE_RED * at(n.channel(1)).max(0.0);
    Vec3::new(tone, tone * (1.0 - red), tone * (1.0 - 0.8 * red))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lab_round_trips_and_matches_the_monk_table() {
        // domain.md §6.2: MST 4 is L* 87.6, a* 0.5, b* 17.7; MST 8 is 30.7, 11.7, 13.3.
        let lab = linear_to_lab(monk_albedo(4));
        assert!(
            (lab - Vec3::new(87.6, 0.5, 17.7)).abs().max_element() < 0.6,
            "{lab}"
        );
        let lab = linear_to_lab(monk_albedo(8));
        assert!(
            (lab - Vec3::new(30.7, 11.7, 13.3)).abs().max_element() < 0.6,
            "{lab}"
        );
        for m in 1..=10 {
            let c = monk_albedo(m);
            assert!((lab_to_linear(linear_to_lab(c)) - c).abs().max_element() < 1e-4);
        }
    }

    #[test]
    fn undertone_and_scalp_offset_shift_lab_as_documented() {
        let warm = linear_to_lab(skin_albedo(5, Undertone::Warm)) - linear_to_lab(monk_albedo(5));
        assert!((warm.z - 3.0).abs() < 0.2 && warm.x.abs() < 0.2, "{warm}");
        let cool = linear_to_lab(skin_albedo(5, Undertone::Cool)) - linear_to_lab(monk_albedo(5));
        assert!((cool.z + 3.0).abs() < 0.2 && cool.y > 1.0, "{cool}");
        let pale = linear_to_lab(scalp_albedo(monk_albedo(6), 5.0)) - linear_to_lab(monk_albedo(6));
        assert!((pale.x - 5.0).abs() < 0.2, "{pale}");
    }

    #[test]
    fn monk_table_matches_domain_linear_values() {
        // domain.md §6.2 gives linear RGB to two decimals for MST 1, 4 and 10.
        let close = |a: Vec3, b: [f32; 3]| (a - Vec3::from(b)).abs().max_element() < 0.011;
        assert!(close(monk_albedo(1), [0.92, 0.85, 0.78]));
        assert!(close(monk_albedo(4), [0.82, 0.70, 0.49]));
        assert!(close(monk_albedo(10), [0.02, 0.02, 0.01]));
    }
}
