//! `cargo bench --bench render`: median native build and render times, printed (never
//! asserted).

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

fn main() {
    let c = Consultation::default();
    let head = median_ms(|| drop(SceneBuilder::default().build(&c).unwrap()), 5);
    let mut builder = SceneBuilder::default();
    let scene = builder.build(&c).unwrap();
    let other = Consultation {
        preset: Preset::Norwood6,
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
    println!("native scene build: {head:.1} ms with the head, {pattern:.1} ms for a pattern change ({} triangles)", scene.triangle_count());
    let mut frame = Frame::default();
    for side in [512u32, 1024] {
        let view = View {
            width: side,
            height: side,
            yaw_deg: 30.0,
            pitch_deg: 8.0,
        };
        let ms = median_ms(|| render(&scene, &view, &mut frame), 15);
        println!("native render {side}x{side}: {ms:.1} ms median of 15");
    }
}
