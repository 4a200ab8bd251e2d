//! The SMP plan in real units: impressions per session, spacing, dot sizes, estimates
//! (research/domain.md §5.1–5.2, §6.4).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use smp_visualiser::loss::Preset;
use smp_visualiser::plan::{estimate, impressions, Plan, SESSION_SHARE};
use smp_visualiser::scene::SceneBuilder;
use smp_visualiser::Consultation;

fn norwood7() -> (smp_visualiser::Scene, Consultation) {
    let c = Consultation {
        preset: Preset::Norwood7,
        ..Consultation::default()
    };
    (SceneBuilder::default().build(&c).unwrap(), c)
}

#[test]
fn sessions_build_density_to_30_70_100_percent() {
    let (scene, c) = norwood7();
    let dots = impressions(&c.plan, c.hairstyle, &scene.head, &scene.loss, c.seed);
    // Sessions are dealt dot by dot, so a session's count is binomial: over 16 cm² the first
    // session's 360 dots varied by 5 % (one sd) between head builds, and a tolerance of 10 %
    // failed on a reshuffle. Over 48 cm² one sd is 3 %.
    let window = |st: [f32; 2]| (110.0..190.0).contains(&st[0]) && (-30.0..30.0).contains(&st[1]);
    let area = common::chart_window_cm2(&scene.head.chart, (110.0, 190.0), (-30.0, 30.0));
    for (i, share) in SESSION_SHARE.iter().enumerate() {
        let n = dots
            .iter()
            .filter(|d| d.session as usize <= i + 1 && window(d.st))
            .count() as f32;
        let per_cm2 = n / area;
        eprintln!("S{}: {per_cm2:.1}/cm²", i + 1);
        let want = share * c.plan.density_per_cm2;
        assert!(
            (per_cm2 / want - 1.0).abs() <= 0.1,
            "after S{}: {per_cm2:.1}/cm², want {want:.1}",
            i + 1
        );
    }
}

#[test]
fn spacing_matches_density_without_a_grid() {
    let (scene, c) = norwood7();
    let dots: Vec<_> = impressions(&c.plan, c.hairstyle, &scene.head, &scene.loss, c.seed)
        .into_iter()
        .filter(|d| (130.0..170.0).contains(&d.st[0]) && (-20.0..20.0).contains(&d.st[1]))
        .collect();
    let nn: Vec<f32> = dots
        .iter()
        .map(|a| {
            dots.iter()
                .filter(|b| b.position != a.position)
                .map(|b| a.position.distance(b.position))
                .fold(f32::INFINITY, f32::min)
        })
        .collect();
    let mean = nn.iter().sum::<f32>() / nn.len() as f32;
    let var = nn.iter().map(|d| (d - mean) * (d - mean)).sum::<f32>() / nn.len() as f32;
    let spacing = 1.0 / (c.plan.density_per_cm2 / 100.0).sqrt();
    // Blue noise: nearest neighbours sit at 0.7–1.1 of the mean spacing (§5.2: 75/cm² ≈ 1.15 mm);
    // a grid would have (almost) no spread, random dots a much shorter mean.
    assert!(
        (0.7..=1.1).contains(&(mean / spacing)),
        "mean NN {mean} mm vs spacing {spacing} mm"
    );
    assert!(
        var.sqrt() / mean > 0.08,
        "NN spread {} is grid-like",
        var.sqrt() / mean
    );
}

#[test]
fn dot_sizes_follow_the_plan_with_jitter() {
    let (scene, c) = norwood7();
    let plan = Plan {
        dot_mm: 0.2,
        ..c.plan.clone()
    };
    let dots = impressions(&plan, c.hairstyle, &scene.head, &scene.loss, c.seed);
    // The frontal hairline's work is finer: smaller and lighter toward the front of its ramp.
    let shape = plan.hairline(1.0);
    let behind = |d: &smp_visualiser::plan::Impression| {
        let q = scene.head.chart.point(d.st[0], d.st[1]).unwrap();
        (d.st[1].abs() < 55.0).then(|| scene.loss.behind_front_line(&q, &shape))
    };
    let (mut front, mut inside) = (Vec::new(), Vec::new());
    for d in &dots {
        match behind(d) {
            Some(b) if b < 0.0 => front.push(*d),
            Some(b) if b < 0.5 * shape.front_edge + smp_visualiser::plan::FINE_MM => {}
            _ => inside.push(*d),
        }
    }
    let mean = |v: &[smp_visualiser::plan::Impression],
                f: fn(&smp_visualiser::plan::Impression) -> f32| {
        v.iter().map(f).sum::<f32>() / v.len() as f32
    };
    let size = mean(&inside, |d| d.diameter_mm);
    assert!((size - 0.2).abs() < 0.005, "{size}");
    // Each session lays its own size (finer later), jittered ±20 % about it (§5.1, §5.2).
    use smp_visualiser::plan::SESSION_SIZE;
    assert!(inside.iter().all(|d| {
        let own = 0.2 * SESSION_SIZE[usize::from(d.session) - 1];
        (0.8 * own - 1e-6..=1.2 * own + 1e-6).contains(&d.diameter_mm)
    }));
    let of = |n: u8| {
        let v: Vec<_> = inside.iter().filter(|d| d.session == n).copied().collect();
        mean(&v, |d| d.diameter_mm)
    };
    assert!(
        of(1) > 1.2 * of(3),
        "session 1 {} mm, 3 {} mm",
        of(1),
        of(3)
    );
    assert!(front.len() > 20, "{} dots at the front", front.len());
    let (front_size, front_k) = (mean(&front, |d| d.diameter_mm), mean(&front, |d| d.k));
    assert!(
        front_size < 0.85 * size,
        "front {front_size} mm, inside {size} mm"
    );
    assert!(front_k < 0.9 * mean(&inside, |d| d.k), "front k {front_k}");
    // Some impressions are pairs, echoing two-hair follicular units, 0.25–0.35 mm apart.
    let pairs: Vec<f32> = dots
        .iter()
        .filter_map(|d| d.pair.map(|p| (p - d.position).length()))
        .collect();
    let share = pairs.len() as f32 / dots.len() as f32;
    assert!(
        (share - smp_visualiser::plan::PAIR_SHARE).abs() < 0.03,
        "{share}"
    );
    assert!(
        pairs.iter().all(|g| (0.249..=0.351).contains(g)),
        "{pairs:?}"
    );
    // Each session darker than the last on average, the middle one at the planned k, and
    // within a session dots differ in shade by up to ±DOT_SHADE_JITTER, most of that range
    // used (away from the hairline's finer work).
    let k: Vec<[f32; 3]> = (1..=3)
        .map(|s| {
            let ks: Vec<f32> = inside
                .iter()
                .filter(|d| d.session == s)
                .map(|d| d.k)
                .collect();
            let mean = ks.iter().sum::<f32>() / ks.len() as f32;
            let (lo, hi) = ks
                .iter()
                .fold((f32::MAX, 0.0f32), |(a, b), &k| (a.min(k), b.max(k)));
            [mean, lo, hi]
        })
        .collect();
    assert!(
        k[0][0] < k[1][0] && k[1][0] < k[2][0] && (k[1][0] / plan.dilution_k - 1.0).abs() < 0.01,
        "{k:?}"
    );
    let j = smp_visualiser::plan::DOT_SHADE_JITTER;
    for [mean, lo, hi] in k {
        assert!(
            lo >= mean * (0.99 - j) && hi <= mean * (1.01 + j),
            "{mean} {lo} {hi}"
        );
        assert!(
            hi / lo > (1.0 + 0.75 * j) / (1.0 - 0.75 * j),
            "{mean} {lo} {hi}"
        );
    }
}

#[test]
fn estimate_matches_the_placed_impressions() {
    let (scene, c) = norwood7();
    let e = estimate(&c.plan, c.hairstyle, &scene.head, &scene.loss);
    let placed = impressions(&c.plan, c.hairstyle, &scene.head, &scene.loss, c.seed).len() as f32;
    assert_eq!(
        e.impressions_total,
        (c.plan.density_per_cm2 * e.treated_cm2).round() as u32
    );
    assert!(
        (placed / e.impressions_total as f32 - 1.0).abs() < 0.05,
        "{placed} placed vs {e:?}"
    );
    // A Norwood VII treats roughly its bald area (220–280 cm², §1.2) plus its thinning edges.
    assert!((220.0..=400.0).contains(&e.treated_cm2), "{e:?}");
    assert_eq!(
        e.impressions_per_session.iter().sum::<u32>(),
        e.impressions_total
    );
}

#[test]
fn out_of_range_plans_name_the_field_and_range() {
    for (plan, field, range) in [
        (
            Plan {
                density_per_cm2: 150.0,
                ..Plan::default()
            },
            "plan.density-per-cm2",
            "20 to 120",
        ),
        (
            Plan {
                dot_mm: 0.5,
                ..Plan::default()
            },
            "plan.dot-mm",
            "0.08 to 0.35",
        ),
        (
            Plan {
                dilution_k: 0.1,
                ..Plan::default()
            },
            "plan.dilution-k",
            "0.3 to 0.9",
        ),
        (
            Plan {
                hairline_mm: 40.0,
                ..Plan::default()
            },
            "plan.hairline-mm",
            "55 to 100",
        ),
    ] {
        let e = Consultation {
            plan,
            ..Consultation::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field, field);
        assert!(e.message.contains(range), "{e}");
    }
    let e = Consultation {
        session: 4,
        ..Consultation::default()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field, "session");
    let e = Consultation {
        session: 3,
        years: 7.0,
        ..Consultation::default()
    }
    .validate()
    .unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.message.contains("0 to 6")),
        ("years", true),
        "{e}"
    );
    let e = Consultation {
        fresh: true,
        ..Consultation::default()
    }
    .validate()
    .unwrap_err();
    assert_eq!(e.field, "fresh", "{e}");
    let mut c = Consultation::default();
    c.plan.gradient_mm = Some(20.0);
    let e = c.validate().unwrap_err();
    assert_eq!(e.field, "plan.gradient-mm");
    assert!(e.message.contains("1 to 10"), "{e}");
}

#[test]
fn fresh_dots_are_larger_and_darker_than_healed_by_the_stated_factors() {
    use smp_visualiser::plan::look::{look, HEALED_CONTRAST, HEALED_SIZE};
    use smp_visualiser::plan::{Mistakes, Timepoint};
    let (scene, c) = norwood7();
    let dots = impressions(&c.plan, c.hairstyle, &scene.head, &scene.loss, c.seed);
    let at = |fresh| Timepoint {
        session: 1,
        fresh,
        years: 0.0,
        touch_up: false,
    };
    for d in dots.iter().filter(|d| d.session == 1).take(200) {
        let (f, h) = (
            look(d, &at(true), &Mistakes::default(), 4),
            look(d, &at(false), &Mistakes::default(), 4),
        );
        assert!((h.diameter_mm / f.diameter_mm - HEALED_SIZE).abs() < 1e-4);
        // Darker by 1 / 0.6 unless that would pass the 0.95 cap on k, or the 0.97 cap on
        // what a channel loses.
        let want = (d.k / HEALED_CONTRAST).min(0.95) / d.k;
        for (f, h) in [(f.removal.x, h.removal.x), (f.removal.z, h.removal.z)] {
            assert!((f - (h * want).min(0.97)).abs() < 1e-4, "{f} {h}");
        }
        assert!(f.removal.x > h.removal.x);
    }
}

/// Mean linear RGB of the centre (56 × 56 px) of a 256² top view: bald scalp on a Norwood VII.
fn scalp_rgb(c: &Consultation) -> glam::Vec3 {
    scalp_rgb_seen(c, 90.0, (100..156, 100..156))
}

/// Mean linear colour of a window `(columns, rows)` of a 256² front render from `pitch`.
fn scalp_rgb_seen(
    c: &Consultation,
    pitch_deg: f32,
    (cols, rows): (std::ops::Range<usize>, std::ops::Range<usize>),
) -> glam::Vec3 {
    use smp_visualiser::math::srgb_to_linear;
    let scene = SceneBuilder::default().build(c).unwrap();
    let rgba = smp_visualiser::render::render_rgba(
        &scene,
        &smp_visualiser::View {
            width: 256,
            height: 256,
            yaw_deg: 0.0,
            pitch_deg,
            zoom: 1.0,
        },
    );
    let mut sum = glam::Vec3::ZERO;
    let n = (cols.len() * rows.len()) as f32;
    for y in rows {
        for x in cols.clone() {
            let p = &rgba[(y * 256 + x) * 4..];
            let l = |v: u8| srgb_to_linear(f32::from(v) / 255.0);
            sum += glam::Vec3::new(l(p[0]), l(p[1]), l(p[2]));
        }
    }
    sum / n
}

/// Mean linear luminance of the same window.
fn scalp_luminance(c: &Consultation) -> f32 {
    scalp_rgb(c).dot(glam::Vec3::new(0.2126, 0.7152, 0.0722))
}

#[test]
fn healed_smp_does_not_thin_out_at_a_slant() {
    // From a little above eye level the top of the head is seen about 70° off its normal.
    // Pigment lies in the dermis as a short column, not a flat disc, and most of what a dot
    // removes is its veil, which does not thin at a slant: seen at a slant the treated top
    // darkens about as much as seen from above (as flat discs it lightened: 15.3 % against
    // 16.4 %; now 27.0 against 27.1), and within a tenth of the client's own shaved hair
    // seen the same way, which SMP imitates (a column half as deep as wide darkened 25.6 %
    // against 18.1 %: a darker patch in the usual 3/4 view).
    use smp_visualiser::hair::Hairstyle;
    let c = Consultation {
        preset: Preset::Norwood7,
        hairstyle: Hairstyle::Razor,
        ..Consultation::default()
    };
    let luma = |c: &Consultation, pitch, window| {
        scalp_rgb_seen(c, pitch, window).dot(glam::Vec3::new(0.2126, 0.7152, 0.0722))
    };
    let darkening = |c: &Consultation, pitch, window: (std::ops::Range<usize>, _)| {
        let bare = luma(c, pitch, window.clone());
        let healed = luma(
            &Consultation {
                session: 3,
                ..c.clone()
            },
            pitch,
            window.clone(),
        );
        let shaved = luma(
            &Consultation {
                preset: Preset::Norwood1,
                ..c.clone()
            },
            pitch,
            window,
        );
        ((bare - healed) / bare, (bare - shaved) / bare)
    };
    let (above, _) = darkening(&c, 90.0, (100..156, 100..156));
    let (slant, shaved) = darkening(&c, 20.0, (108..148, 34..46));
    eprintln!(
        "healed SMP darkens {:.1} % from above, {:.1} % at a slant; shaved hair at a slant {:.1} %",
        above * 100.0,
        slant * 100.0,
        shaved * 100.0
    );
    // Within 3 %: the slant window is 40 × 12 px, and reshuffling the dots (a narrower ear
    // margin, stop 16) moved the ratio from 0.992 to 0.976; flat discs gave 0.93.
    assert!(
        slant >= 0.97 * above,
        "{slant} at a slant, {above} from above"
    );
    assert!(slant <= 1.1 * shaved, "{slant} against shaved {shaved}");
}

#[test]
fn healed_smp_darkens_like_shaved_hair_and_fades_over_years() {
    use smp_visualiser::hair::Hairstyle;
    let c = Consultation {
        preset: Preset::Norwood7,
        hairstyle: Hairstyle::Razor,
        ..Consultation::default()
    };
    let bare = scalp_luminance(&c);
    let contrast = |years, touch_up| {
        let l = scalp_luminance(&Consultation {
            session: 3,
            years,
            touch_up,
            ..c.clone()
        });
        (bare - l) / bare
    };
    let healed = contrast(0.0, false);
    // The client's own razor-shaved hair at native density, for comparison.
    let shaved = {
        let full = scalp_luminance(&Consultation {
            preset: Preset::Norwood1,
            ..c.clone()
        });
        (bare - full) / bare
    };
    eprintln!(
        "healed SMP darkens {:.1} %, razor-shaved hair {:.1} %",
        healed * 100.0,
        shaved * 100.0
    );
    // A clear shadow at conversation distance: at 17 % practitioners read it as faint pepper
    // on cream skin (reviews, stops 12–14), at 27 % as pale dust (stop 16). [estimate]
    assert!((0.3..=0.42).contains(&healed), "{healed}");
    // SMP imitates the client's own shaved hair: within a fifth of its shadow.
    assert!((healed / shaved - 1.0).abs() < 0.2, "{healed} vs {shaved}");
    // ... and of its hue: both are dark seen through the same skin (blue over red of what
    // gets through, against bare skin's, within 2 %; neutral dots were 6 % off).
    let bare_rgb = scalp_rgb(&c);
    let cast = |c: &Consultation| {
        let rgb = scalp_rgb(c);
        (rgb.z / bare_rgb.z) / (rgb.x / bare_rgb.x)
    };
    let (dots, shafts) = (
        cast(&Consultation {
            session: 3,
            ..c.clone()
        }),
        cast(&Consultation {
            preset: Preset::Norwood1,
            ..c.clone()
        }),
    );
    assert!(
        (dots / shafts - 1.0).abs() < 0.02,
        "cast: dots {dots}, shafts {shafts}"
    );
    // §5.4: 5–10 % contrast lost a year.
    for years in [3.0f32, 5.0] {
        let kept = contrast(years, false) / healed;
        let (lo, hi) = (libm::powf(0.9, years), libm::powf(0.95, years));
        eprintln!(
            "{years} years: {:.1} % of the healed contrast",
            kept * 100.0
        );
        assert!((lo - 0.02..=hi + 0.02).contains(&kept), "{years} y: {kept}");
    }
    let restored = contrast(5.0, true) / healed;
    assert!((restored - 1.0).abs() < 0.01, "touch-up: {restored}");
}

#[test]
fn a_healed_top_is_one_even_shade() {
    // The smooth share of healed SMP, carried by the scalp's vertex colours, is as even as the
    // plan over a bald top: laid as the veils of the dots near each vertex (blue noise thinned
    // at random by the plan and its sessions), it varied by 4 % (one sd) from vertex to
    // vertex at a 26 % shade; at 35 % the top read as a mottled camouflage of blotches
    // 5–10 mm across (renders, stop 17). Drawn, the dots keep the grain.
    let albedo = |session| {
        let c = Consultation {
            preset: Preset::Norwood7,
            hairstyle: smp_visualiser::hair::Hairstyle::Razor,
            session,
            ..Consultation::default()
        };
        let scene = SceneBuilder::default().build(&c).unwrap();
        let face = &scene.meshes[0];
        let top: Vec<(f32, f32)> = face
            .positions
            .iter()
            .zip(&face.albedo)
            .filter(|(p, _)| p.y > 100.0 && p.z.abs() < 40.0)
            .map(|(_, a)| (a.x, a.z))
            .collect();
        top
    };
    let (bare, healed) = (albedo(0), albedo(3));
    assert!(bare.len() > 500, "{} vertices on the top", bare.len());
    for (channel, pick) in [("red", 0), ("blue", 1)] {
        let kept: Vec<f32> = bare
            .iter()
            .zip(&healed)
            .map(|(b, h)| if pick == 0 { h.0 / b.0 } else { h.1 / b.1 })
            .collect();
        let mean = kept.iter().sum::<f32>() / kept.len() as f32;
        let sd =
            (kept.iter().map(|k| (k - mean) * (k - mean)).sum::<f32>() / kept.len() as f32).sqrt();
        eprintln!(
            "healed top's vertex colours keep {:.1} % of the bare skin's {channel}, sd {:.2} %",
            100.0 * mean,
            100.0 * sd / mean
        );
        assert!(mean < 0.9, "the veil darkens the top: {mean}");
        assert!(sd < 0.01 * mean, "{channel} kept {sd} around {mean}");
    }
}

#[test]
fn too_deep_turns_blue_on_light_skin_only() {
    use smp_visualiser::plan::Mistakes;
    let blue_over_red = |skin, too_deep| {
        let mut c = Consultation {
            preset: Preset::Norwood7,
            hairstyle: smp_visualiser::hair::Hairstyle::Razor,
            session: 3,
            skin,
            ..Consultation::default()
        };
        c.plan.mistakes = Mistakes {
            too_deep,
            ..Mistakes::default()
        };
        let rgb = scalp_rgb(&c);
        rgb.z / rgb.x
    };
    let (light, light_deep) = (blue_over_red(2, false), blue_over_red(2, true));
    let (dark, dark_deep) = (blue_over_red(9, false), blue_over_red(9, true));
    eprintln!("B/R Monk 2 {light:.3} → {light_deep:.3}; Monk 9 {dark:.3} → {dark_deep:.3}");
    assert!(light_deep > light * 1.04, "{light} → {light_deep}");
    // On dark skin no bluer (a deep dot's larger, darker footprint leaves the sky's sheen a
    // larger share, which moves the ratio either way by a percent or two).
    assert!(dark_deep < dark * 1.01, "{dark} → {dark_deep}");
}

#[test]
fn hairline_styles_set_the_midline_height_and_the_edge() {
    use smp_visualiser::plan::{treated, HairlineStyle};
    let (scene, c) = norwood7();
    let chart = &scene.head.chart;
    // First s along the midline where the plan asks for half its density.
    let line_at = |plan: &Plan, t: f32| {
        (0..2000)
            .map(|i| i as f32 * 0.1)
            .find(|&s| {
                treated(
                    plan,
                    c.hairstyle,
                    &scene.loss,
                    &chart.point(s, t).unwrap(),
                    1.0,
                ) >= 0.5
            })
            .unwrap()
    };
    let midline = |plan: &Plan| line_at(plan, 0.0);
    // §5.6: the mid-frontal point lowest, the line curving up toward the frontotemporal
    // corners (a mature line, not a bowl); a ruler line does not.
    for side in [-1.0, 1.0] {
        let corner = line_at(&c.plan, 42.0 * side) - midline(&c.plan);
        assert!(
            (6.0..=14.0).contains(&corner),
            "corner {corner} mm behind the midline"
        );
        // It keeps curving back into the corner instead of running level into the temple
        // (2.3 and 0.8 mm held level past 45 mm out, 7.1 and 5.3 now).
        let deeper = line_at(&c.plan, 56.0 * side) - line_at(&c.plan, 45.0 * side);
        assert!(
            deeper > 4.0,
            "from 45 to 56 mm out the line goes {deeper} mm back"
        );
    }
    // §5.6 micro-irregularity: across the front, the line jags at a few millimetres about
    // its centimetre-scale course (its spread about a 9 mm running mean; 0.15 mm for the
    // single-scale line, a ruler-straight look, 0.31 now).
    let line: Vec<f32> = (-35..=35).map(|t| line_at(&c.plan, t as f32)).collect();
    let jags: Vec<f32> = line
        .windows(9)
        .map(|w| w[4] - w.iter().sum::<f32>() / 9.0)
        .collect();
    let sd = (jags.iter().map(|j| j * j).sum::<f32>() / jags.len() as f32).sqrt();
    assert!(sd > 0.23, "the line's fine jags spread only {sd} mm");
    for style in [
        HairlineStyle::Soft,
        HairlineStyle::Broken,
        HairlineStyle::Defined,
        HairlineStyle::Natural,
        HairlineStyle::WidowsPeak,
    ] {
        for height in [65.0, 75.0, 90.0] {
            let plan = Plan {
                hairline_style: style,
                hairline_mm: height,
                ..c.plan.clone()
            };
            let want = if style == HairlineStyle::WidowsPeak {
                height - 10.0
            } else {
                height
            };
            let got = midline(&plan);
            // The line wanders up to about ±2.5 mm, as a real one does.
            assert!((got - want).abs() <= 3.5, "{style:?} at {height}: {got}");
        }
    }
    // Broken: stray dots ahead of the ramp; defined: none more than 1 mm ahead of its line.
    let ahead = |style| {
        let plan = Plan {
            hairline_style: style,
            ..c.plan.clone()
        };
        let shape = plan.hairline(1.0);
        let dots = impressions(&plan, c.hairstyle, &scene.head, &scene.loss, c.seed);
        dots.iter()
            .filter(|d| d.st[1].abs() < 40.0)
            .map(|d| {
                scene
                    .loss
                    .behind_front_line(&chart.point(d.st[0], d.st[1]).unwrap(), &shape)
            })
            .collect::<Vec<f32>>()
    };
    let broken = ahead(HairlineStyle::Broken);
    // Expected: about 10 in this 11 cm of line (10 % of the density, fading to none 5 mm
    // out), fewer after the blue-noise thinning: 4 with this seed. Defined lines have none.
    let strays = broken.iter().filter(|&&b| b < -6.0).count();
    assert!(strays >= 3, "{strays} strays ahead of a broken line");
    assert!(
        broken.iter().all(|&b| b > -10.5),
        "strays at most 5 mm past the ramp"
    );
    let defined = ahead(HairlineStyle::Defined);
    let worst = defined.iter().cloned().fold(f32::MAX, f32::min);
    assert!(worst >= -1.0, "a defined line has a dot {worst} mm ahead");
}

#[test]
fn estimate_area_is_the_integrated_treated_region() {
    use smp_visualiser::plan::treated;
    let (scene, c) = norwood7();
    let e = estimate(&c.plan, c.hairstyle, &scene.head, &scene.loss);
    // An independent integral: 1 mm chart cells, area from the chart's own tangents.
    let chart = &scene.head.chart;
    let (s0, s1) = chart.s_range();
    let mut sum = 0.0f64;
    let mut s = s0 + 0.5;
    while s < s1 - 1.0 {
        let mut t = -199.5f32;
        while t < 200.0 {
            if let (Some(p), Some(ps), Some(pt)) = (
                chart.point(s, t),
                chart.point(s + 0.05, t),
                chart.point(s, t + 0.05),
            ) {
                let area = ((ps.p - p.p) / 0.05).cross((pt.p - p.p) / 0.05).length();
                sum += f64::from(area * treated(&c.plan, c.hairstyle, &scene.loss, &p, 1.0));
            }
            t += 1.0;
        }
        s += 1.0;
    }
    let fine = (sum / 100.0) as f32;
    assert!(
        (e.treated_cm2 / fine - 1.0).abs() <= 0.02,
        "{} vs {fine}",
        e.treated_cm2
    );
    assert_eq!(
        e.impressions_total,
        (c.plan.density_per_cm2 * e.treated_cm2).round() as u32
    );
}

#[test]
fn unwise_choices_are_cautions_not_errors() {
    use smp_visualiser::plan::cautions;
    let mut c = Consultation::default();
    c.plan.hairline_mm = 58.0;
    c.plan.density_per_cm2 = 115.0;
    c.validate().unwrap();
    let codes: Vec<_> = cautions(&c).iter().map(|k| k.code).collect();
    assert!(codes.contains(&"hairline-low"), "{codes:?}");
    assert!(codes.contains(&"density-helmet"), "{codes:?}");
    assert!(codes.contains(&"pattern-progressing"), "{codes:?}");
    let calm = Consultation {
        preset: Preset::Norwood7,
        ..Consultation::default()
    };
    assert!(cautions(&calm).is_empty(), "{:?}", cautions(&calm));
    let areata = Consultation {
        preset: Preset::AlopeciaAreata,
        ..Consultation::default()
    };
    assert!(cautions(&areata).iter().any(|k| k.code == "active-areata"));
    let fair = Consultation {
        skin: 2,
        hair_colour: smp_visualiser::hair::HairColour::Blond,
        ..calm.clone()
    };
    assert!(cautions(&fair)
        .iter()
        .any(|k| k.code == "light-skin-light-hair"));
}

#[test]
fn smp_and_thinning_hair_make_one_even_shade() {
    // §3.1: SMP lays its shadow between the remaining hairs. Across a Norwood V fringe the
    // plan's dots and the hair's own shade (finer miniaturised hairs shading less, as the
    // scene draws them) add up to a full head's shade within 5 %: no darker band along the
    // fringe's edge (filling to one less the square of terminal hair's share gave up to 42 %
    // more), no paler one; under full hair, next to no dots.
    // Clipped, miniaturised hairs are shorter too, so count for less (a pale wedge of short
    // fine hairs without dots under #1 and #2 hair, review, stop 15).
    use smp_visualiser::hair::Hairstyle;
    for hairstyle in [
        Hairstyle::Stubble1d,
        Hairstyle::Clipper1,
        Hairstyle::Clipper2,
    ] {
        let c = Consultation {
            preset: Preset::Norwood5,
            hairstyle,
            ..Consultation::default()
        };
        even_shade_across_the_fringe(&c);
    }
}

fn even_shade_across_the_fringe(c: &Consultation) {
    use smp_visualiser::plan::treated;
    let scene = SceneBuilder::default().build(c).unwrap();
    let chart = &scene.head.chart;
    let (mut ramp, mut full, mut worst) = (0, 0, 0.0f32);
    for i in 0..400 {
        for j in 0..200 {
            let Some(q) = chart.point(20.0 + i as f32 * 0.6, -100.0 + j as f32) else {
                continue;
            };
            let f = scene.loss.sample(&q);
            if scene.loss.planned(&q, &c.plan.hairline(1.0)) < 0.99 || q.t.abs() < 60.0 {
                continue;
            }
            let dots = treated(&c.plan, c.hairstyle, &scene.loss, &q, 1.0);
            let hair = smp_visualiser::hair::shade_worn(&f, c.hairstyle);
            if (0.05..0.95).contains(&f.density) {
                ramp += 1;
                worst = worst.max((dots + hair - 1.0).abs());
            } else if f.density > 0.99 && f.miniaturised < 0.01 {
                full += 1;
                assert!(dots <= 0.05, "under full hair: {dots}");
            }
        }
    }
    assert!(ramp > 100 && full > 100, "{ramp} {full}");
    assert!(
        worst <= 0.05,
        "{}: SMP and hair miss a full shade by {worst}",
        c.hairstyle.name()
    );
}

#[test]
fn a_dots_veil_goes_by_the_plan_not_its_own_dice() {
    // The veil (most of what a healed dot removes) is spread smooth over a few
    // millimetres: taken from each dot's own size, shade and pair it summed to blotches. Dots
    // planned alike carry one veil, and with their drawn dots and pairs remove, on average,
    // what the whole model says a dot removes.
    use smp_visualiser::plan::look::{darkening, look, DOT_CORE, TOTAL_K, TOTAL_SCALE};
    use smp_visualiser::plan::{Mistakes, Timepoint, PAIR_SIZE};
    let (scene, c) = norwood7();
    let dots = impressions(&c.plan, c.hairstyle, &scene.head, &scene.loss, c.seed);
    let t = Timepoint {
        session: 3,
        fresh: false,
        years: 0.0,
        touch_up: false,
    };
    let plain: Vec<_> = dots
        .iter()
        .filter(|d| d.nominal == [c.plan.dot_mm, c.plan.dilution_k])
        .collect();
    assert!(plain.len() > 10_000, "{} plainly planned dots", plain.len());
    let looks: Vec<_> = plain
        .iter()
        .map(|d| (d, look(d, &t, &Mistakes::default(), c.skin)))
        .collect();
    let veil = looks[0].1.veil;
    assert!(looks.iter().all(|(_, l)| l.veil == veil), "one veil");
    let mut sum = 0.0;
    for (d, l) in &looks {
        let drawn = darkening(l.diameter_mm, l.removal, &DOT_CORE).x;
        let pair = if d.pair.is_some() {
            darkening(l.diameter_mm * PAIR_SIZE, l.removal, &DOT_CORE).x
        } else {
            0.0
        };
        sum += drawn + pair + l.veil.x;
    }
    let mean = sum / looks.len() as f32;
    // The whole model: a disc TOTAL_SCALE times the pigment removing TOTAL_K k, in red, for
    // a dot and its pair's expected share (the cast's red from the first dot's removal).
    let (d0, l0) = &looks[0];
    let cast = l0.removal.x / (d0.k * smp_visualiser::plan::look::DOT_K);
    let d = c.plan.dot_mm * TOTAL_SCALE;
    let pairs = 1.0 + smp_visualiser::plan::PAIR_SHARE * PAIR_SIZE * PAIR_SIZE;
    let want = core::f32::consts::FRAC_PI_4 * d * d * cast * c.plan.dilution_k * TOTAL_K * pairs;
    assert!(
        (mean / want - 1.0).abs() < 0.05,
        "dots and veils remove {mean} mm² each on average, the model {want}"
    );
}

#[test]
fn the_veil_fades_in_ahead_of_the_dots_unless_drawn_with_a_ruler() {
    // The light a dot scatters reaches past it: the veils' ramp across the drawn line is
    // wider than the dots', so the shade starts a little ahead of the first dots and no tide
    // line marks where they begin. A ruler's line stays hard, veil and dots alike.
    use smp_visualiser::plan::{treated, veil};
    let (scene, c) = norwood7();
    let t = Consultation {
        session: 3,
        ..c.clone()
    }
    .timepoint();
    let probe = |plan: &Plan| {
        // Points on the midline where no dot is due, and the most veil there.
        let (mut bare, mut most) = (0, 0.0f32);
        for i in 0..400 {
            let Some(q) = scene.head.chart.point(30.0 + i as f32 * 0.25, 0.0) else {
                continue;
            };
            if treated(plan, c.hairstyle, &scene.loss, &q, 1.0) == 0.0 {
                bare += 1;
                let v = veil(plan, c.hairstyle, &scene.loss, &q, 1.0, &t, c.skin);
                most = most.max(v.x);
            }
        }
        (bare, most)
    };
    let deep = {
        let q = scene.head.chart.point(150.0, 0.0).unwrap();
        veil(&c.plan, c.hairstyle, &scene.loss, &q, 1.0, &t, c.skin).x
    };
    let (bare, most) = probe(&c.plan);
    assert!(bare > 20 && most > 0.02 * deep, "{bare} {most} of {deep}");
    assert!(most < 0.3 * deep, "{most} of {deep}");
    let mut ruler = c.plan.clone();
    ruler.mistakes.ruler_hairline = true;
    let (bare, most) = probe(&ruler);
    assert!(bare > 20 && most == 0.0, "{bare} {most}");
}
