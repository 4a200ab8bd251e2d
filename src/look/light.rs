//! Lights as data: directional keys plus a hemisphere ambient, in linear RGB, and the six
//! presets a consultation is judged under.
//!
//! Colours come from correlated colour temperature (research/domain.md §7.4 table) with
//! partial chromatic adaptation: viewers and cameras adapt about 60–80 % toward white, so a
//! light keeps only the remainder of its tint (§7.4, "Chromatic adaptation"). Each preset's
//! exposure plays the eye's or camera's adaptation to level: a 100 lux room is not shown ten
//! times darker than a 1,000 lux clinic, but its light still comes from one warm lamp.

use crate::math::normalize_or;
use core::fmt;
use glam::Vec3;

/// One directional light. `dir` points from the surface toward the light.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DirLight {
    pub dir: Vec3,
    pub color: Vec3,
    /// Multiplier on the specular lobe: large soft sources give broad, weak highlights; small
    /// hard ones (a downlight, the sun, a flash) give strong ones.
    pub specular: f32,
    /// The light sits at the camera (a flash): `dir` is ignored and the view direction used.
    pub from_camera: bool,
    /// Fraction of this light that an occluder blocks (nose on the lip, brow over the eye,
    /// jaw on the neck): 1 for small hard sources, 0 for none drawn. Only the first key with
    /// a shadow gets one.
    pub shadow: f32,
    /// Tangent of the source's angular radius, seen from the head: a shadow's penumbra
    /// widens by twice this per millimetre from its occluder.
    pub spread: f32,
    /// How far past the terminator the light wraps, per channel, as a cosine: skin's own
    /// scattering (a little, more in red) plus the source's size (a softbox's light reaches
    /// round the head, the sun's stops at the terminator).
    pub wrap: Vec3,
    /// Whether the wrap eases into the terminator (skin's own scattering under a small
    /// source, see `render::shade::eased_wrap`) rather than running linearly to it (a large
    /// source's light reaching round).
    pub eased: bool,
    /// Whether the source is small enough to draw skin's sharp lobe as a glint (0 or 1):
    /// a softbox or a lampshade blurs it into the broad highlight.
    pub glint: f32,
}

/// Wrap under a large soft source, a softbox or a sky dome (research/tech.md §3.4: w ≈
/// 0.3–0.5, larger for red).
pub const SOFT_WRAP: Vec3 = Vec3::new(0.37, 0.33, 0.31);
/// Wrap under a small hard source: skin's scattering alone, a few millimetres of light past
/// the terminator. Under the soft wrap the sun and the downlight lit the side of the face
/// turned from them at a third of full, and read as the clinic's light moved (practitioner
/// review, stop 15: sunlit to shaded skin should differ by 40–50 L*). [estimate]
pub const HARD_WRAP: Vec3 = Vec3::new(0.16, 0.11, 0.09);

/// A light rig in the head's frame (+y up, +z toward the face).
#[derive(Clone, Debug, PartialEq)]
pub struct Lighting {
    pub keys: Vec<DirLight>,
    pub sky: Vec3,
    pub ground: Vec3,
    /// Scales the linear result before tone mapping.
    pub exposure: f32,
}

/// The lighting presets, named as in DESIGN §8.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LightingPreset {
    #[default]
    Clinic,
    Downlight,
    Sun,
    Overcast,
    WarmHome,
    Flash,
}

impl LightingPreset {
    pub const ALL: [LightingPreset; 6] = [
        Self::Clinic,
        Self::Downlight,
        Self::Sun,
        Self::Overcast,
        Self::WarmHome,
        Self::Flash,
    ];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Clinic => "clinic",
            Self::Downlight => "downlight",
            Self::Sun => "sun",
            Self::Overcast => "overcast",
            Self::WarmHome => "warm-home",
            Self::Flash => "flash",
        }
    }

    /// A label for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Clinic => "Clinic, 5000 K",
            Self::Downlight => "Harsh downlight",
            Self::Sun => "Outdoor sun",
            Self::Overcast => "Overcast daylight",
            Self::WarmHome => "Warm home, 2700 K",
            Self::Flash => "Camera flash",
        }
    }

    /// Parses the kebab-case name, listing the accepted ones on error.
    pub fn parse(name: &str) -> Result<Self, String> {
        crate::consultation::parse_named(&Self::ALL, Self::name, name)
    }
}

impl fmt::Display for LightingPreset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Exposure shared by every preset: a forehead facing the clinic key then renders at about
/// its own albedo, so skin keeps its Monk colour (tests/look.rs measures ΔE*ab).
pub const BASE_EXPOSURE: f32 = 0.78;

/// Fraction of a light's tint that adaptation removes (middle of §7.4's 60–80 %).
pub const ADAPTATION: f32 = 0.7;

/// Linear-RGB multipliers by colour temperature (§7.4 table).
pub const CCT_2700K: Vec3 = Vec3::new(1.00, 0.42, 0.10);
pub const CCT_4000K: Vec3 = Vec3::new(1.00, 0.65, 0.38);
pub const CCT_5000K: Vec3 = Vec3::new(1.00, 0.83, 0.61);
pub const CCT_5500K: Vec3 = Vec3::new(1.00, 0.89, 0.75);
pub const CCT_6500K: Vec3 = Vec3::new(1.00, 1.00, 1.00);
pub const CCT_7500K: Vec3 = Vec3::new(0.81, 0.88, 1.00);

/// The tint left after adaptation, normalised so green is 1 (keeps luminance comparable).
#[must_use]
pub fn adapted(tint: Vec3) -> Vec3 {
    let c = Vec3::ONE + (tint - Vec3::ONE) * (1.0 - ADAPTATION);
    c * (1.0 / c.y)
}

/// A sky of tint `sky` over a key of tint `key`, adapted as the key is: luminance 1.
#[must_use]
fn sky_of(key: Vec3, sky: Vec3) -> Vec3 {
    let c = adapted(key) * (sky / key);
    c * (1.0 / c.y)
}

/// Tangents of the sources' angular radii (see [`DirLight::spread`]): the sun's 0.27°;
/// a ceiling downlight's 5 cm radius at 1.3 m; a lampshade's 17 cm at 1.5 m. §7.4 names
/// only "small" and "lamp"; these are modelling choices.
const SUN_SPREAD: f32 = 0.0047;
const DOWNLIGHT_SPREAD: f32 = 0.04;
const LAMP_SPREAD: f32 = 0.11;

fn key(dir: Vec3, tint: Vec3, power: f32, specular: f32) -> DirLight {
    DirLight {
        dir: normalize_or(dir, Vec3::Y),
        color: adapted(tint) * power,
        specular,
        from_camera: false,
        shadow: 0.0,
        spread: 0.0,
        wrap: SOFT_WRAP,
        eased: false,
        glint: 0.0,
    }
}

impl DirLight {
    /// The same light, casting shadows of `strength` (see [`DirLight::shadow`]) from a
    /// source whose angular radius has tangent `spread`.
    #[must_use]
    pub fn with_shadow(self, strength: f32, spread: f32) -> Self {
        Self {
            shadow: strength,
            spread,
            ..self
        }
    }

    /// The same light as a small hard source: skin's own wrap, and a glint.
    #[must_use]
    pub fn hard(self) -> Self {
        Self {
            wrap: HARD_WRAP,
            eased: true,
            glint: 1.0,
            ..self
        }
    }
}

impl Lighting {
    /// The rig for a preset (§7.4 "Lighting presets to offer").
    #[must_use]
    pub fn preset(p: LightingPreset) -> Self {
        match p {
            // A 5000 K overhead softbox in front of the client plus a front fill; soft, so
            // broad, weak highlights (weights set once the lobe carried its π: at 0.55 the
            // sheen took MST 10's forehead 12 ΔE*ab off its swatch).
            LightingPreset::Clinic => Self {
                keys: vec![
                    key(Vec3::new(0.35, 0.8, 0.55), CCT_5000K, 1.0, 0.2),
                    key(Vec3::new(-0.55, 0.15, 0.8), CCT_5000K, 0.35, 0.08),
                ],
                sky: Vec3::new(0.21, 0.22, 0.235),
                // Bounce off the client's clothes and the floor: at 0.06 the underside of the
                // jaw went dark enough to outline the chin (review, stop 34). [estimate]
                ground: Vec3::new(0.1, 0.092, 0.083),
                exposure: BASE_EXPOSURE,
            },
            // A small 4000 K source above the crown, little ambient (§7.1: it gets through a
            // thin canopy and lights the scalp). 14° in front of straight up, as for someone
            // just behind a ceiling downlight: from straight above, the face ran edge-on to
            // it and its cast shadows were all bias and no shadow.
            LightingPreset::Downlight => Self {
                // A diffused recessed lamp about 10 cm across, 1.3 m above the head: its
                // shadows are sharp under the brow and about 1 cm soft on the chest.
                keys: vec![key(Vec3::new(0.05, 1.0, 0.25), CCT_4000K, 1.6, 1.3)
                    .with_shadow(1.0, DOWNLIGHT_SPREAD)
                    .hard()],
                // Walls and floor still bounce some of it back: without that the underside of
                // the face went black with a red wrap fringe. The bounce is the lamp's own
                // light, so it keeps its warmth (a neutral one read as grey patches).
                sky: adapted(CCT_4000K) * 0.14,
                ground: adapted(CCT_4000K) * 0.12,
                exposure: BASE_EXPOSURE,
            },
            // 5500 K hard sun at about 50° elevation, about 30° to the client's right of straight
            // ahead (−x), 7500 K sky fill: the nose throws a crisp shadow across the cheek the
            // usual three-quarter view sees. From that view's own side it lit the face flat;
            // from 60° round, the whole near side was in shade (reviews, stop 10).
            LightingPreset::Sun => Self {
                keys: vec![key(Vec3::new(-0.35, 0.77, 0.55), CCT_5500K, 1.7, 1.1)
                    .with_shadow(1.0, SUN_SPREAD)
                    .hard()],
                // Adaptation scales every light in the scene alike, so the sky keeps its full
                // ratio to the sun: the sun's adapted tint times 7500 K over 5500 K. Adapted
                // against D65 both came out near neutral (review, stop 10); the ratio itself
                // adapted still left the shade warmer than the sunlit skin (blue/red 0.545
                // against 0.565 on Monk 2, review, stop 11).
                sky: sky_of(CCT_5500K, CCT_7500K) * 0.36,
                // Sunlit ground bounces the sun's own warm light back up (as off pavement or
                // grass, albedo about 0.2): at a neutral 0.075, and the sky at 0.3, the shade
                // under the jaw and on the neck read muddy grey (reviews, stops 34 and 35).
                ground: adapted(CCT_5500K) * 0.2,
                exposure: BASE_EXPOSURE * 0.74,
            },
            // 6500 K large diffuse dome: almost all sky, a weak broad top light.
            LightingPreset::Overcast => Self {
                keys: vec![key(Vec3::new(0.0, 1.0, 0.2), CCT_6500K, 0.35, 0.15)],
                sky: adapted(CCT_6500K) * 0.75,
                ground: Vec3::new(0.12, 0.12, 0.12),
                exposure: BASE_EXPOSURE,
            },
            // One 2700 K lamp at the side and a little above, low level, low ambient.
            LightingPreset::WarmHome => Self {
                // A shaded lamp about 35 cm across, 1.5 m away: soft-edged shadows.
                keys: vec![key(Vec3::new(-0.8, 0.45, 0.4), CCT_2700K, 1.1, 0.5)
                    .with_shadow(0.9, LAMP_SPREAD)],
                sky: adapted(CCT_2700K) * 0.12,
                ground: adapted(CCT_2700K) * 0.05,
                exposure: BASE_EXPOSURE * 1.15,
            },
            // On-camera flash, about 5500 K: frontal, flat, a hard specular hot spot.
            LightingPreset::Flash => Self {
                keys: vec![DirLight {
                    dir: Vec3::Z,
                    color: adapted(CCT_5500K) * 1.25,
                    specular: 1.5,
                    from_camera: true,
                    shadow: 0.0,
                    spread: 0.0,
                    // Frontal, so its terminator is the outline: hard, it drew the outline
                    // as a black line.
                    wrap: SOFT_WRAP,
                    eased: false,
                    glint: 1.0,
                }],
                sky: Vec3::splat(0.04),
                ground: Vec3::splat(0.02),
                exposure: BASE_EXPOSURE,
            },
        }
    }

    /// The default: clinic.
    #[must_use]
    pub fn clinic() -> Self {
        Self::preset(LightingPreset::Clinic)
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

    #[test]
    fn presets_parse_by_name() {
        for p in LightingPreset::ALL {
            assert_eq!(LightingPreset::parse(p.name()).unwrap(), p);
        }
        let e = LightingPreset::parse("disco").unwrap_err();
        assert!(e.contains("disco") && e.contains("warm-home"), "{e}");
    }
}
