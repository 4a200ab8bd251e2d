//! One vocabulary (DESIGN §8): the reader accepts exactly the names the `Serialize` side
//! writes, and reads back everything it wrote.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value as Json};
use smp_visualiser::consultation::read;
use smp_visualiser::consultation::Sex;
use smp_visualiser::hair::{HairColour, Hairstyle};
use smp_visualiser::look::light::LightingPreset;
use smp_visualiser::look::skin::{Gloss, Undertone};
use smp_visualiser::loss::{Areata, FueScars, FutScar, LossSettings, Preset};
use smp_visualiser::plan::{Coverage, HairlineStyle, Mistakes, Plan, TempleProfile};
use smp_visualiser::Consultation;

/// Every field away from its default: every option set, every flag on.
fn everything_set() -> Consultation {
    Consultation {
        seed: u64::MAX - 7,
        sex: Sex::Female,
        head_scale: 1.05,
        skin: 8,
        undertone: Undertone::Warm,
        scalp_offset: -2.5,
        gloss: Gloss::Oily,
        lighting: LightingPreset::WarmHome,
        hairstyle: Hairstyle::LongPart,
        hair_colour: HairColour::Blond,
        grey_fraction: 0.3,
        plan: Plan {
            density_per_cm2: 90.0,
            dot_mm: 0.2,
            dilution_k: 0.5,
            hairline_mm: 80.0,
            coverage: Coverage::FullScalp,
            hairline_style: HairlineStyle::WidowsPeak,
            temple: TempleProfile::Defined,
            gradient_mm: Some(6.5),
            mistakes: Mistakes {
                too_deep: true,
                too_dense: true,
                too_dark: true,
                ruler_hairline: true,
                too_low: true,
            },
        },
        session: 2,
        fresh: true,
        years: 4.5,
        touch_up: true,
        preset: Preset::SavinIII,
        loss: LossSettings {
            edge_mm: 20.0,
            areata: Some(Areata {
                count: 5,
                diameter_mm: 30.0,
            }),
            fut: Some(FutScar {
                length_mm: 250.0,
                width_mm: 3.0,
                above_inion_mm: 25.0,
            }),
            fue: Some(FueScars {
                count: 3000,
                diameter_mm: 1.0,
                band_width_mm: 160.0,
                band_height_mm: 70.0,
            }),
        },
    }
}

fn read_json(v: &Json) -> Result<Consultation, smp_visualiser::consultation::value::ReadError> {
    read::consultation(&v.clone().into())
}

#[test]
fn reads_back_everything_serialize_writes() {
    let c = everything_set();
    let defaults = Consultation::default();
    assert_ne!(c.plan, defaults.plan);
    assert_ne!(c.loss, defaults.loss);
    let written = serde_json::to_value(&c).unwrap();
    assert_eq!(read_json(&written).unwrap(), c);
    // Through text too, as the CLI reads a file (validation aside: fresh with years on).
    let text = serde_json::to_string(&c).unwrap();
    let parsed: Json = serde_json::from_str(&text).unwrap();
    assert_eq!(read_json(&parsed).unwrap(), c);
}

/// `{a: {b: inner}}` for the path `[a, b]`.
fn nest(path: &[String], inner: Json) -> Json {
    path.iter()
        .rev()
        .fold(inner, |v, key| json!({ key.as_str(): v }))
}

/// Every object in `v` with its path.
fn objects(v: &Json, path: &mut Vec<String>, out: &mut Vec<(Vec<String>, Json)>) {
    if let Json::Object(m) = v {
        out.push((path.clone(), v.clone()));
        for (k, child) in m {
            path.push(k.clone());
            objects(child, path, out);
            path.pop();
        }
    }
}

#[test]
fn every_key_serialize_writes_is_accepted_and_listed() {
    let written = serde_json::to_value(everything_set()).unwrap();
    let mut found = Vec::new();
    objects(&written, &mut Vec::new(), &mut found);
    assert_eq!(
        found.len(),
        7,
        "consultation, plan, mistakes, loss, areata, fut, fue"
    );
    for (path, object) in found {
        let Json::Object(m) = &object else {
            unreachable!()
        };
        let mut keys: Vec<&str> = m.keys().map(String::as_str).collect();
        for (k, v) in m {
            let one = nest(&path, json!({ k.as_str(): v }));
            assert!(read_json(&one).is_ok(), "{}.{k} rejected", path.join("."));
        }
        // An unknown name at this level lists exactly the names written there.
        let e = read_json(&nest(&path, json!({ "no-such-field": 1 }))).unwrap_err();
        assert_eq!(e.path, path.join("."));
        let listed = e.message.split_once("expected one of ").unwrap().1;
        let mut listed: Vec<&str> = listed.split(", ").map(|n| n.trim_matches('`')).collect();
        keys.sort_unstable();
        listed.sort_unstable();
        assert_eq!(listed, keys, "{}", e.message);
    }
}

#[test]
fn every_enum_name_is_the_one_serialize_writes() {
    fn same<T: serde::Serialize + Copy>(all: &[T], name: fn(T) -> &'static str) {
        for &v in all {
            assert_eq!(serde_json::to_value(v).unwrap(), json!(name(v)));
        }
    }
    same(&Sex::ALL, Sex::name);
    same(&Undertone::ALL, Undertone::name);
    same(&Gloss::ALL, Gloss::name);
    same(&LightingPreset::ALL, LightingPreset::name);
    same(&Hairstyle::ALL, Hairstyle::name);
    same(&HairColour::ALL, HairColour::name);
    same(&Coverage::ALL, Coverage::name);
    same(&HairlineStyle::ALL, HairlineStyle::name);
    same(&TempleProfile::ALL, TempleProfile::name);
    for (p, name) in smp_visualiser::loss::preset::ALL {
        assert_eq!(serde_json::to_value(p).unwrap(), json!(name));
    }
}
