//! Fills a Consultation from a [`Value`], field by field: the one reader of saved JSON, the
//! URL's object and the element's, natively and in the browser.
//!
//! Each struct starts from its defaults, so a missing field keeps its default; a name not in
//! its table is rejected, listing the table. The tables are the kebab-case names
//! [`super::write`] writes (DESIGN §8); `tests/reader.rs` holds the two to each other.

use super::value::{ReadError, Value};
use super::{Consultation, Sex};
use crate::hair::{HairColour, Hairstyle};
use crate::look::light::LightingPreset;
use crate::look::skin::{Gloss, Undertone};
use crate::loss::{Areata, FueScars, FutScar, LossSettings};
use crate::plan::{Coverage, HairlineStyle, Mistakes, Plan, TempleProfile};

const CONSULTATION: &[&str] = &[
    "seed",
    "sex",
    "head-scale",
    "skin",
    "undertone",
    "scalp-offset",
    "gloss",
    "lighting",
    "hairstyle",
    "hair-colour",
    "grey-fraction",
    "plan",
    "session",
    "fresh",
    "years",
    "touch-up",
    "preset",
    "loss",
];

/// Reads a consultation; it still has to be validated.
pub fn consultation(v: &Value) -> Result<Consultation, ReadError> {
    let mut c = Consultation::default();
    v.fields("struct Consultation", CONSULTATION, &mut |key, v| {
        match key {
            "seed" => c.seed = v.u64()?,
            "sex" => c.sex = v.choice(&Sex::ALL, Sex::name, "enum Sex")?,
            "head-scale" => c.head_scale = v.f32()?,
            "skin" => c.skin = v.u8()?,
            "undertone" => {
                c.undertone = v.choice(&Undertone::ALL, Undertone::name, "enum Undertone")?;
            }
            "scalp-offset" => c.scalp_offset = v.f32()?,
            "gloss" => c.gloss = v.choice(&Gloss::ALL, Gloss::name, "enum Gloss")?,
            "lighting" => {
                c.lighting = v.choice(
                    &LightingPreset::ALL,
                    LightingPreset::name,
                    "enum LightingPreset",
                )?;
            }
            "hairstyle" => {
                c.hairstyle = v.choice(&Hairstyle::ALL, Hairstyle::name, "enum Hairstyle")?;
            }
            "hair-colour" => {
                c.hair_colour = v.choice(&HairColour::ALL, HairColour::name, "enum HairColour")?;
            }
            "grey-fraction" => c.grey_fraction = v.f32()?,
            "plan" => c.plan = plan(v)?,
            "session" => c.session = v.u8()?,
            "fresh" => c.fresh = v.bool()?,
            "years" => c.years = v.f32()?,
            "touch-up" => c.touch_up = v.bool()?,
            "preset" => {
                c.preset = v.str("a string")?.parse().map_err(
                    |e: crate::loss::preset::UnknownPreset| ReadError::new(e.to_string()),
                )?;
            }
            "loss" => c.loss = loss(v)?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(c)
}

const PLAN: &[&str] = &[
    "density-per-cm2",
    "dot-mm",
    "dilution-k",
    "hairline-mm",
    "coverage",
    "hairline-style",
    "temple",
    "gradient-mm",
    "mistakes",
];

fn plan(v: &Value) -> Result<Plan, ReadError> {
    let mut p = Plan::default();
    v.fields("struct Plan", PLAN, &mut |key, v| {
        match key {
            "density-per-cm2" => p.density_per_cm2 = v.f32()?,
            "dot-mm" => p.dot_mm = v.f32()?,
            "dilution-k" => p.dilution_k = v.f32()?,
            "hairline-mm" => p.hairline_mm = v.f32()?,
            "coverage" => p.coverage = v.choice(&Coverage::ALL, Coverage::name, "enum Coverage")?,
            "hairline-style" => {
                p.hairline_style = v.choice(
                    &HairlineStyle::ALL,
                    HairlineStyle::name,
                    "enum HairlineStyle",
                )?;
            }
            "temple" => {
                p.temple = v.choice(
                    &TempleProfile::ALL,
                    TempleProfile::name,
                    "enum TempleProfile",
                )?;
            }
            "gradient-mm" => p.gradient_mm = v.some().map(Value::f32).transpose()?,
            "mistakes" => p.mistakes = mistakes(v)?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(p)
}

const MISTAKES: &[&str] = &[
    "too-deep",
    "too-dense",
    "too-dark",
    "ruler-hairline",
    "too-low",
];

fn mistakes(v: &Value) -> Result<Mistakes, ReadError> {
    let mut m = Mistakes::default();
    v.fields("struct Mistakes", MISTAKES, &mut |key, v| {
        let flag = match key {
            "too-deep" => &mut m.too_deep,
            "too-dense" => &mut m.too_dense,
            "too-dark" => &mut m.too_dark,
            "ruler-hairline" => &mut m.ruler_hairline,
            "too-low" => &mut m.too_low,
            _ => return Ok(false),
        };
        *flag = v.bool()?;
        Ok(true)
    })?;
    Ok(m)
}

const LOSS: &[&str] = &["edge-mm", "areata", "fut", "fue"];

fn loss(v: &Value) -> Result<LossSettings, ReadError> {
    let mut l = LossSettings::default();
    v.fields("struct LossSettings", LOSS, &mut |key, v| {
        match key {
            "edge-mm" => l.edge_mm = v.f32()?,
            "areata" => l.areata = v.some().map(areata).transpose()?,
            "fut" => l.fut = v.some().map(fut).transpose()?,
            "fue" => l.fue = v.some().map(fue).transpose()?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(l)
}

fn areata(v: &Value) -> Result<Areata, ReadError> {
    let mut a = Areata::default();
    v.fields("struct Areata", &["count", "diameter-mm"], &mut |key, v| {
        match key {
            "count" => a.count = v.u32()?,
            "diameter-mm" => a.diameter_mm = v.f32()?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(a)
}

fn fut(v: &Value) -> Result<FutScar, ReadError> {
    let mut f = FutScar::default();
    let names = &["length-mm", "width-mm", "above-inion-mm"];
    v.fields("struct FutScar", names, &mut |key, v| {
        let mm = match key {
            "length-mm" => &mut f.length_mm,
            "width-mm" => &mut f.width_mm,
            "above-inion-mm" => &mut f.above_inion_mm,
            _ => return Ok(false),
        };
        *mm = v.f32()?;
        Ok(true)
    })?;
    Ok(f)
}

fn fue(v: &Value) -> Result<FueScars, ReadError> {
    let mut f = FueScars::default();
    let names = &["count", "diameter-mm", "band-width-mm", "band-height-mm"];
    v.fields("struct FueScars", names, &mut |key, v| {
        match key {
            "count" => f.count = v.u32()?,
            "diameter-mm" => f.diameter_mm = v.f32()?,
            "band-width-mm" => f.band_width_mm = v.f32()?,
            "band-height-mm" => f.band_height_mm = v.f32()?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(f)
}
