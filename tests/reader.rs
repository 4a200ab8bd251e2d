//! One vocabulary (DESIGN §8): the reader accepts exactly the names the writer writes, and
//! reads back everything it wrote, as a tree and through JSON text.
#![cfg(not(target_arch = "wasm32"))]

use smp_visualiser::consultation::value::{ReadError, Value};
use smp_visualiser::consultation::Sex;
use smp_visualiser::consultation::{read, write};
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

fn read_tree(v: &Value) -> Result<Consultation, ReadError> {
    read::consultation(v)
}

#[test]
fn reads_back_everything_the_writer_writes() {
    let c = everything_set();
    let defaults = Consultation::default();
    assert_ne!(c.plan, defaults.plan);
    assert_ne!(c.loss, defaults.loss);
    let written = write::consultation(&c);
    assert_eq!(read_tree(&written).unwrap(), c);
    // Through text too, as the CLI reads a file (validation aside: fresh with years on).
    let text = written.to_json();
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(read_tree(&parsed.into()).unwrap(), c);
    // And as the browser hands it back: every number an f64 (the seed below 2⁵³ there).
    let browser = Consultation {
        seed: (1 << 53) - 1,
        ..c.clone()
    };
    let as_js = numbers_as_f64(write::consultation(&browser));
    assert_eq!(read_tree(&as_js).unwrap(), browser);
    assert!(text.contains("\"dot-mm\": 0.2,"), "{text}");
}

/// The tree JavaScript would give for `v`: no integers, only f64.
fn numbers_as_f64(v: Value) -> Value {
    match v {
        Value::Int(n) => Value::Num(n as f64),
        Value::Seq(items) => Value::Seq(items.into_iter().map(numbers_as_f64).collect()),
        Value::Map(m) => Value::Map(m.into_iter().map(|(k, v)| (k, numbers_as_f64(v))).collect()),
        v => v,
    }
}

/// `{a: {b: inner}}` for the path `[a, b]`.
fn nest(path: &[String], inner: Value) -> Value {
    path.iter()
        .rev()
        .fold(inner, |v, key| Value::Map(vec![(key.clone(), v)]))
}

/// Every object in `v` with its path.
fn objects(v: &Value, path: &mut Vec<String>, out: &mut Vec<(Vec<String>, Value)>) {
    if let Value::Map(m) = v {
        out.push((path.clone(), v.clone()));
        for (k, child) in m {
            path.push(k.clone());
            objects(child, path, out);
            path.pop();
        }
    }
}

#[test]
fn every_key_the_writer_writes_is_accepted_and_listed() {
    let written = write::consultation(&everything_set());
    let mut found = Vec::new();
    objects(&written, &mut Vec::new(), &mut found);
    assert_eq!(
        found.len(),
        7,
        "consultation, plan, mistakes, loss, areata, fut, fue"
    );
    for (path, object) in found {
        let Value::Map(m) = &object else {
            unreachable!()
        };
        let mut keys: Vec<&str> = m.iter().map(|(k, _)| k.as_str()).collect();
        for (k, v) in m {
            let one = nest(&path, Value::Map(vec![(k.clone(), v.clone())]));
            assert!(read_tree(&one).is_ok(), "{}.{k} rejected", path.join("."));
        }
        // An unknown name at this level lists exactly the names written there.
        let unknown = Value::Map(vec![("no-such-field".into(), Value::Int(1))]);
        let e = read_tree(&nest(&path, unknown)).unwrap_err();
        assert_eq!(e.path, path.join("."));
        let listed = e.message.split_once("expected one of ").unwrap().1;
        let mut listed: Vec<&str> = listed.split(", ").map(|n| n.trim_matches('`')).collect();
        keys.sort_unstable();
        listed.sort_unstable();
        assert_eq!(listed, keys, "{}", e.message);
    }
}

#[test]
fn every_enum_and_preset_name_reads_back() {
    let d = Consultation::default();
    let mut seen = 0;
    let mut check = |c: Consultation| {
        assert_eq!(read_tree(&write::consultation(&c)).unwrap(), c);
        seen += 1;
    };
    for sex in Sex::ALL {
        check(Consultation { sex, ..d.clone() });
    }
    for undertone in Undertone::ALL {
        check(Consultation {
            undertone,
            ..d.clone()
        });
    }
    for gloss in Gloss::ALL {
        check(Consultation { gloss, ..d.clone() });
    }
    for lighting in LightingPreset::ALL {
        check(Consultation {
            lighting,
            ..d.clone()
        });
    }
    for hairstyle in Hairstyle::ALL {
        check(Consultation {
            hairstyle,
            ..d.clone()
        });
    }
    for hair_colour in HairColour::ALL {
        check(Consultation {
            hair_colour,
            ..d.clone()
        });
    }
    for (preset, _) in smp_visualiser::loss::preset::ALL {
        check(Consultation {
            preset,
            ..d.clone()
        });
    }
    let plans = Coverage::ALL.iter().map(|&coverage| Plan {
        coverage,
        ..d.plan.clone()
    });
    let plans = plans.chain(HairlineStyle::ALL.iter().map(|&hairline_style| Plan {
        hairline_style,
        ..d.plan.clone()
    }));
    let plans = plans.chain(TempleProfile::ALL.iter().map(|&temple| Plan {
        temple,
        ..d.plan.clone()
    }));
    for plan in plans.collect::<Vec<_>>() {
        check(Consultation { plan, ..d.clone() });
    }
    assert!(seen > 40, "{seen}");
}
