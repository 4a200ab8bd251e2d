//! Hair in the frame: the shafts' shadow under the skin darkens the albedo before lighting;
//! the shafts above the skin are lit with Kajiya–Kay (per strand, research/tech.md §3.2) and
//! laid over the lit skin.

use super::prepare::Prepared;
use super::raster::VisBuffer;
use super::strands::{coverage, splat};
use crate::look::light::Lighting;
use crate::math::normalize_or;
use crate::scene::Scene;
use glam::Vec3;

/// Accumulates the scene's darkening layers (shafts under the skin, pigment) into `trans`:
/// the fraction of each channel that gets through. Strand layers add up area and colour in
/// `acc` and `trans` first (see [`removal`]); layers of dots then multiply in, each dot
/// letting through one minus its colour times the share of the pixel it darkens, so two dots
/// darken more where they overlap instead of falling back to their average (which drew a pale
/// ring where a dot's edge crossed its neighbour in close-ups of paired impressions).
pub fn darken(
    scene: &Scene,
    prep: &Prepared,
    vis: &VisBuffer,
    acc: &mut [f32],
    trans: &mut [Vec3],
) {
    acc.fill(0.0);
    trans.fill(Vec3::ZERO);
    // Strand layers first, then dots.
    for dots in [false, true] {
        if dots {
            for (t, &a) in trans.iter_mut().zip(acc.iter()) {
                *t = (Vec3::ONE - removal(a, *t)).max(Vec3::ZERO);
            }
        }
        for (layer, projected) in scene.darkening.iter().zip(&prep.darkening) {
            if layer.core.is_some() != dots {
                continue;
            }
            splat(
                projected,
                layer.core,
                (layer.soft, layer.fade, &[]),
                vis,
                &mut |k, deposits| {
                    let c = layer.color[k];
                    for &(p, cover, dark) in deposits {
                        let p = p as usize;
                        if dots {
                            trans[p] *= (Vec3::ONE - c * dark).max(Vec3::ZERO);
                        } else {
                            acc[p] += cover;
                            trans[p] += c * cover;
                        }
                    }
                },
            );
        }
    }
    grey_deep_casts(trans);
}

/// Transmission below which a cast fades toward grey, reaching neutral at black.
const CAST_FLOOR: f32 = 0.5;

/// Fades the colour cast of what the layers let through toward neutral where little gets
/// through, and keeps it from nought (see [`UNDER_SKIN_FLOOR`]): the cast is skin scattering
/// light back above the dark thing, a veil that cannot outweigh the light itself.
/// Multiplying casts of overlapping dots and their cores instead left four to ten times more
/// blue than red in the darkest pixels, which read navy (practitioner review, stop 11).
fn grey_deep_casts(trans: &mut [Vec3]) {
    for t in trans {
        let y = t.dot(crate::math::LUMA);
        if y < CAST_FLOOR {
            *t = Vec3::splat(y) + (*t - Vec3::splat(y)) * (y * (1.0 / CAST_FLOOR));
        }
        *t = Vec3::new(floored(t.x), floored(t.y), floored(t.z));
    }
}

/// Least share of light what lies under the skin lets through: the epidermis above it
/// scatters some back whatever it covers. Without it the cores of a close-up's darkest healed
/// dots let 3 % through, pure black points (20/255) where healed pigment reads as charcoal
/// (practitioner reviews, stops 10, 11 and 17). [estimate]
const UNDER_SKIN_FLOOR: f32 = 0.12;

/// `t` eased onto [`UNDER_SKIN_FLOOR`] from twice it down, smoothly (value and slope meet).
#[inline]
fn floored(t: f32) -> f32 {
    const KNEE: f32 = 2.0 * UNDER_SKIN_FLOOR;
    if t >= KNEE {
        t
    } else {
        let u = 1.0 - t / KNEE;
        t + UNDER_SKIN_FLOOR * u * u
    }
}

/// The fraction of each channel the strand layers remove at a pixel: linear in covered
/// area up to a full pixel, which keeps the mean tone of sub-pixel strands at any resolution;
/// beyond, the coverage-weighted mean, so overlapping shadows stay a shadow, not black.
#[inline]
#[must_use]
pub fn removal(acc: f32, acc_c: Vec3) -> Vec3 {
    if acc <= 1.0 {
        acc_c
    } else {
        acc_c * (1.0 / acc)
    }
}

/// Weight of the shafts' cuticle highlight (times the light's own specular weight): about a
/// 4.6 % Fresnel reflection (n 1.55) gathered into a sin³² lobe. At 0.025 under sin⁶⁴ the
/// clipped hair of a dark-haired client read as a matte black cap with no sheen band
/// (practitioner review, stop 11). [estimate, by eye against the domain's §7.2 "shine"]
const SHEEN: f32 = 0.08;
/// Share of the ambient light the shafts' cuticle reflects whatever their heading: the
/// Fresnel reflectance of n 1.55, averaged over a diffuse surround (about 9 % for glass of
/// 1.5), which a key's narrow lobe leaves out. Without it the clipped sides of a dark-haired
/// client, lit by the clinic's sky, were near-black felt (brightness 75 against 181 on the
/// top; practitioner review, stop 38), where short dark hair reads dark ash-brown.
const AMBIENT_SHEEN: f32 = 0.09;
/// Wrap of the scalp's facing term for the shafts' light (0: none past the terminator).
const STRAND_WRAP: f32 = 0.3;

/// Kajiya–Kay radiance of one strand with tangent `t`, seen along `v`.
#[must_use]
pub(crate) fn strand_colour(light: &Lighting, albedo: Vec3, t: Vec3, n: Vec3, v: Vec3) -> Vec3 {
    let ambient = (light.sky + light.ground) * 0.5;
    let mut c = (albedo + Vec3::splat(AMBIENT_SHEEN)) * ambient;
    for key in &light.keys {
        let l = if key.from_camera { v } else { key.dir };
        // Kajiya–Kay alone lights a strand from behind the head as well as from in front:
        // under the downlight the sides' hair came out as bright as the crown's. The skin the
        // strand grows from shades it, with a wrap for light through the thin canopy.
        let facing = ((n.dot(l) + STRAND_WRAP) / (1.0 + STRAND_WRAP)).clamp(0.0, 1.0);
        let tl = t.dot(l);
        let diffuse = (1.0 - tl * tl).max(0.0).sqrt();
        let hv = normalize_or(l + v, t);
        let th = t.dot(hv);
        let mut s = (1.0 - th * th).max(0.0).sqrt();
        for _ in 0..5 {
            s *= s; // sin(T, H)^32
        }
        c += key.color
            * (facing * (albedo * (0.75 * diffuse) + Vec3::splat(SHEEN * key.specular * s)));
    }
    c
}

/// Lays the lit shafts over `out`.
pub fn shafts(
    prep: &Prepared,
    vis: &VisBuffer,
    out: &mut [Vec3],
    acc: &mut [f32],
    acc_c: &mut [Vec3],
) {
    if prep.shafts.is_empty() {
        return;
    }
    acc.fill(0.0);
    acc_c.fill(Vec3::ZERO);
    let colours = &prep.shaft_colours;
    splat(
        &prep.shafts,
        None,
        (false, false, &prep.free_tips),
        vis,
        &mut |k, deposits| {
            for &(p, cover, _) in deposits {
                acc[p as usize] += cover;
                acc_c[p as usize] += colours[k] * cover;
            }
        },
    );
    for ((px, &a), &c) in out.iter_mut().zip(acc.iter()).zip(acc_c.iter()) {
        if a > 0.0 {
            *px += (c / a - *px) * coverage(a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::look::light::LightingPreset;

    const DARK_BROWN: Vec3 = Vec3::new(0.023, 0.012, 0.008);

    fn luma(c: Vec3) -> f32 {
        c.dot(crate::math::LUMA)
    }

    #[test]
    fn nothing_under_the_skin_blacks_it_out() {
        // Dark layers ease onto the floor; light ones pass unchanged; the easing is monotone
        // and meets the identity at its knee.
        let mut t = vec![
            Vec3::ZERO,
            Vec3::splat(0.1),
            Vec3::splat(0.6),
            Vec3::new(0.3, 0.5, 0.9),
        ];
        grey_deep_casts(&mut t);
        assert!(
            (t[0] - Vec3::splat(UNDER_SKIN_FLOOR)).abs().max_element() < 1e-6,
            "{}",
            t[0]
        );
        assert!(t[1].x > 0.1 && t[1].x < 2.0 * UNDER_SKIN_FLOOR, "{}", t[1]);
        assert_eq!(t[2], Vec3::splat(0.6));
        let mut last = 0.0;
        for i in 0..=100 {
            let v = floored(i as f32 * 0.005);
            assert!(v >= last && v >= UNDER_SKIN_FLOOR, "{i}: {v}");
            last = v;
        }
        assert!((floored(2.0 * UNDER_SKIN_FLOOR - 1e-4) - 2.0 * UNDER_SKIN_FLOOR).abs() < 1e-3);
    }

    #[test]
    fn strands_on_skin_facing_away_from_the_key_get_only_ambient() {
        let light = Lighting::preset(LightingPreset::Downlight);
        // The ambient's share: the hair's colour and the cuticle's grey reflection of it.
        let ambient =
            (DARK_BROWN + Vec3::splat(AMBIENT_SHEEN)) * ((light.sky + light.ground) * 0.5);
        let v = Vec3::new(0.0, 0.3, 1.0).normalize();
        // Side hair combed down on a scalp facing sideways and a little down; crown hair
        // lying forward.
        let side_n = Vec3::new(1.0, -0.5, 0.0).normalize();
        let away = strand_colour(&light, DARK_BROWN, Vec3::NEG_Y, side_n, v);
        let crown = strand_colour(&light, DARK_BROWN, Vec3::Z, Vec3::Y, v);
        assert!(
            (away - ambient).abs().max_element() < 1e-6,
            "{away} vs {ambient}"
        );
        // The surround's grey reflection lights both; the key doubles the crown's.
        assert!(luma(crown) > 2.0 * luma(away), "{crown} vs {away}");
    }

    #[test]
    fn dark_hair_has_a_sheen_where_it_lies_across_the_half_vector() {
        // Under the sun a strand across the half-vector (t ⟂ h) shows the cuticle's
        // highlight, grey (it is not the hair's colour) and a clear part of what the strand
        // returns; the lobe is sin³²: 20° off the peak keeps about a seventh of it.
        let light = Lighting::preset(LightingPreset::Sun);
        let l = light.keys[0].dir;
        let (n, v) = (l, l);
        let across = l.cross(Vec3::X).normalize();
        // With no albedo and the ambient's reflection taken away, only the highlight is left.
        let surround = Vec3::splat(AMBIENT_SHEEN) * ((light.sky + light.ground) * 0.5);
        let peak = strand_colour(&light, Vec3::ZERO, across, n, v) - surround;
        let off = normalize_or(across + l * 0.364, across); // tan 20°
        let off_peak = strand_colour(&light, Vec3::ZERO, off, n, v) - surround;
        let lit = strand_colour(&light, DARK_BROWN, across, n, v);
        assert!(luma(peak) > 0.1, "highlight {peak}");
        assert!(luma(peak) > 0.6 * luma(lit), "{peak} of {lit}");
        assert!(peak.min_element() / peak.max_element() > 0.6, "{peak}");
        let falloff = luma(off_peak) / luma(peak);
        assert!(
            (0.08..0.25).contains(&falloff),
            "20° off the peak: {falloff}"
        );
    }
}
