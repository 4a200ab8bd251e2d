//! How the scalp looks for now: hair as a shadow over the skin, scars lighter and shinier,
//! baked into a chart-space texture the renderer samples per pixel.
//!
//! Until individual follicles are drawn, hair reads as a darker, grainy layer whose cover
//! follows density, lighter where hairs are miniaturised. Scars are hypopigmented, less
//! saturated and a little shinier (research/domain.md §3.3: +5 to +10 L*).

use crate::head::ScalpChart;
use crate::loss::LossField;
use crate::math::{hex_to_linear, lerp3};
use crate::scene::{ChartTexture, Texel};
use glam::Vec3;

/// Texel size (mm): resolves a 2 mm FUT scar and a 1.5 mm part.
pub const TEXEL_MM: f32 = 0.75;
/// How much a full-density short-cut head darkens the skin (cover of a dark shadow).
const HAIR_COVER: f32 = 0.8;

/// Default hair colour, dark brown (domain.md §9 row 11).
#[must_use]
pub fn hair_colour() -> Vec3 {
    hex_to_linear(0x2a1d16)
}

fn grain(i: usize, j: usize, seed: u64) -> f32 {
    let mut h = (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ (j as u64).wrapping_mul(0xc2b2_ae3d_27d4_eb4f)
        ^ seed;
    h = (h ^ (h >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 29;
    (h & 0xffff) as f32 / 65535.0
}

/// Bakes the loss field over the charted scalp.
#[must_use]
pub fn bake(
    chart: &ScalpChart,
    loss: &LossField,
    skin: Vec3,
    scalp_skin: Vec3,
    seed: u64,
) -> ChartTexture {
    let lm = loss.landmarks();
    // Around the ear-canal poles the meridians wrap, so the sideburns sit at negative s: the
    // texture spans the chart's whole s range (the face part stays transparent).
    let s0 = chart.s_range().0.max(-220.0 * lm.inion_st[0] / 340.0);
    let s1 = chart.s_range().1.min(lm.nape_st[0] + 40.0);

    let t_max = 190.0 * (lm.inion_st[0] / 350.0).max(0.8);
    let width = ((s1 - s0) / TEXEL_MM).ceil() as usize;
    let height = (2.0 * t_max / TEXEL_MM).ceil() as usize;
    let hair = hair_colour();
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
            let l = loss.sample(&q);
            // Fullness saturates: half the density still reads as nearly full (domain.md
            // §4.1, §2.5: thinning shows only after about 50 % is lost).
            let gap = 1.0 - l.density * (1.0 - 0.5 * l.miniaturised);
            let full = 1.0 - gap * gap * gap;
            let cover = HAIR_COVER * full * (0.7 + 0.6 * grain(i, j, seed));

            let cover = cover.min(1.0);
            let mut texel = Texel {
                color: hair,
                alpha: cover,
                gloss: 1.0,
            };
            if scalp_skin != skin {
                // Scalp skin under the hair: face → scalp by the scalp mask, then hair over it,
                // folded into one layer over the face colour.
                let w = loss.mature(&q);
                let alpha = 1.0 - (1.0 - w) * (1.0 - cover);
                if alpha > 1e-6 {
                    let under = skin + (scalp_skin - skin) * w;
                    let c = under + (hair - under) * cover;
                    texel.color = skin + (c - skin) / alpha;
                    texel.alpha = alpha;
                }
            }

            if l.scar > 0.0 {
                texel.color = lerp3(hair, scar_colour, l.scar);
                texel.alpha = texel.alpha + (0.85 - texel.alpha) * l.scar;
                texel.gloss = 1.0 + 0.8 * l.scar;
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
