//! Shared by the native golden test and the wasm test, so both render exactly the same frames.
#![allow(dead_code)]

use smp_visualiser::View;

/// Golden views of the default consultation: name, view. The names are file stems in
/// `tests/golden/` (`NAME.png` pixels and `NAME.fnv`, the FNV-1a hash of the RGBA bytes).
pub const GOLDEN_VIEWS: [(&str, View); 3] = [
    (
        "three-quarter",
        View {
            width: 320,
            height: 320,
            yaw_deg: 30.0,
            pitch_deg: 8.0,
            zoom: 1.0,
        },
    ),
    (
        "profile",
        View {
            width: 256,
            height: 256,
            yaw_deg: 90.0,
            pitch_deg: 0.0,
            zoom: 1.0,
        },
    ),
    (
        "top",
        View {
            width: 256,
            height: 256,
            yaw_deg: 0.0,
            pitch_deg: 90.0,
            zoom: 1.0,
        },
    ),
];

/// The hashes, compiled in so the wasm test needs no file system.
pub const GOLDEN_HASHES: [&str; 3] = [
    include_str!("../golden/three-quarter.fnv"),
    include_str!("../golden/profile.fnv"),
    include_str!("../golden/top.fnv"),
];

/// Surface area (cm²) of the chart rectangle `s × t` (mm), summed over 0.25 mm cells from
/// the chart's own tangent vectors: a check independent of the mesh triangles.
pub fn chart_window_cm2(
    chart: &smp_visualiser::head::ScalpChart,
    s: (f32, f32),
    t: (f32, f32),
) -> f32 {
    let d = 0.25f32;
    let mut sum = 0.0f64;
    let mut si = s.0 + d / 2.0;
    while si < s.1 {
        let mut ti = t.0 + d / 2.0;
        while ti < t.1 {
            let p = chart.point(si, ti).unwrap().p;
            let ps = chart.point(si + 0.01, ti).unwrap().p;
            let pt = chart.point(si, ti + 0.01).unwrap().p;
            sum += f64::from(((ps - p) / 0.01).cross((pt - p) / 0.01).length() * d * d);
            ti += d;
        }
        si += d;
    }
    (sum / 100.0) as f32
}
