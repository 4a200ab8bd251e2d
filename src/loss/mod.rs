//! Hair-loss patterns as density fields over the scalp chart.
//!
//! A field gives, at any scalp point, the fraction of native hair density that remains
//! (1 = native, 0 = bald), how miniaturised the surviving hairs are, and whether the skin is
//! scar. Edges are soft ramps (research/domain.md §1.1 Vecchio: density does not fall off a
//! cliff; §9 row 7: 1.5 cm default), wander with seeded noise, and differ left to right.
//! Patterns are placed where clinicians place them: by midline distance from the glabella,
//! by the coronal line through the ear canals, around the crown whorl, and by height above
//! the ear tops. Domain code only: no pixels here.

mod female;
pub mod measure;
mod native;
pub mod noise;
mod norwood;
pub mod patches;
pub mod preset;

use crate::decimal::Decimal;
use crate::head::{Head, Landmarks, ScalpPoint};
use crate::math::smoothstep;
pub use native::HairlineShape;
use noise::EdgeNoise;
pub use patches::{Areata, FueScars, FutScar};
pub use preset::Preset;

/// The user-settable parts of a loss pattern beyond the preset's name.
#[derive(Clone, Debug, PartialEq)]
pub struct LossSettings {
    /// Width of the density ramp at pattern edges (mm; domain.md §9 row 7: 15, 5–30).
    pub edge_mm: f32,
    /// Alopecia areata patches; used by `alopecia-areata`, or added to any preset when set.
    pub areata: Option<Areata>,
    /// FUT strip scar; used by `fut-scar`, or added to any preset when set.
    pub fut: Option<FutScar>,
    /// FUE dot scars; used by `fue-scars`, or added to any preset when set.
    pub fue: Option<FueScars>,
}

impl Default for LossSettings {
    fn default() -> Self {
        Self {
            edge_mm: 15.0,
            areata: None,
            fut: None,
            fue: None,
        }
    }
}

/// Accepted edge ramp widths (mm), domain.md §9 row 7 (0.5–3 cm).
pub const EDGE_RANGE: (f32, f32) = (5.0, 30.0);

/// A field value at one scalp point.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct LossSample {
    /// Fraction of the native density present (0..=1); 0 off the hair-bearing scalp.
    pub density: f32,
    /// How miniaturised (finer, lighter) the surviving hairs are, 0..=1.
    pub miniaturised: f32,
    /// Scar tissue (lighter, shinier, hairless), 0..=1.
    pub scar: f32,
}

/// A bad loss parameter: names the field and the accepted range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LossError {
    pub field: String,
    pub message: String,
}

impl core::fmt::Display for LossError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for LossError {}

pub(crate) fn check(
    field: &str,
    v: f32,
    (lo, hi): (f32, f32),
    unit: &str,
) -> Result<(), LossError> {
    if (lo..=hi).contains(&v) {
        Ok(())
    } else {
        Err(LossError {
            field: field.to_owned(),
            message: format!(
                "{} is out of range; accepted: {} to {}{unit}",
                Decimal(v),
                Decimal(lo),
                Decimal(hi)
            ),
        })
    }
}

impl LossSettings {
    /// Checks every parameter against its accepted range.
    pub fn validate(&self) -> Result<(), LossError> {
        check("loss.edge-mm", self.edge_mm, EDGE_RANGE, " mm")?;
        if let Some(a) = &self.areata {
            a.validate()?;
        }
        if let Some(f) = &self.fut {
            f.validate()?;
        }
        if let Some(f) = &self.fue {
            f.validate()?;
        }
        Ok(())
    }
}

/// Soft step from 0 (d ≪ 0) to 1 (d ≫ 0) over `width`.
#[inline]
pub(crate) fn ramp(d: f32, width: f32) -> f32 {
    smoothstep(-0.5 * width, 0.5 * width, d)
}

/// What every pattern needs to know about the head it is drawn on.
#[derive(Clone, Debug)]
pub(crate) struct Ctx {
    pub lm: Landmarks,
    /// Head scale (1 = median male); chart distances scale with it.
    pub k: f32,
    pub edge: f32,
    pub noise: EdgeNoise,
    /// Mature (adult) mid-frontal hairline height, s in mm.
    pub mature_mfp: f32,
    /// Left/right asymmetry factor for recession depths (about ±4 %).
    pub asym: f32,
}

impl Ctx {
    /// Edge wander (mm) at q: irregular, and different on each side.
    pub fn wander(&self, q: &ScalpPoint, amp_mm: f32) -> f32 {
        self.noise.at(q.s, q.t, 22.0 * self.k) * amp_mm * self.k
    }

    /// Recession depth factor for the side q is on.
    pub fn side(&self, q: &ScalpPoint) -> f32 {
        if q.t >= 0.0 {
            1.0 + self.asym
        } else {
            1.0 - self.asym
        }
    }
}

/// A preset (plus overlays) made concrete on one head.
#[derive(Clone, Debug)]
pub struct LossField {
    preset: Preset,
    ctx: Ctx,
    overlays: patches::Overlays,
}

impl LossField {
    /// Builds the field of `preset` on `head`. `settings` must be valid.
    pub fn new(
        preset: Preset,
        settings: &LossSettings,
        head: &Head,
        seed: u64,
    ) -> Result<Self, LossError> {
        settings.validate()?;
        let k = head.params.scale;
        let female = head.params.sex == crate::consultation::Sex::Female;
        let noise = EdgeNoise::new(seed);
        let ctx = Ctx {
            lm: head.landmarks.clone(),
            k,
            edge: settings.edge_mm * k,
            noise,
            // domain.md §0: trichion–glabella about 61 mm (men) and 55 mm (women) in young
            // adults; the mature male hairline sits at 7–8 cm (§1.2 Norwood II), 7–8.5 in the
            // §0 table: 78, 6 mm lower on the face than the 75 it was when the glabella lay
            // 9 mm above the brows.
            mature_mfp: if female { 60.0 } else { 78.0 } * k,
            asym: 0.04 * noise.channel(7).at(1.0, 1.0, 1.0),
        };
        let overlays = patches::Overlays::new(preset, settings, &ctx, head, seed)?;
        Ok(Self {
            preset,
            ctx,
            overlays,
        })
    }

    #[must_use]
    pub fn preset(&self) -> Preset {
        self.preset
    }

    /// The full head of hair this pattern is measured against (mature hairline; the juvenile
    /// hairline for Norwood I), 0..=1.
    #[must_use]
    pub fn native(&self, q: &ScalpPoint) -> f32 {
        native::native(q, &self.ctx, self.front_of_native())
    }

    /// A full head of hair with its midline hairline at `mfp` mm (e.g. a planned SMP
    /// hairline), 0..=1.
    #[must_use]
    pub fn full_head(&self, q: &ScalpPoint, mfp: f32) -> f32 {
        native::native(q, &self.ctx, mfp)
    }

    /// A full head of hair under a drawn frontal hairline, 0..=1.
    #[must_use]
    pub fn planned(&self, q: &ScalpPoint, h: &HairlineShape) -> f32 {
        native::shaped(q, &self.ctx, h)
    }

    /// Signed mm of q behind the drawn front line `h` (negative: ahead, on the forehead).
    #[must_use]
    pub fn behind_front_line(&self, q: &ScalpPoint, h: &HairlineShape) -> f32 {
        native::behind_front_line(q, &self.ctx, h)
    }

    /// The mature full head (reference for bald areas), whatever the preset.
    #[must_use]
    pub fn mature(&self, q: &ScalpPoint) -> f32 {
        native::native(q, &self.ctx, self.ctx.mature_mfp)
    }

    fn front_of_native(&self) -> f32 {
        if self.preset == Preset::Norwood1 {
            norwood::juvenile_mfp(&self.ctx)
        } else {
            self.ctx.mature_mfp
        }
    }

    /// The field at `q`.
    #[must_use]
    pub fn sample(&self, q: &ScalpPoint) -> LossSample {
        let native = self.native(q);
        if native <= 0.0 {
            return LossSample::default();
        }
        let (retained, mini) = match self.preset {
            p if norwood::is_norwood(p) => norwood::retained(p, q, &self.ctx),
            p if p.is_female_pattern() => female::retained(p, q, &self.ctx),
            Preset::Diffuse1 | Preset::Diffuse2 | Preset::Diffuse3 => {
                female::retained(self.preset, q, &self.ctx)
            }
            // Scar and patch presets sit on a mature head with no pattern loss.
            _ => (1.0, 0.0),
        };
        let (patch_keep, scar) = self.overlays.at(q);
        let density = native * retained * patch_keep;
        LossSample {
            density,
            miniaturised: if density > 0.0 { mini.min(1.0) } else { 0.0 },
            scar,
        }
    }

    /// Whether the field has scars (FUT or FUE), which keep their own look.
    #[must_use]
    pub fn has_scars(&self) -> bool {
        self.overlays.has_scars()
    }

    /// The landmarks the field was placed by.
    #[must_use]
    pub fn landmarks(&self) -> &Landmarks {
        &self.ctx.lm
    }
}
