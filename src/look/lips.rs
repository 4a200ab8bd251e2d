//! The lips' colour as a layer over the face: the vermilion in the lip colour the skin tone
//! gives, darker in its lip lines, and the white roll over its upper border a little paler
//! than the skin.

use crate::head::LipMap;
use crate::scene::{ChartTexture, Layer, Texel};
use glam::Vec3;

/// How far the red goes from the skin to [`super::skin::lip_albedo`]. At 0.7, tuned when
/// per-vertex colour blurred the lips into the skin, the sharp red came out a* 10 against the
/// cheek's 4 under the clinic light (Monk 4 male, front view); fully, a* 16, inside the
/// 15–25 of real lips (stop 15's review).
const RED: f32 = 1.0;

/// The white roll: the skin this much lighter, at this coverage. [estimate, by eye]
const ROLL_LIGHTEN: f32 = 1.08;
const ROLL: f32 = 0.5;

/// How much darker the red is at the bottom of a lip line. [estimate, by eye]
const LINE_DARKEN: f32 = 0.16;

/// How much darker the line where the lips meet is at its deepest (see
/// `head::lips::MEET_HALF_MM`). [estimate, by eye]
const MEET_DARKEN: f32 = 0.6;

/// Moist lips shine more than the skin round them: the specular lobe's factor at full red.
/// At 1.6 the red read as salmon plastic (practitioner review, stop 38). [estimate, by eye]
const GLOSS: f32 = 1.3;

/// The layer drawing `map` for a skin of linear albedo `skin`.
#[must_use]
pub fn layer(map: &LipMap, skin: Vec3) -> Layer {
    let red = skin + (super::skin::lip_albedo(skin) - skin) * RED;
    let roll = (skin * ROLL_LIGHTEN).min(Vec3::ONE);
    let texels = map
        .weights
        .iter()
        .map(|&[v, r, line, meet]| {
            let red = red * (1.0 - LINE_DARKEN * line);
            // The roll under the red, both over the skin (premultiplied).
            let r = r * ROLL * (1.0 - v);
            let alpha = v + r;
            // The meeting line darkens whatever lies under it, skin or red: over the
            // albedo, `alpha` of the mix and then `dark` of the sum (premultiplied).
            let pre = red * v + roll * r;
            let dark = 1.0 - MEET_DARKEN * meet;
            let alpha = 1.0 - (1.0 - alpha) * dark;
            Texel {
                color: if alpha > 0.0 {
                    pre * dark / alpha
                } else {
                    Vec3::ZERO
                },
                alpha,
                gloss: 1.0 + (GLOSS - 1.0) * v,
            }
        })
        .collect();
    Layer {
        tri_ok: map.tri.clone(),
        texture: ChartTexture {
            origin: map.origin,
            inv_texel: 1.0 / crate::head::LIP_TEXEL_MM,
            width: map.width,
            height: map.height,
            texels,
        },
    }
}
