//! Byte-exact golden PNGs of the default consultation (tiny-skia style: no tolerance).
//!
//! Regenerate after an intended visual change with `UPDATE_GOLDEN=1 cargo test --release
//! --test golden`, look at every PNG, and commit them with the change that caused them.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{golden_matrix, matrix_hash, GOLDEN_HASHES, GOLDEN_VIEWS};
use smp_visualiser::math::fnv1a64;
use smp_visualiser::render::render_rgba;
use smp_visualiser::scene::SceneBuilder;
use smp_visualiser::{png_io, Consultation, Scene};
use std::path::PathBuf;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

#[test]
fn default_consultation_matches_golden_pngs_byte_for_byte() {
    let scene = Scene::build(&Consultation::default());
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for ((name, view), hash) in GOLDEN_VIEWS.iter().zip(GOLDEN_HASHES) {
        let rgba = render_rgba(&scene, view);
        check_png(&golden_dir(), name, view, &rgba);
        // The wasm test compares against these hashes.
        let fnv = format!("{:016x}\n", fnv1a64(&rgba));
        if update {
            std::fs::write(golden_dir().join(format!("{name}.fnv")), &fnv).unwrap();
        } else {
            assert_eq!(fnv, hash, "{name}: tests/golden/{name}.fnv is stale");
        }
    }
}

/// Compares `rgba` with `dir/name.png` byte for byte (or rewrites it when updating).
fn check_png(dir: &std::path::Path, name: &str, view: &smp_visualiser::View, rgba: &[u8]) {
    let png = png_io::encode(view.width, view.height, rgba).unwrap();
    let path = dir.join(format!("{name}.png"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &png).unwrap();
        return;
    }
    let golden = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (w, h, pixels) = png_io::decode(&golden).unwrap();
    assert_eq!((w, h), (view.width, view.height), "{name}: size");
    let differing = pixels.iter().zip(rgba).filter(|(a, b)| a != b).count();
    if differing > 0 {
        let out = std::env::temp_dir().join(format!("{name}.actual.png"));
        std::fs::write(&out, &png).unwrap();
        panic!(
            "{name}: {differing} bytes differ from the golden; actual written to {}",
            out.display()
        );
    }
    assert!(
        png == golden,
        "{name}: PNG encoding changed (pixels are equal)"
    );
}

#[test]
fn golden_matrix_matches_byte_for_byte() {
    let dir = golden_dir().join("matrix");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut builder = SceneBuilder::default();
    let mut hashes = String::new();
    let mut last: Option<(Consultation, Scene)> = None;
    for (name, c, view) in golden_matrix() {
        if last.as_ref().is_none_or(|(lc, _)| *lc != c) {
            last = Some((c.clone(), builder.build(&c).unwrap()));
        }
        let rgba = render_rgba(&last.as_ref().unwrap().1, &view);
        check_png(&dir, &name, &view, &rgba);
        let hash = format!("{:016x}", fnv1a64(&rgba));
        if !update {
            assert_eq!(
                matrix_hash(&name),
                Some(hash.as_str()),
                "{name}: tests/golden/matrix/hashes.txt is stale"
            );
        }
        hashes.push_str(&format!("{name} {hash}\n"));
    }
    if update {
        std::fs::write(dir.join("hashes.txt"), hashes).unwrap();
    }
}

#[test]
fn timeline_strips_match_byte_for_byte() {
    use smp_visualiser::consultation::Sex;
    use smp_visualiser::hair::Hairstyle;
    use smp_visualiser::loss::Preset;
    for (name, c, yaw, pitch) in [
        (
            "timeline-norwood5",
            Consultation {
                preset: Preset::Norwood5,
                hairstyle: Hairstyle::Razor,
                ..Consultation::default()
            },
            20.0,
            50.0,
        ),
        (
            "timeline-ludwig2",
            Consultation {
                sex: Sex::Female,
                preset: Preset::Ludwig2,
                hairstyle: Hairstyle::LongPart,
                ..Consultation::default()
            },
            0.0,
            90.0,
        ),
    ] {
        let view = smp_visualiser::View {
            width: 112,
            height: 112,
            yaw_deg: yaw,
            pitch_deg: pitch,
            zoom: 1.0,
        };
        let strip = smp_visualiser::sheet::timeline_strip(&c, &view);
        let sheet_view = smp_visualiser::View {
            width: strip.width,
            height: strip.height,
            ..view
        };
        check_png(&golden_dir(), name, &sheet_view, &strip.rgba);
    }
}

#[test]
fn same_seed_renders_same_bytes_and_the_frame_is_not_flat() {
    let c = Consultation::default();
    let view = GOLDEN_VIEWS[0].1;
    let a = render_rgba(&Scene::build(&c), &view);
    let b = render_rgba(&Scene::build(&c), &view);
    assert_eq!(a, b);
    // More than a few hundred distinct colours: a shaded head, not a fill.
    let mut colours: Vec<[u8; 3]> = a.chunks_exact(4).map(|p| [p[0], p[1], p[2]]).collect();
    colours.sort_unstable();
    colours.dedup();
    assert!(colours.len() > 500, "{} colours", colours.len());
    assert!(a.chunks_exact(4).all(|p| p[3] == 255), "frames are opaque");
}

#[test]
fn skin_tone_changes_the_face_not_the_backdrop() {
    let view = GOLDEN_VIEWS[0].1;
    let light = render_rgba(
        &Scene::build(&Consultation {
            skin: 1,
            ..Consultation::default()
        }),
        &view,
    );
    let dark = render_rgba(
        &Scene::build(&Consultation {
            skin: 10,
            ..Consultation::default()
        }),
        &view,
    );
    let at = |img: &[u8], x: usize, y: usize| {
        let i = (y * view.width as usize + x) * 4;
        u32::from(img[i]) + u32::from(img[i + 1]) + u32::from(img[i + 2])
    };
    // Forehead (centre, upper third) is much lighter on Monk 1 than Monk 10; corner unchanged.
    assert!(at(&light, 160, 100) > at(&dark, 160, 100) + 300);
    assert_eq!(at(&light, 2, 2), at(&dark, 2, 2));
}
