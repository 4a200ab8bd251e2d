//! `cargo bench --bench render`: median native render times, printed (never asserted).

use smp_visualiser::render::{render, Frame};
use smp_visualiser::{Consultation, Scene, View};
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
    let build = median_ms(|| drop(Scene::build(&c)), 5);
    let scene = Scene::build(&c);
    println!(
        "native scene build: {build:.1} ms median ({} triangles)",
        scene.triangle_count()
    );
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
