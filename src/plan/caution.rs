//! Consultation cautions as data (research/domain.md §8): valid but unwise choices, and
//! client situations a practitioner must raise. The app shows them; nothing here refuses.

use crate::consultation::{Consultation, Sex};
use crate::hair::{HairColour, Hairstyle};
use crate::loss::Preset;

/// One caution: a stable code for software, a sentence for the client and practitioner.
#[derive(Clone, Debug, PartialEq)]
pub struct Caution {
    pub code: &'static str,
    pub message: String,
}

/// Hairline heights (mm above the glabella) that draw a caution (§5.6): under 6 cm is low;
/// 7 cm is aggressive; 10 cm is conservative.
pub const HAIRLINE_LOW_MM: f32 = 60.0;
pub const HAIRLINE_AGGRESSIVE_MM: f32 = 70.0;
pub const HAIRLINE_CONSERVATIVE_MM: f32 = 100.0;
/// Density above which work reads as a helmet (§5.5).
pub const HELMET_PER_CM2: f32 = 110.0;

/// Millimetres as centimetres with one decimal, by integer arithmetic: fixed-precision float
/// formatting would add about 5 KB to the wasm.
fn cm(mm: f32) -> String {
    let tenths = mm.round() as i32;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Every caution that applies to `c`, most serious first.
#[must_use]
pub fn cautions(c: &Consultation) -> Vec<Caution> {
    let mut out = Vec::new();
    let mut add = |code, message: String| out.push(Caution { code, message });
    let p = &c.plan;
    let m = &p.mistakes;
    if m.too_deep || m.too_dense || m.too_dark || m.ruler_hairline || m.too_low {
        add(
            "mistake-shown",
            "Showing a treatment mistake, not the plan: for training and honest discussion.".into(),
        );
    }
    if c.preset == Preset::AlopeciaAreata || c.loss.areata.is_some() {
        add(
            "active-areata",
            "Alopecia areata can be active or regrow: regrowth will not match the dots. Treat only stable patches.".into(),
        );
    }
    let mfp = p.drawn_hairline_mm();
    if mfp < HAIRLINE_LOW_MM {
        add(
            "hairline-low",
            format!("Hairline {} cm above the brow line: below 6 cm is too low for most adults (the cardinal sin of hairline design).", cm(mfp)),
        );
    } else if mfp <= HAIRLINE_AGGRESSIVE_MM {
        add(
            "hairline-aggressive",
            format!("Hairline {} cm above the brow line: aggressive (7 cm); check it suits the client's age.", cm(mfp)),
        );
    } else if mfp >= HAIRLINE_CONSERVATIVE_MM {
        add(
            "hairline-conservative",
            format!(
                "Hairline {} cm above the brow line: conservative (10 cm), ages well.",
                cm(mfp)
            ),
        );
    }
    if p.placed_density() > HELMET_PER_CM2 {
        add(
            "density-helmet",
            format!("{} impressions per cm²: above about 110 the work reads as one solid shade (a helmet).", p.placed_density().round() as i32),
        );
    }
    if let Some(next) = c.preset.next_stage() {
        add(
            "pattern-progressing",
            format!("Hair loss may still progress: look at the next stage ({}) before settling the treated area.", next.label()),
        );
    }
    if matches!(c.preset, Preset::Ludwig1) {
        add(
            "early-female-loss",
            "Early female thinning (Ludwig I): SMP gives little visible benefit yet.".into(),
        );
    }
    if matches!(c.preset, Preset::FutScar | Preset::FueScars)
        || c.loss.fut.is_some()
        || c.loss.fue.is_some()
    {
        add(
            "scars",
            "Scar tissue takes pigment less predictably: expect a fourth session about 30 days on; keloid scars are never treated.".into(),
        );
    }
    let light_hair = matches!(c.hair_colour, HairColour::LightBrown | HairColour::Blond);
    if c.skin <= 3 && light_hair {
        add(
            "light-skin-light-hair",
            "Very light skin with light hair: a dark result looks unnatural, a light pigment fades toward invisible, and a blue cast is more likely.".into(),
        );
    }
    if c.grey_fraction >= 0.3 {
        add(
            "grey-hair",
            "The pigment will not grey with the hair: agree whether to match today's colour or the future one.".into(),
        );
    }
    if c.skin >= 8 {
        add(
            "dark-skin-contrast",
            "On dark skin the dots contrast less with the skin: the result is softer.".into(),
        );
    }
    if c.session > 0
        && c.sex != Sex::Female
        && matches!(c.hairstyle, Hairstyle::Clipper1 | Hairstyle::Clipper2)
    {
        add(
            "keep-shaved",
            "SMP imitates a shaved head: the client keeps hair at razor to #0 length for life."
                .into(),
        );
    }
    if c.fresh && c.session > 0 {
        add(
            "fresh",
            "Day 0: dots look darker and larger and the skin is red; the true result shows at about 4 weeks.".into(),
        );
    }
    out
}
