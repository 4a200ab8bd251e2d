//! Writes a Consultation, the plan's estimate and its cautions as [`Value`] trees: the one
//! writer of the JSON vocabulary (DESIGN §8), the mirror of [`super::read`]. In the browser a
//! tree becomes a JavaScript object (`web.rs`); natively it becomes text ([`Value::to_json`]).
//!
//! Not serde: its derived `Serialize` impls, with serde-wasm-bindgen's serializer and the
//! string cache it keeps in a hash map, were about 7 KB of wasm for seven exports. The field
//! tables here and in the reader are held to each other by `tests/reader.rs`.

use super::value::Value;
use super::Consultation;
use crate::loss::{Areata, FueScars, FutScar, LossSettings};
use crate::plan::{Caution, Estimate, Mistakes, Plan};

/// An object from its fields, in the order given.
fn map(fields: Vec<(&str, Value)>) -> Value {
    Value::Map(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// A float as JSON holds it: f64, exactly the f32's value.
fn num(x: f32) -> Value {
    Value::Num(f64::from(x))
}

fn name(s: &str) -> Value {
    Value::Str(s.to_owned())
}

/// An optional part: `null` when not set, as the reader reads it.
fn opt<T>(part: Option<&T>, write: fn(&T) -> Value) -> Value {
    part.map_or(Value::Null, write)
}

/// The whole consultation, every field, in the reader's order.
#[must_use]
pub fn consultation(c: &Consultation) -> Value {
    map(vec![
        ("seed", Value::Int(c.seed)),
        ("sex", name(c.sex.name())),
        ("head-scale", num(c.head_scale)),
        ("skin", Value::Int(c.skin.into())),
        ("undertone", name(c.undertone.name())),
        ("scalp-offset", num(c.scalp_offset)),
        ("gloss", name(c.gloss.name())),
        ("lighting", name(c.lighting.name())),
        ("hairstyle", name(c.hairstyle.name())),
        ("hair-colour", name(c.hair_colour.name())),
        ("grey-fraction", num(c.grey_fraction)),
        ("plan", plan(&c.plan)),
        ("session", Value::Int(c.session.into())),
        ("fresh", Value::Bool(c.fresh)),
        ("years", num(c.years)),
        ("touch-up", Value::Bool(c.touch_up)),
        ("preset", name(c.preset.name())),
        ("loss", loss(&c.loss)),
    ])
}

fn plan(p: &Plan) -> Value {
    map(vec![
        ("density-per-cm2", num(p.density_per_cm2)),
        ("dot-mm", num(p.dot_mm)),
        ("dilution-k", num(p.dilution_k)),
        ("hairline-mm", num(p.hairline_mm)),
        ("coverage", name(p.coverage.name())),
        ("hairline-style", name(p.hairline_style.name())),
        ("temple", name(p.temple.name())),
        ("gradient-mm", p.gradient_mm.map_or(Value::Null, num)),
        ("mistakes", mistakes(&p.mistakes)),
    ])
}

fn mistakes(m: &Mistakes) -> Value {
    map(vec![
        ("too-deep", Value::Bool(m.too_deep)),
        ("too-dense", Value::Bool(m.too_dense)),
        ("too-dark", Value::Bool(m.too_dark)),
        ("ruler-hairline", Value::Bool(m.ruler_hairline)),
        ("too-low", Value::Bool(m.too_low)),
    ])
}

fn loss(l: &LossSettings) -> Value {
    map(vec![
        ("edge-mm", num(l.edge_mm)),
        ("areata", opt(l.areata.as_ref(), areata)),
        ("fut", opt(l.fut.as_ref(), fut)),
        ("fue", opt(l.fue.as_ref(), fue)),
    ])
}

fn areata(a: &Areata) -> Value {
    map(vec![
        ("count", Value::Int(a.count.into())),
        ("diameter-mm", num(a.diameter_mm)),
    ])
}

fn fut(f: &FutScar) -> Value {
    map(vec![
        ("length-mm", num(f.length_mm)),
        ("width-mm", num(f.width_mm)),
        ("above-inion-mm", num(f.above_inion_mm)),
    ])
}

fn fue(f: &FueScars) -> Value {
    map(vec![
        ("count", Value::Int(f.count.into())),
        ("diameter-mm", num(f.diameter_mm)),
        ("band-width-mm", num(f.band_width_mm)),
        ("band-height-mm", num(f.band_height_mm)),
    ])
}

/// `{ treated-cm2, impressions-total, impressions-per-session, sessions, hours,
/// touch-up-years }`.
#[must_use]
pub fn estimate(e: &Estimate) -> Value {
    let per = e.impressions_per_session.iter();
    map(vec![
        ("treated-cm2", num(e.treated_cm2)),
        ("impressions-total", Value::Int(e.impressions_total.into())),
        (
            "impressions-per-session",
            Value::Seq(per.map(|&n| Value::Int(n.into())).collect()),
        ),
        ("sessions", Value::Int(e.sessions.into())),
        ("hours", num(e.hours)),
        (
            "touch-up-years",
            Value::Seq(e.touch_up_years.iter().map(|&y| num(y)).collect()),
        ),
    ])
}

/// `[{ code, message }]`.
#[must_use]
pub fn cautions(list: &[Caution]) -> Value {
    let one = |c: &Caution| {
        map(vec![
            ("code", name(c.code)),
            ("message", Value::Str(c.message.clone())),
        ])
    };
    Value::Seq(list.iter().map(one).collect())
}

impl Value {
    /// Pretty JSON text, two spaces an indent. A number that is exactly an f32 is written as
    /// that f32's shortest form (`0.15`, not `0.15000000596046448`), so files stay readable;
    /// it reads back to the same f32. Not NaN or infinite: JSON has none, they become `null`.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out, 0);
        out
    }

    fn write_json(&self, out: &mut String, depth: usize) {
        use core::fmt::Write;
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Num(x) if !x.is_finite() => out.push_str("null"),
            Value::Num(x) => {
                let start = out.len();
                let narrow = *x as f32;
                let _ = if f64::from(narrow) == *x {
                    write!(out, "{narrow}")
                } else {
                    write!(out, "{x}")
                };
                if !out[start..].contains('.') {
                    out.push_str(".0");
                }
            }
            Value::Str(s) => quote(out, s),
            Value::Seq(items) if items.is_empty() => out.push_str("[]"),
            Value::Map(pairs) if pairs.is_empty() => out.push_str("{}"),
            Value::Seq(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    newline(out, depth + 1, i > 0);
                    v.write_json(out, depth + 1);
                }
                newline(out, depth, false);
                out.push(']');
            }
            Value::Map(pairs) => {
                out.push('{');
                for (i, (k, v)) in pairs.iter().enumerate() {
                    newline(out, depth + 1, i > 0);
                    quote(out, k);
                    out.push_str(": ");
                    v.write_json(out, depth + 1);
                }
                newline(out, depth, false);
                out.push('}');
            }
        }
    }
}

fn newline(out: &mut String, depth: usize, comma: bool) {
    if comma {
        out.push(',');
    }
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A JSON string: quotes, backslashes and control characters escaped.
fn quote(out: &mut String, s: &str) {
    use core::fmt::Write;
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn text_is_valid_json_with_short_floats_and_escapes() {
        let v = map(vec![
            ("dot", num(0.15)),
            ("whole", num(75.0)),
            ("wide", Value::Num(0.1)),
            ("nan", Value::Num(f64::NAN)),
            ("seed", Value::Int(u64::MAX)),
            ("say", Value::Str("a \"b\"\\\n\u{1}é".into())),
            ("none", Value::Seq(vec![])),
            ("two", Value::Seq(vec![Value::Bool(true), Value::Null])),
        ]);
        let text = v.to_json();
        let expected = "{\n  \"dot\": 0.15,\n  \"whole\": 75.0,\n  \"wide\": 0.1,\n  \
            \"nan\": null,\n  \"seed\": 18446744073709551615,\n  \
            \"say\": \"a \\\"b\\\"\\\\\\n\\u0001é\",\n  \"none\": [],\n  \
            \"two\": [\n    true,\n    null\n  ]\n}";
        assert_eq!(text, expected);
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["say"], "a \"b\"\\\n\u{1}é");
        assert_eq!(parsed["seed"], u64::MAX);
        assert_eq!(parsed["dot"].as_f64().unwrap() as f32, 0.15);
    }
}
