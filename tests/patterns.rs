//! Every hair-loss preset measured on its field, in real units, against the ranges of
//! research/domain.md §1–3. Where the domain file gives a published rule and an [estimate]
//! table that cannot both hold exactly on one head, the rule wins and the comment says so.
#![cfg(not(target_arch = "wasm32"))]

use smp_visualiser::consultation::Sex;
use smp_visualiser::head::{Head, HeadParams};
use smp_visualiser::loss::measure::Metrics;
use smp_visualiser::loss::preset::{Preset, Preset::*, ALL};
use smp_visualiser::loss::{Areata, FueScars, FutScar, LossField, LossSettings};
use std::sync::OnceLock;

fn head(sex: Sex) -> &'static Head {
    static MALE: OnceLock<Head> = OnceLock::new();
    static FEMALE: OnceLock<Head> = OnceLock::new();
    let cell = if sex == Sex::Male { &MALE } else { &FEMALE };
    cell.get_or_init(|| Head::build(&HeadParams { sex, scale: 1.0 }))
}

fn field_with(p: Preset, settings: &LossSettings) -> (LossField, &'static Head) {
    let h = head(if p.is_female_pattern() {
        Sex::Female
    } else {
        Sex::Male
    });
    (LossField::new(p, settings, h, 1).unwrap(), h)
}

fn field(p: Preset) -> (LossField, &'static Head) {
    field_with(p, &LossSettings::default())
}

fn metrics(p: Preset) -> Metrics {
    let (f, h) = field(p);
    f.measure(h)
}

fn density(f: &LossField, h: &Head, s: f32, t: f32) -> f32 {
    f.sample(&h.chart.point(s, t).unwrap()).density
}

fn within(what: &str, v: f32, lo: f32, hi: f32) {
    assert!((lo..=hi).contains(&v), "{what}: {v} not in {lo}..={hi}");
}

#[test]
fn norwood_hairline_heights_follow_the_scale() {
    // §1.2: MFP s in cm per stage (I 5.5–6.5, II 7–8, IIa 8.5–9.5, III 7.5–9, IIIa 10–13,
    // IV 8–10, IVa 14–17; VI bald from s ≈ 8 to 25; VII to 27–29).
    for (p, lo, hi) in [
        (Norwood1, 55.0, 65.0),
        (Norwood2, 70.0, 80.0),
        (Norwood2a, 85.0, 95.0),
        (Norwood3, 75.0, 90.0),
        (Norwood3Vertex, 70.0, 90.0),
        (Norwood3a, 100.0, 130.0),
        (Norwood4, 80.0, 100.0),
        (Norwood4a, 140.0, 170.0),
        (Norwood6, 230.0, 260.0),
        // On this head the VII fringe heights (below) put the midline hairline at 26 cm.
        (Norwood7, 255.0, 300.0),
    ] {
        within(&format!("{p} hairline mm"), metrics(p).hairline_mm, lo, hi);
    }
    // The trichion is the midline point at that height, above and behind the glabella.
    let (f, h) = field(Norwood2);
    let m = f.measure(h);
    let tr = m.trichion.unwrap();
    let g = h.landmarks.glabella;
    assert!(
        tr.x.abs() < 0.5 && tr.y > g.y + 40.0 && tr.z < g.z,
        "{tr} vs glabella {g}"
    );
    let along = h
        .chart
        .surface_distance([0.0, 0.0], [m.hairline_mm, 0.0])
        .unwrap();
    assert!((along - m.hairline_mm).abs() < 1.0, "{along}");
    // V: front bald to about s 12–14 cm, then the sparse bridge.

    within(
        "norwood-5 front bald to",
        metrics(Norwood5).front_bald_to_mm,
        115.0,
        150.0,
    );
}

#[test]
fn norwood_temple_recession_depth_and_the_ear_canal_rule() {
    let depth = |m: &Metrics| 0.5 * (m.temple_depth_mm[0] + m.temple_depth_mm[1]);
    let i = metrics(Norwood1);
    let ii = metrics(Norwood2);
    let iii = metrics(Norwood3);
    let iv = metrics(Norwood4);
    // §1.2 table (arc behind the MFP): I 0–0.5 cm (plus the hairline's own corner curve),
    // II 1–2.5 cm, IV 5–7 cm.
    within("I temple", depth(&i), 0.0, 15.0);
    within("II temple", depth(&ii), 10.0, 25.0);
    within("IV temple", depth(&iv), 50.0, 70.0);
    // §1.1 rule: II apices stay at least about 2 cm in front of the EAM coronal plane (z = 0);
    // III apices reach behind it. The §1.2 estimate of 3–5 cm cannot also hold on this head,
    // so III is allowed to 6 cm.
    for z in ii.temple_apex_z_mm {
        assert!(z >= 20.0, "II apex {z} mm in front of the EAM line");
    }
    for z in iii.temple_apex_z_mm {
        assert!(z < 20.0, "III apex {z} mm in front of the EAM line");
    }
    within("III temple", depth(&iii), 30.0, 60.0);
    // Type A has no notch: the front recedes as one piece.
    within("IIa temple", depth(&metrics(Norwood2a)), 0.0, 20.0);
}

/// The most forward hair-bearing point (head-frame z, mm) on each side of the head within
/// a band of heights, scanning the chart finely.
fn temple_front_z(f: &LossField, h: &Head, y: (f32, f32)) -> [f32; 2] {
    let (lo, hi) = h.chart.s_range();
    let mut front = [f32::MIN; 2];
    for i in 0..=600 {
        let s = lo + (hi - lo) * i as f32 / 600.0;
        for j in 0..=240 {
            let t = -120.0 + j as f32;
            let Some(q) = h.chart.point(s, t) else {
                continue;
            };
            if q.p.x.abs() < 55.0 || q.p.y < y.0 || q.p.y > y.1 || q.p.z < 0.0 {
                continue;
            }
            if f.sample(&q).density > 0.5 {
                let side = usize::from(q.p.x < 0.0);
                front[side] = front[side].max(q.p.z);
            }
        }
    }
    front
}

#[test]
fn native_temples_have_temporal_peaks() {
    // §5.6: the temple line juts forward to a temporal peak, with the frontotemporal
    // recess above it; the sideburn below runs back toward the ear.
    let (f, h) = field(Norwood1);
    let peak = temple_front_z(&f, h, (37.0, 43.0));
    let recess = temple_front_z(&f, h, (54.0, 60.0));
    let below = temple_front_z(&f, h, (18.0, 24.0));
    for side in 0..2 {
        let (p, r, b) = (peak[side], recess[side], below[side]);
        assert!(
            p - r >= 4.0,
            "side {side}: peak z {p} mm, recess above {r} mm"
        );
        assert!(
            p - b >= 4.0,
            "side {side}: peak z {p} mm, line below {b} mm"
        );
        within("temporal peak z", p, 35.0, 60.0);
    }
}

#[test]
fn norwood_crown_bridge_and_fringe() {
    // §1.2: crown 4–6 cm (III-vertex), 6–9 (IV), 9–12 (V); none before.
    for p in [
        Norwood1, Norwood2, Norwood3, Norwood2a, Norwood3a, Norwood4a,
    ] {
        assert_eq!(metrics(p).crown_mm, 0.0, "{p} has no crown patch");
    }
    within("III-v crown", metrics(Norwood3Vertex).crown_mm, 40.0, 60.0);
    let iv = metrics(Norwood4);
    let v = metrics(Norwood5);
    within("IV crown", iv.crown_mm, 60.0, 90.0);
    within("V crown", v.crown_mm, 90.0, 120.0);
    // Bridge: IV moderately dense (50–80 %), V sparse (20–50 %), gone at VI and VII.
    within("IV bridge", iv.bridge_density, 0.5, 0.8);
    within("V bridge", v.bridge_density, 0.2, 0.5);
    eprintln!("V bridge {} mm", v.bridge_mm);
    within("V bridge width", v.bridge_mm, 10.0, 25.0);
    assert!(metrics(Norwood6).bridge_density < 0.1);
    let vii = metrics(Norwood7);
    assert!(vii.bridge_density < 0.1);
    // VI: side fringe top 4–6 cm above the ears. VII: back 2–4 cm, sides 1.5–3 cm.
    for side in metrics(Norwood6).fringe_side_mm {
        within("VI side fringe", side.unwrap(), 40.0, 60.0);
    }
    within("VII back fringe", vii.fringe_back_mm.unwrap(), 20.0, 40.0);
    for side in vii.fringe_side_mm {
        within("VII side fringe", side.unwrap(), 15.0, 30.0);
    }
}

#[test]
fn norwood_bald_areas_match_the_table_and_never_shrink() {
    // §1.2 "Approximate bald area".
    let area = |p| metrics(p).bald_cm2;
    let chain: Vec<f32> = [
        Norwood1, Norwood2, Norwood3, Norwood4, Norwood5, Norwood6, Norwood7,
    ]
    .map(area)
    .to_vec();
    for w in chain.windows(2) {
        assert!(w[1] >= w[0], "bald area decreased along I → VII: {chain:?}");
    }
    within("III bald cm²", chain[2], 20.0, 40.0);
    within("IV bald cm²", chain[3], 60.0, 100.0);
    within("V bald cm²", chain[4], 100.0, 150.0);
    within("VI bald cm²", chain[5], 170.0, 220.0);
    within("VII bald cm²", chain[6], 220.0, 280.0);
    // III-vertex adds 15–30 cm² of crown to a front no worse than III.
    within(
        "III-v crown cm²",
        area(Norwood3Vertex) - area(Norwood2),
        15.0,
        30.0,
    );
    let a: Vec<f32> = [Norwood2a, Norwood3a, Norwood4a, Norwood5a]
        .map(area)
        .to_vec();
    assert!(a.windows(2).all(|w| w[1] >= w[0]), "type A areas {a:?}");
}

#[test]
fn patterns_are_nearly_symmetric_but_not_mirrored() {
    let (f, h) = field(Norwood3);
    let (mut sum, mut n) = (0.0, 0);
    for s in (60..260).step_by(2) {
        for t in (4..100).step_by(2) {
            let (s, t) = (s as f32, t as f32);
            sum += (density(&f, h, s, t) - density(&f, h, s, -t)).abs();
            n += 1;
        }
    }
    let mean = sum / n as f32;
    within("mean |left − right|", mean, 0.003, 0.08);
}

#[test]
fn edges_are_soft_with_miniaturised_hair() {
    let (f, h) = field(Norwood3);
    // Along the temple line, density ramps over centimetres (§9 row 7: 1.5 cm default),
    // and hairs in the ramp are miniaturised.
    let line: Vec<_> = (0..200)
        .map(|i| 60.0 + i as f32)
        .map(|s| f.sample(&h.chart.point(s, 45.0).unwrap()))
        .collect();
    let partial = line
        .iter()
        .filter(|l| l.density > 0.1 && l.density < 0.9)
        .count();
    within("ramp width mm", partial as f32, 6.0, 30.0);
    assert!(line.iter().any(|l| l.miniaturised > 0.5 && l.density > 0.1));
}

#[test]
fn ludwig_keeps_the_frontal_rim_and_thins_the_zone_by_grade() {
    for (p, lo, hi) in [
        (Ludwig1, 0.65, 0.80),
        (Ludwig2, 0.40, 0.60),
        (Ludwig3, 0.10, 0.30),
    ] {
        let (f, h) = field(p);
        let lm = &h.landmarks;
        // §2.1: the frontal hairline is kept at every grade, and the occiput.
        within(
            &format!("{p} frontal rim"),
            density(&f, h, 70.0, 0.0),
            0.9,
            1.0,
        );
        within(
            &format!("{p} occiput"),
            density(&f, h, lm.inion_st[0], 0.0),
            0.95,
            1.0,
        );
        // Zone: 1–3 cm behind the hairline to the whorl; density per grade.
        let centre = 0.5 * (60.0 + 20.0 + lm.whorl_st[0] + 5.0);
        within(
            &format!("{p} zone density"),
            density(&f, h, centre, 15.0),
            lo,
            hi,
        );
    }
}

/// Width (mm) of the scalp showing (density < 0.5) across the midline at s.
fn part_width(f: &LossField, h: &Head, s: f32) -> f32 {
    (0..800)
        .map(|i| -20.0 + i as f32 * 0.05)
        .filter(|&t| density(f, h, s, t) < 0.5)
        .count() as f32
        * 0.05
}

#[test]
fn savin_part_widens_by_grade() {
    // §2.2 part widths: I-1 1–2 mm, I-2 3–5, I-3 6–9, I-4 10–15.
    let mut last = 0.0;
    for (p, lo, hi) in [
        (SavinI1, 1.0, 2.0),
        (SavinI2, 3.0, 5.0),
        (SavinI3, 6.0, 9.0),
        (SavinI4, 10.0, 15.0),
    ] {
        let (f, h) = field(p);
        let w = part_width(&f, h, 120.0);
        within(&format!("{p} part mm"), w, lo, hi);
        assert!(w > last);
        last = w;
    }
    // From II on, the top thins rather than the part widening further.
    let mut last = 1.0;
    for p in [SavinII1, SavinII2, SavinIII, SavinAdvanced] {
        let (f, h) = field(p);
        let d = density(&f, h, 140.0, 25.0);
        assert!(d < last, "{p}: {d} not below {last}");
        last = d;
    }
    assert!(last < 0.2);
}

#[test]
fn olsen_wedge_is_widest_at_the_front_and_breaches_the_hairline() {
    let (f, h) = field(OlsenChristmasTree);
    // §2.4: 2–4 cm wide at the hairline, 0.5–1 cm toward the crown, 10–14 cm long.
    within("front width", part_width(&f, h, 70.0), 20.0, 40.0);
    within("crown width", part_width(&f, h, 160.0), 4.0, 12.0);
    assert!(part_width(&f, h, 200.0) < 1.0);
    assert!(density(&f, h, 63.0, 0.0) < 0.5 && density(&f, h, 63.0, 30.0) > 0.5);
}

#[test]
fn diffuse_thinning_keeps_the_hairline() {
    for (p, lo, hi) in [
        (Diffuse1, 0.7, 0.8),
        (Diffuse2, 0.5, 0.6),
        (Diffuse3, 0.3, 0.4),
    ] {
        let (f, h) = field(p);
        within(&format!("{p} top"), density(&f, h, 150.0, 10.0), lo, hi);
        within(
            &format!("{p} hairline"),
            density(&f, h, 80.0, 0.0),
            0.9,
            1.0,
        );
    }
}

/// Connected components of `inside` on a chart grid; returns each component's area (mm²).
fn components(inside: &[bool], cols: usize, cell: f32) -> Vec<f32> {
    let mut seen = vec![false; inside.len()];
    let mut out = Vec::new();
    for start in 0..inside.len() {
        if !inside[start] || seen[start] {
            continue;
        }
        let mut stack = vec![start];
        seen[start] = true;
        let mut n = 0;
        while let Some(i) = stack.pop() {
            n += 1;
            let (r, c) = (i / cols, i % cols);
            let mut push = |j: usize| {
                if inside[j] && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            };
            if c > 0 {
                push(i - 1)
            }
            if c + 1 < cols {
                push(i + 1)
            }
            if r > 0 {
                push(i - cols)
            }
            if i + cols < inside.len() {
                push(i + cols)
            }
        }
        out.push(n as f32 * cell * cell);
    }
    out
}

fn grid(
    s: (f32, f32),
    t: (f32, f32),
    cell: f32,
    test: impl Fn(f32, f32) -> bool,
) -> (Vec<bool>, usize) {
    let cols = ((t.1 - t.0) / cell) as usize;
    let rows = ((s.1 - s.0) / cell) as usize;
    let mut v = Vec::with_capacity(cols * rows);
    for r in 0..rows {
        for c in 0..cols {
            v.push(test(s.0 + r as f32 * cell, t.0 + c as f32 * cell));
        }
    }
    (v, cols)
}

#[test]
fn areata_patches_are_counted_and_sized_on_the_field() {
    for (count, diameter) in [(3u32, 25.0f32), (6, 15.0)] {
        let settings = LossSettings {
            areata: Some(Areata {
                count,
                diameter_mm: diameter,
            }),
            ..LossSettings::default()
        };
        let (f, h) = field_with(AlopeciaAreata, &settings);
        let (cells, cols) = grid((60.0, 400.0), (-150.0, 150.0), 1.0, |s, t| {
            h.chart
                .point(s, t)
                .is_some_and(|q| f.mature(&q) >= 0.5 && f.sample(&q).density < 0.3)
        });
        let patches = components(&cells, cols, 1.0);
        // Merged patches count once; the generator keeps them from sitting inside each other.
        assert!(
            patches.len() as u32 <= count && patches.len() as u32 >= count - 1,
            "{count}: {patches:?}"
        );
        for a in patches {
            let d = (4.0 * a / core::f32::consts::PI).sqrt();
            // Sizes vary ±30 % and patches are oval (aspect 0.75–1).
            within("patch diameter", d, 0.55 * diameter, 1.6 * diameter);
        }
    }
}

#[test]
fn fut_scar_has_the_configured_length_width_and_height() {
    let fut = FutScar {
        length_mm: 200.0,
        width_mm: 3.0,
        above_inion_mm: 20.0,
    };
    let settings = LossSettings {
        fut: Some(fut.clone()),
        ..LossSettings::default()
    };
    let (f, h) = field_with(FutScar, &settings);
    let lm = &h.landmarks;
    let scar = |s: f32, t: f32| h.chart.point(s, t).is_some_and(|q| f.sample(&q).scar > 0.5);
    // Across it on the midline: the width, and its centre's height above the inion.
    let across: Vec<f32> = (0..2000)
        .map(|i| lm.inion_st[0] - 60.0 + i as f32 * 0.05)
        .filter(|&s| scar(s, 0.0))
        .collect();
    within(
        "width mm",
        across.len() as f32 * 0.05,
        fut.width_mm - 0.3,
        fut.width_mm + 0.3,
    );
    let mid = across[across.len() / 2];
    let height = h.chart.point(mid, 0.0).unwrap().p.y - lm.inion.y;
    within("height above inion mm", height, 18.0, 22.0);
    // Along it: the chart's t runs around the back, so its extent is the length.
    let (cells, cols) = grid(
        (lm.inion_st[0] - 70.0, lm.inion_st[0] + 10.0),
        (-140.0, 140.0),
        0.5,
        scar,
    );
    let ts: Vec<usize> = cells
        .iter()
        .enumerate()
        .filter(|(_, &x)| x)
        .map(|(i, _)| i % cols)
        .collect();
    let length = (ts.iter().max().unwrap() - ts.iter().min().unwrap()) as f32 * 0.5;
    within(
        "length mm",
        length,
        0.94 * fut.length_mm,
        1.06 * fut.length_mm,
    );
    assert_eq!(
        components(&cells, cols, 0.5).len(),
        1,
        "one continuous scar"
    );
}

#[test]
fn fue_scars_are_counted_and_sized_on_the_field() {
    let fue = FueScars {
        count: 1500,
        diameter_mm: 0.9,
        band_width_mm: 140.0,
        band_height_mm: 55.0,
    };
    let settings = LossSettings {
        fue: Some(fue.clone()),
        ..LossSettings::default()
    };
    let (f, h) = field_with(FueScars, &settings);
    let lm = &h.landmarks;
    let (cells, cols) = grid(
        (lm.inion_st[0] - 60.0, lm.inion_st[0] + 90.0),
        (-125.0, 125.0),
        0.15,
        |s, t| h.chart.point(s, t).is_some_and(|q| f.sample(&q).scar > 0.5),
    );
    let dots = components(&cells, cols, 0.15);
    within(
        "dot count",
        dots.len() as f32,
        0.97 * fue.count as f32,
        1.0 * fue.count as f32,
    );
    let mean_d = dots
        .iter()
        .map(|a| (4.0 * a / core::f32::consts::PI).sqrt())
        .sum::<f32>()
        / dots.len() as f32;
    within(
        "mean dot diameter mm",
        mean_d,
        0.8 * fue.diameter_mm,
        1.2 * fue.diameter_mm,
    );
}

#[test]
fn every_preset_builds_and_next_stage_is_no_milder() {
    for (p, name) in ALL {
        let m = metrics(p);
        assert!(m.hair_bearing_cm2 > 400.0, "{name}");
        if let Some(next) = p.next_stage() {
            let n = metrics(next);
            assert!(
                n.loss_cm2 >= m.loss_cm2,
                "{name} → {next}: {} → {} cm² lost",
                m.loss_cm2,
                n.loss_cm2
            );
        }
    }
}

#[test]
fn out_of_range_parameters_are_typed_errors_naming_the_range() {
    let h = head(Sex::Male);
    let bad = [
        (
            LossSettings {
                edge_mm: 50.0,
                ..LossSettings::default()
            },
            "loss.edge-mm",
            "5 to 30",
        ),
        (
            LossSettings {
                areata: Some(Areata {
                    count: 40,
                    diameter_mm: 20.0,
                }),
                ..LossSettings::default()
            },
            "loss.areata.count",
            "1 to 12",
        ),
        (
            LossSettings {
                fut: Some(FutScar {
                    width_mm: 0.1,
                    ..FutScar::default()
                }),
                ..LossSettings::default()
            },
            "loss.fut.width-mm",
            "0.5 to 10",
        ),
        (
            LossSettings {
                fue: Some(FueScars {
                    diameter_mm: 3.0,
                    ..FueScars::default()
                }),
                ..LossSettings::default()
            },
            "loss.fue.diameter-mm",
            "0.6 to 1.2",
        ),
    ];
    for (settings, field, range) in bad {
        let e = LossField::new(Norwood2, &settings, h, 1).unwrap_err();
        assert_eq!(e.field, field);
        assert!(e.message.contains(range), "{e}");
    }
}
