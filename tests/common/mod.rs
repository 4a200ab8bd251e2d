//! Shared by the native golden test and the wasm test, so both render exactly the same frames.
#![allow(dead_code)]

use smp_visualiser::{Consultation, View};

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

/// The golden matrix (issue #4): a Norwood V client in three hairstyles under three lights
/// from two views, plus a Ludwig II client with long hair, a close-up and a view from across
/// the room. Each case: file stem, consultation, view.
pub fn golden_matrix() -> Vec<(String, Consultation, View)> {
    use smp_visualiser::consultation::Sex;
    use smp_visualiser::hair::Hairstyle;
    use smp_visualiser::look::light::LightingPreset;
    use smp_visualiser::loss::Preset;
    use smp_visualiser::render::camera::{ZOOM_CLOSE, ZOOM_ROOM};
    let view = |yaw_deg, pitch_deg, zoom| View {
        width: 128,
        height: 128,
        yaw_deg,
        pitch_deg,
        zoom,
    };
    // The client: Norwood V, healed after three sessions (the default is before any).
    let client = |hairstyle, lighting| Consultation {
        preset: Preset::Norwood5,
        session: 3,
        hairstyle,
        lighting,
        ..Consultation::default()
    };
    let mut cases = Vec::new();
    for style in [Hairstyle::Razor, Hairstyle::Clipper1, Hairstyle::Clipper2] {
        for light in [
            LightingPreset::Clinic,
            LightingPreset::Downlight,
            LightingPreset::Sun,
        ] {
            for (vname, v) in [
                ("front", view(30.0, 25.0, 1.0)),
                ("top", view(0.0, 90.0, 1.0)),
            ] {
                cases.push((
                    format!("n5-{}-{}-{vname}", style.name(), light.name()),
                    client(style, light),
                    v,
                ));
            }
        }
    }
    cases.push((
        "ludwig2-long-part-clinic-top".into(),
        Consultation {
            sex: Sex::Female,
            preset: Preset::Ludwig2,
            hairstyle: Hairstyle::LongPart,
            ..Consultation::default()
        },
        view(0.0, 90.0, 1.0),
    ));
    cases.push((
        "n5-razor-clinic-close-up".into(),
        client(Hairstyle::Razor, LightingPreset::Clinic),
        view(0.0, 90.0, ZOOM_CLOSE),
    ));
    cases.push((
        "n5-clipper-1-sun-room".into(),
        client(Hairstyle::Clipper1, LightingPreset::Sun),
        view(30.0, 10.0, ZOOM_ROOM),
    ));
    cases
}

/// `name hash` lines for the matrix, compiled in so the wasm test needs no file system.
pub const MATRIX_HASHES: &str = include_str!("../golden/matrix/hashes.txt");

/// The recorded hash of matrix case `name`.
pub fn matrix_hash(name: &str) -> Option<&'static str> {
    MATRIX_HASHES
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
}

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
