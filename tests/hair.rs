//! Natural hair: follicle density in real units, and filtering that keeps average tone
//! independent of resolution (research/domain.md §4.2–4.4, research/tech.md §3.1).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use smp_visualiser::hair::{grow, Hairstyle, FU_MIX, FU_PER_CM2};
use smp_visualiser::loss::Preset;
use smp_visualiser::math::srgb_to_linear;
use smp_visualiser::render::render_rgba;
use smp_visualiser::scene::SceneBuilder;
use smp_visualiser::{Consultation, View};

#[test]
fn follicle_density_matches_the_native_density() {
    let c = Consultation {
        preset: Preset::Norwood1,
        ..Consultation::default()
    };
    let scene = SceneBuilder::default().build(&c).unwrap();
    let hairs = grow(&scene.head, &scene.loss, c.seed);
    let hairs_per_unit: f32 = FU_MIX
        .iter()
        .enumerate()
        .map(|(i, p)| (i + 1) as f32 * p)
        .sum();
    // A 3 × 3 cm window on the top of the head, by chart coordinates (mm along the surface).
    let chart = &scene.head.chart;
    let count = hairs
        .iter()
        .filter(|h| {
            let [s, t] = chart.locate(h.root);
            (130.0..160.0).contains(&s) && (-15.0..15.0).contains(&t)
        })
        .count() as f32;
    let area_cm2 = common::chart_window_cm2(chart, (130.0, 160.0), (-15.0, 15.0));

    let expected = FU_PER_CM2 * hairs_per_unit * area_cm2;
    let ratio = count / expected;

    assert!(
        (0.9..=1.1).contains(&ratio),
        "{count} hairs in {area_cm2:.2} cm², expected {expected:.0}"
    );
    // Where the pattern is bald, no follicles.
    let c7 = Consultation {
        preset: Preset::Norwood7,
        ..c.clone()
    };
    let s7 = SceneBuilder::default().build(&c7).unwrap();
    let on_top = grow(&s7.head, &s7.loss, c.seed)
        .iter()
        .filter(|h| {
            let [s, t] = chart.locate(h.root);
            (130.0..160.0).contains(&s) && (-15.0..15.0).contains(&t)
        })
        .count();
    assert!(on_top < 5, "{on_top} hairs on a Norwood VII crown top");
}

/// Mean linear luminance of the central square (side `frac` of the frame) of an RGBA frame.
fn mean_luminance(rgba: &[u8], side: usize, frac: f32) -> f32 {
    let (lo, hi) = (
        ((1.0 - frac) * 0.5 * side as f32) as usize,
        ((1.0 + frac) * 0.5 * side as f32) as usize,
    );
    let mut sum = 0.0f64;
    for y in lo..hi {
        for x in lo..hi {
            let p = &rgba[(y * side + x) * 4..];
            let lin = |v: u8| f64::from(srgb_to_linear(f32::from(v) / 255.0));
            sum += 0.2126 * lin(p[0]) + 0.7152 * lin(p[1]) + 0.0722 * lin(p[2]);
        }
    }
    (sum / ((hi - lo) * (hi - lo)) as f64) as f32
}

#[test]
fn average_tone_does_not_depend_on_resolution() {
    // Top view of a full head: the centre of the frame is all scalp and hair.
    for style in [Hairstyle::Razor, Hairstyle::Clipper1] {
        let c = Consultation {
            preset: Preset::Norwood1,
            hairstyle: style,
            ..Consultation::default()
        };
        let scene = SceneBuilder::default().build(&c).unwrap();
        let small = render_rgba(
            &scene,
            &View {
                width: 512,
                height: 512,
                yaw_deg: 0.0,
                pitch_deg: 90.0,
            },
        );
        let big = render_rgba(
            &scene,
            &View {
                width: 2048,
                height: 2048,
                yaw_deg: 0.0,
                pitch_deg: 90.0,
            },
        );
        // Box-downsample 2048² to 512² in linear light.
        let mut down = vec![0u8; 512 * 512 * 4];
        for y in 0..512 {
            for x in 0..512 {
                for ch in 0..3 {
                    let mut acc = 0.0f32;
                    for dy in 0..4 {
                        for dx in 0..4 {
                            acc += srgb_to_linear(
                                f32::from(big[((y * 4 + dy) * 2048 + x * 4 + dx) * 4 + ch]) / 255.0,
                            );
                        }
                    }
                    let v = smp_visualiser::math::linear_to_srgb(acc / 16.0);
                    down[(y * 512 + x) * 4 + ch] = (v * 255.0 + 0.5) as u8;
                }
                down[(y * 512 + x) * 4 + 3] = 255;
            }
        }
        let (a, b) = (
            mean_luminance(&small, 512, 0.3),
            mean_luminance(&down, 512, 0.3),
        );
        let rel = (a - b).abs() / b;
        eprintln!(
            "{}: 512² {a:.4}, 2048²→512² {b:.4}, {:.2} %",
            style.name(),
            rel * 100.0
        );
        assert!(rel <= 0.03, "{}: {a} vs {b}", style.name());
    }
}

#[test]
fn hair_colour_and_grey_fraction_change_the_hair_not_the_face() {
    use smp_visualiser::hair::HairColour;
    let view = View {
        width: 256,
        height: 256,
        yaw_deg: 0.0,
        pitch_deg: 90.0,
    };
    let mut b = SceneBuilder::default();
    let mut tone = |colour, grey_fraction| {
        let c = Consultation {
            preset: Preset::Norwood1,
            hairstyle: Hairstyle::Clipper2,
            hair_colour: colour,
            grey_fraction,
            ..Consultation::default()
        };
        mean_luminance(&render_rgba(&b.build(&c).unwrap(), &view), 256, 0.3)
    };
    let black = tone(HairColour::Black, 0.0);
    let brown = tone(HairColour::DarkBrown, 0.0);
    let blond = tone(HairColour::Blond, 0.0);
    let salt_pepper = tone(HairColour::DarkBrown, 0.5);
    assert!(black < brown && brown < blond, "{black} {brown} {blond}");
    assert!(salt_pepper > brown, "{salt_pepper} vs {brown}");
    let e = Consultation {
        grey_fraction: 1.5,
        ..Consultation::default()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field, "grey-fraction");
}
