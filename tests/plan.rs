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
    let dots = impressions(&c.plan, &scene.head, &scene.loss, c.seed);
    let window = |st: [f32; 2]| (130.0..170.0).contains(&st[0]) && (-20.0..20.0).contains(&st[1]);
    let area = common::chart_window_cm2(&scene.head.chart, (130.0, 170.0), (-20.0, 20.0));
    for (i, share) in SESSION_SHARE.iter().enumerate() {
        let n = dots
            .iter()
            .filter(|d| d.session as usize <= i + 1 && window(d.st))
            .count() as f32;
        let per_cm2 = n / area;
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
    let dots: Vec<_> = impressions(&c.plan, &scene.head, &scene.loss, c.seed)
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
    let dots = impressions(&plan, &scene.head, &scene.loss, c.seed);
    let mean = dots.iter().map(|d| d.diameter_mm).sum::<f32>() / dots.len() as f32;
    assert!((mean - 0.2).abs() < 0.005, "{mean}");
    assert!(dots
        .iter()
        .all(|d| (0.8 * 0.2..=1.2 * 0.2).contains(&d.diameter_mm)));
    // Each session a little different in shade, around the planned k.
    let k: Vec<f32> = (1..=3)
        .map(|s| dots.iter().find(|d| d.session == s).unwrap().k)
        .collect();
    assert!(
        k[0] < k[1] && k[1] < k[2] && (k[1] - plan.dilution_k).abs() < 1e-6,
        "{k:?}"
    );
}

#[test]
fn estimate_matches_the_placed_impressions() {
    let (scene, c) = norwood7();
    let e = estimate(&c.plan, &scene.head, &scene.loss);
    let placed = impressions(&c.plan, &scene.head, &scene.loss, c.seed).len() as f32;
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
}
