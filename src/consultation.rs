//! The Consultation: everything a user can set, with defaults, validation and JSON.
//!
//! It is the only input of the pipeline (`Consultation → Scene → Frame`). Field names are the
//! kebab-case vocabulary shared by JSON, URL, element attributes and CLI flags (DESIGN §8).
//! Unknown fields are rejected rather than ignored, so a typo in saved JSON is reported.
//! JSON is written by [`write`] and read back by [`read`], natively and in wasm.

pub mod read;
pub mod value;
pub mod write;

use crate::decimal::Decimal;
use crate::hair::{HairColour, Hairstyle};
use crate::look::light::LightingPreset;
use crate::look::skin::{Gloss, Undertone};
use crate::loss::{check, LossError, LossSettings, Preset};
use crate::plan::Plan;
use core::fmt;

/// Biological head variant: it changes anthropometry (research/domain.md §0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sex {
    #[default]
    Male,
    Female,
}

impl Sex {
    pub const ALL: [Sex; 2] = [Self::Male, Self::Female];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
        }
    }

    /// Parses the kebab-case name used by the CLI and the URL.
    pub fn parse(name: &str) -> Result<Self, ConsultationError> {
        parse_named(&Self::ALL, Self::name, name).map_err(|e| ConsultationError::new("sex", e))
    }
}

/// Finds the option of `all` whose kebab-case `name` is `value`, or says which are accepted.
/// Shared by every named choice (hairstyle, hair colour, light).
pub(crate) fn parse_named<T: Copy>(
    all: &[T],
    name: impl Fn(T) -> &'static str,
    value: &str,
) -> Result<T, String> {
    all.iter()
        .copied()
        .find(|&o| name(o) == value)
        .ok_or_else(|| {
            let names: Vec<_> = all.iter().map(|&o| name(o)).collect();
            format!("unknown value `{value}`; accepted: {}", names.join(", "))
        })
}

/// Settings for one client. `Default` is the documented default client.
#[derive(Clone, Debug, PartialEq)]
pub struct Consultation {
    /// Seeds every random choice, so the same consultation renders the same bytes.
    pub seed: u64,
    pub sex: Sex,
    /// Uniform head size relative to the median adult of that sex.
    pub head_scale: f32,
    /// Monk Skin Tone 1–10 (research/domain.md §6.2; default MST 4 per §9 row 12).
    pub skin: u8,
    /// Cool, neutral or warm (§6.3).
    pub undertone: Undertone,
    /// Scalp lightness relative to the face, in L* (§6.2: −5 to +5).
    pub scalp_offset: f32,
    /// Matte, normal or oily scalp (§7.3).
    pub gloss: Gloss,
    /// The light the head is seen under (§7.4).
    pub lighting: LightingPreset,
    /// How the client wears their hair (§4.4; default razor + 1 day, §9 row 10).
    pub hairstyle: Hairstyle,
    /// Natural hair colour (§9 row 11).
    pub hair_colour: HairColour,
    /// Share of grey shafts, 0–1 (§9 row 11).
    pub grey_fraction: f32,
    /// The SMP plan: hairline, density, dot size, darkness.
    pub plan: Plan,
    /// Timepoint: 0 before treatment, 1–3 healed after that many sessions (§5.2).
    pub session: u8,
    /// Day 0 of the latest session instead of healed (§5.4).
    pub fresh: bool,
    /// Years since the last session (§5.4 fading), 0–6.
    pub years: f32,
    /// A touch-up at that point, restoring the healed look (§5.4).
    pub touch_up: bool,
    /// Hair-loss pattern (default Norwood III, domain.md §9 row 1).
    pub preset: Preset,
    /// Pattern details: edge softness, patches and scars.
    pub loss: LossSettings,
}

impl Default for Consultation {
    fn default() -> Self {
        Self {
            seed: 1,
            sex: Sex::Male,
            head_scale: 1.0,
            skin: 4,
            undertone: Undertone::Neutral,
            scalp_offset: 0.0,
            gloss: Gloss::Normal,
            lighting: LightingPreset::Clinic,
            hairstyle: Hairstyle::Stubble1d,
            hair_colour: HairColour::DarkBrown,
            grey_fraction: 0.0,
            plan: Plan::default(),
            session: 0,
            fresh: false,
            years: 0.0,
            touch_up: false,

            preset: Preset::Norwood3,
            loss: LossSettings::default(),
        }
    }
}

/// Accepted range of `head-scale`: about ±3 SD of head circumference (domain.md §0).
pub const HEAD_SCALE_RANGE: (f32, f32) = (0.9, 1.1);
/// Accepted years after treatment (issue #5: 1–6 years on, 0 healed).
pub const YEARS_RANGE: (f32, f32) = (0.0, 6.0);
/// Accepted Monk Skin Tone steps.
pub const SKIN_RANGE: (u8, u8) = (1, 10);
/// Accepted scalp-versus-face lightness offsets (L*), domain.md §6.2 and §9 row 14.
pub const SCALP_OFFSET_RANGE: (f32, f32) = (-5.0, 5.0);

impl Consultation {
    /// Checks every field against its accepted range.
    pub fn validate(&self) -> Result<(), ConsultationError> {
        let range = |e: LossError| ConsultationError::new(&e.field, e.message);
        check("head-scale", self.head_scale, HEAD_SCALE_RANGE, "").map_err(range)?;
        let (lo, hi) = SKIN_RANGE;
        if !(lo..=hi).contains(&self.skin) {
            return Err(ConsultationError::new(
                "skin",
                format!("{} is out of range; accepted: Monk {lo} to {hi}", self.skin),
            ));
        }
        check("scalp-offset", self.scalp_offset, SCALP_OFFSET_RANGE, " L*").map_err(range)?;
        check("grey-fraction", self.grey_fraction, (0.0, 1.0), "").map_err(range)?;
        if self.session > 3 {
            return Err(ConsultationError::new(
                "session",
                format!(
                    "{} is out of range; accepted: 0 (before) to 3",
                    self.session
                ),
            ));
        }
        check("years", self.years, YEARS_RANGE, " years").map_err(range)?;
        if self.fresh && self.session == 0 {
            return Err(ConsultationError::new(
                "fresh",
                "needs a session to be fresh from; accepted: fresh with session 1 to 3".into(),
            ));
        }
        if self.fresh && self.years > 0.0 {
            return Err(ConsultationError::new(
                "fresh",
                format!(
                    "a fresh session is day 0, not {} years on; accepted: fresh with years 0",
                    Decimal(self.years)
                ),
            ));
        }
        self.plan.validate().map_err(range)?;
        self.loss.validate().map_err(range)
    }

    /// When the head is seen, relative to the treatment.
    #[must_use]
    pub fn timepoint(&self) -> crate::plan::Timepoint {
        crate::plan::Timepoint {
            session: self.session,
            fresh: self.fresh,
            years: self.years,
            touch_up: self.touch_up,
        }
    }

    /// Parses and validates JSON. Missing fields take their defaults. (Native only: in the
    /// browser, JSON is parsed by JavaScript and arrives as an object, read by the same
    /// [`read::consultation`].)
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json(text: &str) -> Result<Self, ConsultationError> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(ConsultationError::from_serde)?;
        let c = read::consultation(&v.into())?;
        c.validate()?;
        Ok(c)
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[must_use]
    pub fn to_json(&self) -> String {
        write::consultation(self).to_json()
    }
}

/// Bad input: names the field and says what is accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsultationError {
    pub field: String,
    pub message: String,
}

impl ConsultationError {
    #[must_use]
    pub fn new(field: &str, message: String) -> Self {
        Self {
            field: field.to_owned(),
            message,
        }
    }

    /// JSON that does not parse: serde_json says where.
    pub fn from_serde(e: impl fmt::Display) -> Self {
        Self::new("consultation", e.to_string())
    }
}

/// The field is the error's path; one about the whole consultation names `consultation`.
impl From<value::ReadError> for ConsultationError {
    fn from(e: value::ReadError) -> Self {
        let field = if e.path.is_empty() {
            "consultation".to_owned()
        } else {
            e.path
        };
        Self {
            field,
            message: e.message,
        }
    }
}

impl fmt::Display for ConsultationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ConsultationError {}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn defaults_round_trip_through_json() {
        let c = Consultation::default();
        assert_eq!(Consultation::from_json(&c.to_json()).unwrap(), c);
        assert_eq!(Consultation::from_json("{}").unwrap(), c);
    }

    #[test]
    fn bad_input_names_field_and_range() {
        let e = Consultation::from_json(r#"{"skin": 11}"#).unwrap_err();
        assert_eq!(e.field, "skin");
        assert!(e.message.contains("1 to 10"), "{e}");
        let e = Consultation::from_json(r#"{"head-scale": 2.0}"#).unwrap_err();
        assert_eq!(e.field, "head-scale");
        let e = Consultation::from_json(r#"{"skn": 3}"#).unwrap_err();
        assert!(
            e.message.contains("skn") && e.message.contains("skin"),
            "{e}"
        );
        let e = Consultation::from_json(r#"{"sex": "other"}"#).unwrap_err();
        assert!(e.message.contains("male"), "{e}");
        let c = Consultation::from_json(r#"{"hairstyle": "clipper-1", "lighting": "warm-home"}"#)
            .unwrap();
        assert_eq!(c.hairstyle, crate::hair::Hairstyle::Clipper1);
        let e = Consultation::from_json(r#"{"hairstyle": "mohawk"}"#).unwrap_err();
        assert!(
            e.message.contains("stubble-1d") && e.message.contains("clipper-2"),
            "{e}"
        );
        let e = Consultation::from_json(r#"{"preset": "norwood-9"}"#).unwrap_err();
        assert!(
            e.message.contains("norwood-9") && e.message.contains("ludwig-3"),
            "{e}"
        );
        let e = Consultation::from_json(r#"{"loss": {"fut": {"width-mm": 30}}}"#).unwrap_err();
        assert_eq!(e.field, "loss.fut.width-mm");
        assert!(e.message.contains("0.5 to 10"), "{e}");
    }

    /// (field, message) of the error `json` gets.
    fn error(json: &str) -> (String, String) {
        let e = Consultation::from_json(json).unwrap_err();
        (e.field, e.message)
    }

    #[test]
    fn reading_errors_name_the_path_what_was_found_and_what_was_expected() {
        let s = |f: &str, m: &str| (f.to_owned(), m.to_owned());
        assert_eq!(
            error(r#"{"skin": 4.5}"#),
            s("skin", "invalid type: number `4.5`, expected u8")
        );
        assert_eq!(
            error(r#"{"skin": 300}"#),
            s("skin", "invalid value: integer `300`, expected u8")
        );
        assert_eq!(
            error(r#"{"session": -1}"#),
            s("session", "invalid value: integer `-1`, expected u8")
        );
        assert_eq!(
            error(r#"{"plan": {"dot-mm": "big"}}"#),
            s("plan.dot-mm", "invalid type: string `big`, expected f32")
        );
        assert_eq!(
            error(r#"{"plan": {"mistakes": {"too-deep": 1}}}"#),
            s(
                "plan.mistakes.too-deep",
                "invalid type: integer `1`, expected a boolean"
            )
        );
        assert_eq!(
            error(r#"{"loss": {"areata": {"count": 2.5}}}"#),
            s(
                "loss.areata.count",
                "invalid type: number `2.5`, expected u32"
            )
        );
        assert_eq!(
            error(r#"{"loss": {"fue": {"count": 5000000000}}}"#),
            s(
                "loss.fue.count",
                "invalid value: integer `5000000000`, expected u32"
            )
        );
        assert_eq!(
            error(r#"{"plan": 3}"#),
            s("plan", "invalid type: integer `3`, expected struct Plan")
        );
        assert_eq!(
            error("[1, 2]"),
            s(
                "consultation",
                "invalid type: an array, expected struct Consultation"
            )
        );
        assert_eq!(
            error(r#"{"seed": null}"#),
            s("seed", "invalid type: null, expected u64")
        );
        let (field, message) = error(r#"{"plan": {"dot-size": 1}}"#);
        assert_eq!(field, "plan");
        assert!(
            message.starts_with("unknown field `dot-size`, expected one of `density-per-cm2`"),
            "{message}"
        );
        let (field, message) = error(r#"{"lighting": "disco"}"#);
        assert_eq!(field, "lighting");
        assert!(
            message.starts_with("unknown variant `disco`, expected one of `clinic`"),
            "{message}"
        );
        let (field, message) = error(r#"{"lighting": true}"#);
        assert_eq!(
            (field.as_str(), message.as_str()),
            (
                "lighting",
                "invalid type: boolean `true`, expected enum LightingPreset"
            )
        );
        assert_eq!(error("{").0, "consultation");
    }

    #[test]
    fn missing_fields_default_and_null_unsets_an_option() {
        let c = Consultation::from_json(
            r#"{"plan": {"gradient-mm": null, "mistakes": {"too-low": true}},
                "loss": {"areata": {}, "fut": null}, "seed": 18446744073709551615}"#,
        )
        .unwrap();
        let d = Consultation::default();
        assert_eq!(c.plan.gradient_mm, None);
        assert!(c.plan.mistakes.too_low && !c.plan.mistakes.too_deep);
        assert_eq!(c.plan.dot_mm, d.plan.dot_mm);
        assert_eq!(c.loss.areata, Some(crate::loss::Areata::default()));
        assert_eq!(c.loss.fut, None);
        assert_eq!(c.loss.edge_mm, d.loss.edge_mm);
        assert_eq!(c.seed, u64::MAX);
        let c = Consultation::from_json(r#"{"plan": {"gradient-mm": 4}, "skin": 6.0}"#).unwrap();
        assert_eq!((c.plan.gradient_mm, c.skin), (Some(4.0), 6));
    }
}
