//! The scalp's own skin as a chart-space texture the renderer samples per pixel: the scalp
//! offset against the face, and scars, hypopigmented, less saturated and a little shinier
//! (research/domain.md §3.3: +5 to +10 L*). Hair itself is drawn as follicles (crate::hair).

use crate::head::{ScalpChart, ScalpPoint};
use crate::loss::LossField;
use crate::math::lerp3;
use crate::scene::{ChartTexture, Texel};
use glam::Vec3;

/// Texel size (mm): resolves a 2 mm FUT scar and a 1.5 mm part.
pub const TEXEL_MM: f32 = 0.75;

/// Fresh-work redness: the scalp's colour times this at full strength (a pink flush).
pub const ERYTHEMA: Vec3 = Vec3::new(1.1, 0.8, 0.82);

/// Bakes the loss field over the charted scalp, with `redness` (0..=1 per point) for freshly
/// worked skin; empty (and free) when the scalp has neither its own tone, scars nor redness,
/// the common case. `canopy` is the share of light per channel that the hair where the loss
/// field says `f` keeps from the skin it grows from (None: no shade), which the mesh's vertex
/// colours carry: texels that cover them carry it too.
#[must_use]
pub fn bake(
    chart: &ScalpChart,
    loss: &LossField,
    skin: Vec3,
    scalp_skin: Vec3,
    redness: Option<&dyn Fn(&ScalpPoint) -> f32>,
    canopy: Option<&dyn Fn(&crate::loss::LossSample) -> Vec3>,
) -> ChartTexture {
    if scalp_skin == skin && !loss.has_scars() && redness.is_none() {
        return ChartTexture::default();
    }
    let lm = loss.landmarks();
    // Around the ear-canal poles the meridians wrap, so the sideburns sit at negative s: the
    // texture spans the chart's whole s range (the face part stays transparent).
    let s0 = chart.s_range().0.max(-220.0 * lm.inion_st[0] / 340.0);
    let s1 = chart.s_range().1.min(lm.nape_st[0] + 40.0);

    let t_max = 190.0 * (lm.inion_st[0] / 350.0).max(0.8);
    let width = ((s1 - s0) / TEXEL_MM).ceil() as usize;
    let height = (2.0 * t_max / TEXEL_MM).ceil() as usize;
    let scar_colour = lerp3(
        skin * 1.18,
        Vec3::splat(skin.dot(Vec3::splat(1.0 / 3.0)) * 1.18),
        0.35,
    )
    .min(Vec3::ONE);
    let mut texels = vec![Texel::default(); width * height];
    for j in 0..height {
        let t = -t_max + (j as f32 + 0.5) * TEXEL_MM;
        for i in 0..width {
            let s = s0 + (i as f32 + 0.5) * TEXEL_MM;
            let Some(q) = chart.point(s, t) else { continue };
            let field = (loss.has_scars() || canopy.is_some()).then(|| loss.sample(&q));
            let scar = field.map_or(0.0, |f| f.scar);
            let mut texel = Texel::default();
            if scalp_skin != skin {
                // The scalp (where hair grows on a full head) takes the scalp tone.
                let w = loss.mature(&q);
                texel = Texel {
                    color: scalp_skin,
                    alpha: w,
                    gloss: 1.0,
                };
            }
            if scar > 0.0 {
                let under = if texel.alpha > 0.0 {
                    texel.color
                } else {
                    scar_colour
                };
                texel.color = lerp3(under, scar_colour, scar);
                texel.alpha = texel.alpha + (0.85 - texel.alpha) * scar;
                texel.gloss = 1.0 + 0.8 * scar;
            }
            if let Some(red) = redness {
                let r = red(&q);
                if r > 0.0 {
                    // What the texel showed over the skin, flushed in proportion to r.
                    let under = lerp3(skin, texel.color, texel.alpha);
                    let flushed = (under * ERYTHEMA).min(Vec3::ONE);
                    texel.color = lerp3(under, flushed, r);
                    texel.alpha = 1.0;
                }
            }
            if let (Some(f), Some(canopy)) = (field.filter(|_| texel.alpha > 0.0), canopy) {
                texel.color *= Vec3::ONE - canopy(&f);
            }
            texels[j * width + i] = texel;
        }
    }
    ChartTexture {
        origin: [s0, -t_max],
        inv_texel: 1.0 / TEXEL_MM,
        width,
        height,
        texels,
    }
}
