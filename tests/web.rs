//! In headless Chromium: the wasm build renders exactly the native golden bytes.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{golden_matrix, matrix_hash, GOLDEN_HASHES, GOLDEN_VIEWS};
use smp_visualiser::math::fnv1a64;
use smp_visualiser::render::render_rgba;
use smp_visualiser::{Consultation, Scene};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn wasm_frames_equal_native_goldens() {
    let scene = Scene::build(&Consultation::default());
    for ((name, view), hash) in GOLDEN_VIEWS.iter().zip(GOLDEN_HASHES) {
        let rgba = render_rgba(&scene, view);
        assert_eq!(
            format!("{:016x}\n", fnv1a64(&rgba)),
            hash,
            "{name}: wasm bytes differ from native"
        );
    }
}

#[wasm_bindgen_test]
fn wasm_matrix_equals_native_goldens() {
    let mut builder = smp_visualiser::scene::SceneBuilder::default();
    let mut last: Option<(Consultation, Scene)> = None;
    for (name, c, view) in golden_matrix() {
        if last.as_ref().is_none_or(|(lc, _)| *lc != c) {
            last = Some((c.clone(), builder.build(&c).unwrap()));
        }
        let rgba = render_rgba(&last.as_ref().unwrap().1, &view);
        assert_eq!(
            Some(format!("{:016x}", fnv1a64(&rgba)).as_str()),
            matrix_hash(&name),
            "{name}: wasm bytes differ from native"
        );
    }
}

#[wasm_bindgen_test]
fn bad_consultation_is_an_error_not_a_panic() {
    let e = Consultation {
        skin: 0,
        ..Consultation::default()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field, "skin");
}

#[wasm_bindgen_test]
fn the_reader_names_a_bad_field_by_its_path() {
    use smp_visualiser::consultation::{read, value::Value};
    let field = |k: &str, v| Value::Map(vec![(k.to_owned(), v)]);
    let c = read::consultation(&field("plan", field("dot-mm", Value::Num(0.5)))).unwrap();
    assert_eq!(c.plan.dot_mm, 0.5);
    let e = read::consultation(&field("plan", field("dot-mm", Value::Str("big".into()))));
    assert_eq!(
        e.unwrap_err().to_string(),
        "plan.dot-mm: invalid type: string `big`, expected f32"
    );
}
