//! How an impression looks at a timepoint: fresh or healed, years later, touched up, or done
//! wrong (research/domain.md §5.4–5.5, §6.4–6.5).
//!
//! Pigment sits about 0.3–0.6 mm down (§5.3) under scattering skin, whose spread of light
//! has a long tail: what the eye sees of a healed dot is a dark point a little larger than
//! the pigment ([`DOT_SCALE`], removing [`DOT_K`] × k of the skin's light, §6.4's
//! `skin × (1 − k)`, with a core [`CORE_SCALE`] times the pigment removing [`CORE_K`] × k),
//! and a faint veil millimetres wide that overlaps its neighbours' into one even shade
//! ([`DotLook::veil`], laid smooth by [`crate::look::pigment`]). In all a dot removes as much
//! as a disc [`TOTAL_SCALE`] times its pigment removing [`TOTAL_K`] × k. [estimate] As dots
//! alone, §9's defaults (0.15 mm at 75/cm², 1.3 % of the skin) would darken a scalp by under
//! 1 %, which is not what healed SMP looks like; with the veil they darken it about as much
//! as the client's own razor-shaved hair (tests/plan.rs), which SMP imitates. Colours here
//! are fractions of light removed: no pixels.

use super::{Impression, Mistakes};
use crate::scene::DotCore;
use glam::Vec3;

/// All a healed dot removes, dot and veil, as a disc this many times its pigment diameter
/// removing this share of k. At 5 and 0.66 a healed 3-session top darkened 17 % (linear), 12 %
/// in sRGB against the forehead: faint pepper on cream skin at conversation distance, where
/// healed work reads as a clear shadow (practitioner reviews, stops 12–14). At 0.76, 27 %:
/// still "pale dusty, like one or two sessions", the top 12 % darker than the forehead in
/// sRGB (review, stop 16). Now 35 %, with the client's razor-shaved hair darker alike
/// (tests/plan.rs). [estimate]
pub const TOTAL_SCALE: f32 = 6.0;
pub const TOTAL_K: f32 = 1.0;
/// The dot the eye resolves: its diameter over the pigment's and its strength over k. Drawn
/// as the whole disc of [`TOTAL_SCALE`] (with half its darkening in the veil), a healed dot
/// was 0.8–0.9 mm of pale grey, covering 42 % of the skin up close and pepper-grain at a
/// metre, where healed dots are points about as wide as the needle's track with a faint halo
/// and the top an even tint (practitioner reviews, stop 15). At 2.5 and 0.8 the dots carried
/// 15 % of the darkening and the veil the rest: faint blue-grey pepper over a grey cap that
/// ended in a tide line at the hairline (review, stop 36); now 30 %: soft 0.45 mm dots round
/// a 0.19 mm charcoal core, over skin nearer its own colour. [estimate, §5.1: 0.1–0.15 mm
/// seen, 0.25 mm fresh, up to 0.35 mm]
pub const DOT_SCALE: f32 = 3.0;
pub const DOT_K: f32 = 1.15;
/// The dot's core: diameter over the pigment's, and strength over k: soft charcoal, not a
/// black speck in a grey disc (practitioner reviews, stops 10 and 11). [estimate]
pub const CORE_SCALE: f32 = 1.25;
pub const CORE_K: f32 = 1.4;
/// The core as the renderer takes it: relative to the dot.
pub const DOT_CORE: DotCore = DotCore {
    ratio: CORE_SCALE / DOT_SCALE,
    gain: CORE_K / DOT_K - 1.0,
    depth: DOT_DEPTH,
};
/// Share of a blown-out dot's darkening carried by its veil: drawn big and soft already.
pub const BLOWN_VEIL: f32 = 0.5;
/// A plain disc (the whole's reckoning).
const NO_CORE: DotCore = DotCore {
    ratio: 0.0,
    gain: 0.0,
    depth: DOT_DEPTH,
};

/// Depth of a healed pigment deposit as a share of its width, as it shows: the needle lays
/// pigment along a track 0.25–0.5 mm deep for a dot 0.15–0.35 mm across (research/domain.md
/// §5.1, §5.3), but its deeper part shows through more skin, the more so at a slant, and
/// counts for less. As flat discs, dots shrank to under half their area over the top of a
/// head seen in the usual 3/4 view (practitioner reviews, stops 11 and 12); at 0.5 of their
/// width the treated top seen at a slant darkened 25.6 % against the client's own shaved
/// hair's 18.1 %, a darker patch with a seam around it (review, stop 13). At 0.15: 18.6 %,
/// and 16.8 % from above against shaved hair's 17.5 % (tests/plan.rs). [estimate]
pub const DOT_DEPTH: f32 = 0.15;
/// Healed over fresh: diameter (§5.4: 0.5–0.7) and contrast (§5.4: 50–70 % of fresh).
pub const HEALED_SIZE: f32 = 0.6;
pub const HEALED_CONTRAST: f32 = 0.6;
/// Contrast lost a year, and blur radius gained a year (§5.4: 5–10 %, 5–10 µm).
pub const FADE_PER_YEAR: f32 = 0.075;
pub const BLUR_MM_PER_YEAR: f32 = 0.0075;
/// Blown-out dots (§5.5: 0.5–1.5 mm, soft, lower peak): size, and strength over k (raised
/// with the healed halo's, [`TOTAL_K`], so a blowout still darkens more than the dot it
/// should have been, and reads bluer on light skin).
pub const BLOWN_MM: (f32, f32) = (0.5, 1.5);
pub const BLOWN_K: f32 = 0.79;
/// Blue cast of too-deep pigment on the lightest skins (Monk 1–3), none from Monk 8 (§6.5):
/// bluer than the through-skin cast correctly placed dots carry (at 0.35 it was barely so).
pub const BLUE_SHIFT: f32 = 0.6;
/// How much of the through-skin cast ([`crate::look::skin::THROUGH_SKIN`]) pigment at the
/// right depth, the upper dermis, shows on the lightest skins. §6.5's modelling suggestion
/// leaves it neutral, but its physics (skin above the pigment scatters blue back) act at any
/// depth, and the client's own shaved hair seen through the same skin takes the full cast:
/// practitioners match the two. Near-neutral dots (0.1 of a smaller cast) read warm brown
/// beside blue-grey razor-shaved sides (practitioner review, stop 12); the darkest overlaps
/// no longer turn navy under a full cast, since the renderer greys out casts in deep shadow
/// (`render::hair::darken`). A little over the full cast: that greying takes more from dense,
/// overlapping dots than from thin shafts, and at 1.0 the dots came out 3.4 % less blue than
/// the shaved hair beside them (2.3 % at 1.15 once more of the shafts' shadow was smooth).
/// Darker dots (stop 36) lose more to that greying: 3.5 % less blue at 1.2.
pub const DEPTH_SHIFT: f32 = 1.35;

/// When the head is seen, relative to the treatment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timepoint {
    /// Sessions done (0 = before).
    pub session: u8,
    /// Day 0 of the latest session: dots larger and darker, skin red (§5.4).
    pub fresh: bool,
    /// Years since the last session.
    pub years: f32,
    /// A touch-up at that point restores the healed look.
    pub touch_up: bool,
}

/// One dot as seen: the drawn dot's diameter and the fraction of each channel it removes,
/// and what its veil removes in all (mm² of skin's light per channel, spread smooth). The
/// veil goes by the dot as planned where it lies ([`Impression::nominal`]), its pair's
/// expected share included: taken from each dot's own size, shade and pair, the veils
/// summed over a few millimetres wandered by ±20 %, blotches on an even top (stop 15).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DotLook {
    pub diameter_mm: f32,
    pub removal: Vec3,
    pub veil: Vec3,
}

/// Darkening (mm², per channel) of a drawn dot `diameter` across removing `removal`, with
/// its core `core`.
#[must_use]
pub fn darkening(diameter: f32, removal: Vec3, core: &DotCore) -> Vec3 {
    removal
        * (core::f32::consts::FRAC_PI_4
            * diameter
            * diameter
            * (1.0 + core.ratio * core.ratio * core.gain))
}

/// Strength of the too-deep blue cast on Monk `skin` (1–10).
#[must_use]
pub fn blue_shift(skin: u8) -> f32 {
    BLUE_SHIFT * light_skin(skin)
}

/// How much a light skin shows a cast through it: 1 for Monk 1–3, none from Monk 8 (§6.5).
fn light_skin(skin: u8) -> f32 {
    ((8.0 - f32::from(skin)) / 5.0).clamp(0.0, 1.0)
}

/// The through-skin cast at strength `b` (0 neutral, 1 full), at unit luminance.
fn cool(b: f32) -> Vec3 {
    let tint = Vec3::ONE + (crate::look::skin::THROUGH_SKIN - Vec3::ONE) * b;
    tint * (1.0 / tint.dot(crate::math::LUMA))
}

/// Contrast kept after `years` without a touch-up.
#[must_use]
pub fn fade(years: f32) -> f32 {
    libm::powf(1.0 - FADE_PER_YEAR, years)
}

/// How `imp` looks at `t`, with `mistakes`, on Monk `skin`.
#[must_use]
pub fn look(imp: &Impression, t: &Timepoint, mistakes: &Mistakes, skin: u8) -> DotLook {
    let fresh = t.fresh && imp.session == t.session;
    let (d, k, visible) = seen(imp.diameter_mm, imp.k, fresh, t);
    let cast = cool(DEPTH_SHIFT * light_skin(skin));
    if mistakes.too_deep {
        // Spread in the dermis: big, soft, weaker at the centre, and blue through light skin.
        let visible = (d * 6.0).clamp(BLOWN_MM.0, BLOWN_MM.1);
        let b = blue_shift(skin);
        let removal = Vec3::new(1.0 + b, 1.0 + 0.3 * b, 1.0 - 0.7 * b) * (k * BLOWN_K);
        let core = DotCore {
            gain: 0.0,
            ..DOT_CORE
        };
        let all = darkening(visible, removal, &core);
        return DotLook {
            diameter_mm: visible,
            removal: (removal * (1.0 - BLOWN_VEIL)).min(Vec3::splat(0.97)),
            veil: all * (BLOWN_VEIL * pairs(mistakes)),
        };
    }
    let removal = (cast * (k * DOT_K)).min(Vec3::splat(0.97));
    // The veil carries what the dot does not of the whole (fading and softening alike).
    let [nd, nk] = imp.nominal;
    // A helmet's dots are one size and shade whatever their session (see `impressions_from`).
    let (shade, area) = if mistakes.too_dense {
        (1.0, 1.0)
    } else {
        super::session_means(t.session)
    };
    let (_, nk, nv) = seen(nd * libm::sqrtf(area), nk * shade, fresh, t);
    let whole = darkening(
        nv * (TOTAL_SCALE / DOT_SCALE),
        cast * (nk * TOTAL_K),
        &NO_CORE,
    );
    let drawn = darkening(nv, (cast * (nk * DOT_K)).min(Vec3::splat(0.97)), &DOT_CORE);
    DotLook {
        diameter_mm: visible,
        removal,
        veil: (whole - drawn).max(Vec3::ZERO) * pairs(mistakes),
    }
}

/// What a dot's veil counts for, its pair's expected share included (a pair's own is none;
/// a helmet's dots have no pairs).
fn pairs(mistakes: &Mistakes) -> f32 {
    if mistakes.too_dense {
        1.0
    } else {
        1.0 + super::PAIR_SHARE * super::PAIR_SIZE * super::PAIR_SIZE
    }
}

/// A dot of pigment diameter `d` and darkness `k` as seen at `t`, `fresh` or healed: its
/// pigment diameter and k, and its drawn diameter.
fn seen(d: f32, k: f32, fresh: bool, t: &Timepoint) -> (f32, f32, f32) {
    let visible = d * DOT_SCALE;
    if fresh {
        (
            d / HEALED_SIZE,
            (k / HEALED_CONTRAST).min(0.95),
            visible / HEALED_SIZE,
        )
    } else if t.touch_up {
        (d, k, visible)
    } else {
        // Fading lowers contrast; softening spreads the same pigment wider (weaker).
        let spread = visible + 2.0 * BLUR_MM_PER_YEAR * t.years;
        (
            d,
            k * fade(t.years) * (visible / spread) * (visible / spread),
            spread,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_helmets_veil_does_not_follow_the_sessions() {
        // Its dots are one size and shade whatever their session, so the session means that
        // set a varied plan's veil must not set a helmet's.
        let dot = Impression {
            position: Vec3::ZERO,
            normal: Vec3::Z,
            st: [0.0, 0.0],
            diameter_mm: 0.15,
            k: 0.65,
            session: 1,
            nominal: [0.15, 0.65],
            pair: None,
        };
        let helmet = Mistakes {
            too_dense: true,
            ..Mistakes::default()
        };
        let at = |session| Timepoint {
            session,
            fresh: false,
            years: 0.0,
            touch_up: false,
        };
        let (one, three) = (
            look(&dot, &at(1), &helmet, 3),
            look(&dot, &at(3), &helmet, 3),
        );
        assert_eq!(one.veil, three.veil);
        let varied = Mistakes::default();
        let (one, three) = (
            look(&dot, &at(1), &varied, 3),
            look(&dot, &at(3), &varied, 3),
        );
        assert_ne!(
            one.veil, three.veil,
            "a varied plan's veil follows its sessions"
        );
    }
}
