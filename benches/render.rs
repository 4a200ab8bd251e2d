//! `cargo bench --bench render`: median native build and render times, printed (never
//! asserted), for the default consultation, for the issue-#4 budget scene (Norwood VI,
//! razor, three healed SMP sessions over the whole scalp at 120/cm², about 65,000 dots) and
//! for the female presets' long hair (Ludwig II), the heaviest hair there is.

use smp_visualiser::hair::Hairstyle;
use smp_visualiser::look::light::LightingPreset;
use smp_visualiser::loss::Preset;
use smp_visualiser::render::{render, Frame};
use smp_visualiser::scene::SceneBuilder;
use smp_visualiser::{Consultation, View};
use std::time::Instant;

fn median_ms(mut f: impl FnMut(), runs: usize) -> f64 {
    f(); // warm caches and buffers
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[runs / 2]
}

/// The budget scene of issue #4.
#[must_use]
pub fn budget() -> Consultation {
    let mut c = Consultation {
        preset: Preset::Norwood6,
        hairstyle: Hairstyle::Razor,
        session: 3,
        ..Consultation::default()
    };
    c.plan.coverage = smp_visualiser::plan::Coverage::FullScalp;
    c.plan.density_per_cm2 = 120.0;
    c
}

/// The square view every figure is measured from (the web bench uses the same).
fn bench_view(side: u32) -> View {
    View {
        width: side,
        height: side,
        yaw_deg: 30.0,
        pitch_deg: 8.0,
        zoom: 1.0,
    }
}

fn main() {
    let c = Consultation::default();
    let head = median_ms(|| drop(SceneBuilder::default().build(&c).unwrap()), 3);
    println!("native scene build with the head: {head:.1} ms");
    let long = Consultation {
        sex: smp_visualiser::consultation::Sex::Female,
        preset: Preset::Ludwig2,
        hairstyle: Hairstyle::LongPart,
        ..Consultation::default()
    };
    for (name, c) in [("default", c), ("budget", budget()), ("long hair", long)] {
        let mut builder = SceneBuilder::default();
        let scene = builder.build(&c).unwrap();
        let other = Consultation {
            preset: match c.preset {
                Preset::Norwood5 => Preset::Norwood6,
                Preset::Ludwig2 => Preset::Ludwig3,
                _ => Preset::Norwood5,
            },
            ..c.clone()
        };
        let mut flip = false;
        let pattern = median_ms(
            || {
                flip = !flip;
                drop(builder.build(if flip { &other } else { &c }).unwrap());
            },
            7,
        );
        let dots: usize = scene.darkening.iter().skip(1).map(|l| l.len()).sum();
        let hairs = scene.shafts.as_ref().map_or(0, |s| s.len());
        println!(
            "native {name}: pattern change {pattern:.1} ms; {} triangles, {hairs} hairs, {dots} SMP dots",
            scene.triangle_count()
        );
        let mut frame = Frame::default();
        for side in [512u32, 1024, 2048] {
            let view = bench_view(side);
            let runs = if side > 1024 { 5 } else { 15 };
            let ms = median_ms(|| render(&scene, &view, &mut frame), runs);
            println!("native {name} render {side}x{side}: {ms:.1} ms median of {runs}");
        }
        // Sun and downlight both cast shadows, so each change rebuilds the shadow map: the
        // worst light change there is.
        let mut scene = scene;
        let mut lit = c.clone();
        let view = bench_view(1024);
        let ms = median_ms(
            || {
                let next = Consultation {
                    lighting: if lit.lighting == LightingPreset::Sun {
                        LightingPreset::Downlight
                    } else {
                        LightingPreset::Sun
                    },
                    ..lit.clone()
                };
                builder.update(&mut scene, &lit, &next).unwrap();
                lit = next;
                render(&scene, &view, &mut frame);
            },
            15,
        );
        println!("native {name} light change sun <-> downlight + render 1024x1024: {ms:.1} ms median of 15");
    }
}
