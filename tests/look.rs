//! Skin and light, measured on what the renderer produces (research/domain.md §6.2, §7.2–7.4).
#![cfg(not(target_arch = "wasm32"))]

use glam::Vec3;
use smp_visualiser::look::light::{Lighting, LightingPreset};
use smp_visualiser::look::skin::{monk_albedo, srgb_to_lab, Gloss, MONK_HEX};
use smp_visualiser::loss::Preset;
use smp_visualiser::math::normalize_or;
use smp_visualiser::render::camera::Camera;
use smp_visualiser::render::render_rgba;
use smp_visualiser::render::resolve::tone_map;
use smp_visualiser::render::shade::{shade_point, SurfacePoint};
use smp_visualiser::scene::{SceneBuilder, Surface};
use smp_visualiser::{Consultation, View};

/// Displayed (tone-mapped, still linear) colour of `albedo` at the peak of the first key's
/// highlight, the surface facing halfway between light and viewer.
fn at_highlight(p: LightingPreset, albedo: Vec3, gloss: Gloss) -> Vec3 {
    let light = Lighting::preset(p);
    let key = light.keys[0];
    let v = normalize_or(Vec3::new(0.0, 0.3, 1.0), Vec3::Z);
    let l = if key.from_camera { v } else { key.dir };
    let n = normalize_or(l + v, v);
    let c = shade_point(
        &light,
        &SurfacePoint {
            n,
            v,
            albedo,
            open: 1.0,
        },
        &gloss.surface(),
    ) * light.exposure;
    Vec3::new(tone_map(c.x), tone_map(c.y), tone_map(c.z))
}

fn luminance(c: Vec3) -> f32 {
    0.2126 * c.x + 0.7152 * c.y + 0.0722 * c.z
}

#[test]
fn warm_home_light_is_warmer_than_overcast_on_a_neutral_grey() {
    let grey = Vec3::splat(0.18);
    let rb = |p| {
        let light = Lighting::preset(p);
        let n = if light.keys[0].from_camera {
            Vec3::Z
        } else {
            light.keys[0].dir
        };
        let c = shade_point(
            &light,
            &SurfacePoint {
                n,
                v: n,
                albedo: grey,
                open: 1.0,
            },
            // A grey card, not skin: it scatters no light sideways.
            &Surface {
                scatter: Vec3::ONE,
                ..Gloss::Matte.surface()
            },
        );
        c.x / c.z
    };
    let (warm, overcast, clinic) = (
        rb(LightingPreset::WarmHome),
        rb(LightingPreset::Overcast),
        rb(LightingPreset::Clinic),
    );
    assert!(
        warm > clinic && clinic > overcast,
        "R/B warm {warm}, clinic {clinic}, overcast {overcast}"
    );
    // 6500 K is the display white: overcast grey stays neutral.
    assert!((overcast - 1.0).abs() < 0.05, "{overcast}");
    // Adaptation leaves a warm cast, not the full #ffad59 of an unadapted 2700 K lamp.
    assert!(warm > 1.2 && warm < 2.5, "{warm}");
}

#[test]
fn oily_scalp_shines_brighter_and_washes_pigment_out_under_every_light() {
    let skin = monk_albedo(4);
    // A healed SMP dot: skin × (1 − k) with k = 0.65 (domain.md §6.4, §9 row 18).
    let dot = skin * 0.35;
    for p in LightingPreset::ALL {
        let (matte, oily) = (
            at_highlight(p, skin, Gloss::Matte),
            at_highlight(p, skin, Gloss::Oily),
        );
        assert!(
            luminance(oily) > luminance(matte),
            "{p}: oily {oily} vs matte {matte}"
        );
        let contrast = |g| {
            let (s, d) = (
                luminance(at_highlight(p, skin, g)),
                luminance(at_highlight(p, dot, g)),
            );
            (s - d) / s
        };
        assert!(
            contrast(Gloss::Oily) < contrast(Gloss::Matte),
            "{p}: dot contrast under the highlight"
        );
    }
}

/// Diffuse light at a grey point whose normal is turned `deg` degrees from the first key.
fn turned_from_key(p: LightingPreset, deg: f32) -> f32 {
    let light = Lighting::preset(p);
    let l = light.keys[0].dir;
    // Turn l about an axis square to it.
    let axis = normalize_or(l.cross(Vec3::Z), Vec3::X);
    let (s, c) = (deg.to_radians().sin(), deg.to_radians().cos());
    let n = l * c + axis.cross(l) * s;
    let pt = SurfacePoint {
        n,
        v: Vec3::Z,
        albedo: Vec3::ONE,
        open: 1.0,
    };
    let surf = Surface {
        scatter: Vec3::ONE,
        ..Gloss::Matte.surface()
    };
    luminance(smp_visualiser::render::shade::irradiance(
        &light,
        pt.n,
        pt.v,
        pt.open,
        surf.scatter,
    ))
}

#[test]
fn hard_lights_stop_at_the_terminator_and_soft_ones_wrap_past_it() {
    // The sun and a downlight are small: skin turned 100° from them is lit by the sky and
    // the room alone, not a third of the key's light as under a softbox; the clinic's
    // softbox still reaches round (research/tech.md §3.4).
    for p in [LightingPreset::Sun, LightingPreset::Downlight] {
        let (facing, past) = (turned_from_key(p, 0.0), turned_from_key(p, 100.0));
        let ambient = {
            let l = Lighting::preset(p);
            luminance(l.sky).max(luminance(l.ground))
        };
        assert!(past <= ambient * 1.05, "{p}: {past} past the terminator");
        assert!(
            facing > 4.0 * past,
            "{p}: lit {facing} against shaded {past}"
        );
    }
    let clinic = turned_from_key(LightingPreset::Clinic, 100.0);
    let ambient = {
        let l = Lighting::clinic();
        luminance(l.sky).max(luminance(l.ground))
    };
    assert!(
        clinic > ambient * 1.2,
        "clinic {clinic} past the terminator"
    );
}

#[test]
fn small_hard_lights_draw_a_tight_glint_and_soft_ones_do_not() {
    // Normal skin's specular at the mirror direction and 4° of normal turn off it: the
    // sun's and the downlight's glint falls off within a few degrees (1–3 cm on a head,
    // practitioner review, stop 15); the clinic's broad highlight barely does. (Sun,
    // downlight and flash keep 0.49 of the peak there, the clinic 0.88; with the broad
    // lobe alone all keep about 0.88.)
    let falloff = |p: LightingPreset| {
        let light = Lighting::preset(p);
        let v = normalize_or(Vec3::new(0.0, 0.3, 1.0), Vec3::Z);
        let key = light.keys[0];
        let l = if key.from_camera { v } else { key.dir };
        let mirror = normalize_or(l + v, v);
        let axis = normalize_or(mirror.cross(Vec3::X), Vec3::Y);
        let off = mirror * 4f32.to_radians().cos() + axis.cross(mirror) * 4f32.to_radians().sin();
        let spec = |n| {
            let pt = SurfacePoint {
                n,
                v,
                albedo: Vec3::ZERO,
                open: 1.0,
            };
            luminance(smp_visualiser::render::shade::specular(
                &light,
                &pt,
                &Gloss::Normal.surface(),
            ))
        };
        spec(off) / spec(mirror)
    };
    for p in [
        LightingPreset::Sun,
        LightingPreset::Downlight,
        LightingPreset::Flash,
    ] {
        let f = falloff(p);
        assert!(f < 0.6, "{p}: 4° off the glint keeps {f} of its peak");
    }
    let f = falloff(LightingPreset::Clinic);
    assert!(
        f > 0.8,
        "clinic: 4° off the highlight keeps {f} of its peak"
    );
}

#[test]
fn oily_scalp_has_the_brighter_highlight_in_a_render() {
    let mut b = SceneBuilder::default();
    let view = View {
        width: 160,
        height: 160,
        yaw_deg: 20.0,
        pitch_deg: 45.0,
        zoom: 1.0,
    };
    for p in LightingPreset::ALL {
        let mut peak = |gloss| {
            let c = Consultation {
                preset: Preset::Norwood7,
                lighting: p,
                gloss,
                ..Consultation::default()
            };
            let rgba = render_rgba(&b.build(&c).unwrap(), &view);
            // The upper part of the frame: scalp only, no eyes.
            rgba[..160 * 64 * 4]
                .chunks_exact(4)
                .map(|px| u32::from(px[0]) + u32::from(px[1]) + u32::from(px[2]))
                .max()
                .unwrap()
        };
        let (matte, oily) = (peak(Gloss::Matte), peak(Gloss::Oily));
        assert!(oily > matte, "{p}: oily peak {oily} vs matte {matte}");
    }
}

/// ΔE*ab (1976) of the rendered forehead against the Monk swatch, front view, clinic light.
fn forehead_delta_e(monk: u8) -> f32 {
    let c = Consultation {
        skin: monk,
        preset: Preset::Norwood7,
        ..Consultation::default()
    };
    let scene = SceneBuilder::default().build(&c).unwrap();
    let view = View {
        width: 400,
        height: 400,
        yaw_deg: 0.0,
        pitch_deg: 0.0,
        zoom: 1.0,
    };
    let rgba = render_rgba(&scene, &view);
    let cam = Camera::new(&view, &scene.framing);
    // Mid-forehead: 35 mm up the midline from the glabella.
    let p = scene.head.chart.point(35.0, 0.0).unwrap().p;
    let (x, y, _) = cam.project(p).unwrap();
    let mut sum = [0.0f32; 3];
    for dy in -2..=2 {
        for dx in -2..=2 {
            let i = ((y as i32 + dy) as usize * 400 + (x as i32 + dx) as usize) * 4;
            for k in 0..3 {
                sum[k] += f32::from(rgba[i + k]) / 255.0 / 25.0;
            }
        }
    }
    let hex = MONK_HEX[usize::from(monk) - 1];
    let swatch = [(hex >> 16) & 255, (hex >> 8) & 255, hex & 255].map(|v| v as f32 / 255.0);
    (srgb_to_lab(sum) - srgb_to_lab(swatch)).length()
}

#[test]
fn forehead_under_clinic_light_is_close_to_its_monk_swatch() {
    let mut worst = (0, 0.0f32);
    for monk in 1..=10 {
        let e = forehead_delta_e(monk);
        eprintln!("MST {monk}: forehead ΔE*ab {e:.1}");
        if e > worst.1 {
            worst = (monk, e);
        }
    }
    // Shading across the patch, the warm 5000 K remainder, the skin's own sheen (most visible
    // on dark skin) and the tone curve's shoulder move the forehead off the flat swatch; the
    // stated tolerance is ΔE*ab 7 (measured 1.9–6.6, MST 10 the largest).
    assert!(worst.1 <= 7.0, "MST {}: ΔE {}", worst.0, worst.1);
}

#[test]
fn a_light_change_re_renders_without_rebuilding_the_scene() {
    let mut b = SceneBuilder::default();
    let old = Consultation::default();
    let mut scene = b.build(&old).unwrap();
    let view = View {
        width: 96,
        height: 96,
        yaw_deg: 30.0,
        pitch_deg: 10.0,
        zoom: 1.0,
    };
    let before = render_rgba(&scene, &view);
    let new = Consultation {
        lighting: LightingPreset::Downlight,
        ..old.clone()
    };
    b.update(&mut scene, &old, &new).unwrap();
    assert_eq!(b.builds(), 1, "light change rebuilt the scene");
    assert_ne!(render_rgba(&scene, &view), before);
    assert_eq!(
        render_rgba(&scene, &view),
        render_rgba(&b.build(&new).unwrap(), &view),
        "same bytes as a fresh build"
    );
    let pattern = Consultation {
        preset: Preset::Norwood5,
        ..new.clone()
    };
    b.update(&mut scene, &new, &pattern).unwrap();
    assert_eq!(b.builds(), 3);
}

/// A square view of the head from straight in front.
fn front_view(side: usize) -> View {
    View {
        width: side as u32,
        height: side as u32,
        yaw_deg: 0.0,
        pitch_deg: 0.0,
        zoom: 1.0,
    }
}

#[test]
fn the_outline_is_anti_aliased() {
    // The crown of a bald head against the backdrop, seen from the front: down each column,
    // the first pixel off the backdrop should be part backdrop, part skin (a staircase has
    // none: its first pixel is already skin).
    let c = Consultation {
        preset: Preset::Norwood7,
        hairstyle: smp_visualiser::hair::Hairstyle::Razor,
        ..Consultation::default()
    };
    let scene = SceneBuilder::default().build(&c).unwrap();
    let side = 256usize;
    let view = front_view(side);
    let rgba = render_rgba(&scene, &view);
    let lum = |x: usize, y: usize| {
        let p = &rgba[(y * side + x) * 4..][..3];
        f32::from(p[0]) + f32::from(p[1]) + f32::from(p[2])
    };
    let (mut columns, mut blended) = (0, 0);
    // The backdrop is a vertical gradient: compare with the frame's left edge, row by row.
    let off = |x: usize, y: usize| lum(x, y) - lum(0, y);
    for x in side * 3 / 8..side * 5 / 8 {
        let Some(y) = (1..side / 2).find(|&y| off(x, y).abs() > 6.0) else {
            continue;
        };
        columns += 1;
        let part = off(x, y) / off(x, y + 2);
        if (0.05..0.85).contains(&part) {
            blended += 1;
        }
    }
    assert!(columns > 50, "{columns} columns cross the outline");
    assert!(
        blended * 3 > columns * 2,
        "{blended} of {columns} outline pixels are blended"
    );
}

#[test]
fn sun_and_downlight_cast_shadows_without_shadowing_what_they_light() {
    // A bald head from the front, rendered as is and with its key's shadow turned off.
    let side = 200usize;
    let view = front_view(side);
    let mut b = SceneBuilder::default();
    for p in [LightingPreset::Sun, LightingPreset::Downlight] {
        let c = Consultation {
            preset: Preset::Norwood7,
            hairstyle: smp_visualiser::hair::Hairstyle::Razor,
            lighting: p,
            ..Consultation::default()
        };
        let mut scene = b.build(&c).unwrap();
        let shadowed = render_rgba(&scene, &view);
        assert!(scene.lighting.keys[0].shadow > 0.0, "{p} casts no shadow");
        scene.lighting.keys[0].shadow = 0.0;
        let open = render_rgba(&scene, &view);
        let lum = |rgba: &[u8], rows: std::ops::Range<usize>| -> f32 {
            rgba[rows.start * side * 4..rows.end * side * 4]
                .chunks_exact(4)
                .map(|px| f32::from(px[0]) + f32::from(px[1]) + f32::from(px[2]))
                .sum()
        };
        // The top fifth is scalp the key lights: a shadow there is the map shadowing the
        // surface by itself.
        let top = 0..side / 5;
        let (a, b) = (lum(&shadowed, top.clone()), lum(&open, top));
        assert!((a / b - 1.0).abs() < 0.005, "{p}: lit scalp {a} vs {b}");
        // Where shadows fall they are deep, not a veil: a quarter darker or more, over at least
        // 1 % of the frame (measured 2.4 % under the sun, 7.4 % under the downlight).
        let deep = shadowed
            .chunks_exact(4)
            .zip(open.chunks_exact(4))
            .filter(|(s, o)| {
                let (s, o) = (
                    u32::from(s[0]) + u32::from(s[1]),
                    u32::from(o[0]) + u32::from(o[1]),
                );
                4 * s < 3 * o
            })
            .count();
        eprintln!("{p}: {deep} pixels in deep shadow");
        assert!(
            deep > side * side / 100,
            "{p}: {deep} pixels in deep shadow"
        );
    }
}

#[test]
fn a_mans_shaved_beard_greys_his_lower_face_only() {
    use smp_visualiser::consultation::Sex;
    use smp_visualiser::hair::HairColour;
    use smp_visualiser::scene::SceneBuilder;
    let mut b = SceneBuilder::default();
    // Per face vertex: albedo over bare skin, where the beard is full and where there is none.
    let mut ratios = |c: Consultation| {
        let scene = b.build(&c).unwrap();
        let c = &c;
        let (mesh, head) = (&scene.meshes[0], &scene.head);
        let bare = |i: usize| head.brow[i] == 0.0 && head.lip[i] == 0.0 && head.flush[i] == 0.0;
        let skin = smp_visualiser::look::skin::skin_albedo(c.skin, c.undertone);
        let (mut full, mut none) = (Vec::new(), Vec::new());
        for (i, &w) in head.beard.iter().enumerate() {
            let p = mesh.positions[i];
            if bare(i) && w > 0.99 {
                full.push(mesh.albedo[i] / (skin * head.mottle[0][i]));
            } else if bare(i) && w == 0.0 && p.z > 40.0 && p.y < 20.0 {
                // The face above the beard line and below the brows: no hair of any kind.
                none.push(mesh.albedo[i] / (skin * head.mottle[0][i]));
            }
        }
        (full, none)
    };
    let (full, none) = ratios(Consultation::default());
    assert!(full.len() > 500, "{} full-beard vertices", full.len());
    // The nose's tip and the cheeks over the cheekbones run pinker, the red kept.
    {
        let scene = SceneBuilder::default()
            .build(&Consultation::default())
            .unwrap();
        let c = Consultation::default();
        let skin = smp_visualiser::look::skin::skin_albedo(c.skin, c.undertone);
        let (mesh, head) = (&scene.meshes[0], &scene.head);
        let flushed: Vec<glam::Vec3> = (0..head.flush.len())
            .filter(|&i| head.flush[i] > 0.45 && head.beard[i] == 0.0 && head.lip[i] == 0.0)
            .map(|i| mesh.albedo[i] / (skin * head.mottle[0][i]))
            .collect();
        assert!(flushed.len() > 200, "{} flushed vertices", flushed.len());
        assert!(
            flushed
                .iter()
                .all(|r| r.x == 1.0 && r.y < 0.95 && r.z < 0.96),
            "{flushed:?}"
        );
    }
    // The lower forehead, temples and the skin between the flushed parts keep the skin's
    // colour.
    assert!(none.len() > 500, "{} beardless vertices", none.len());
    assert!(none.iter().all(|r| *r == glam::Vec3::ONE));
    for r in &full {
        // Dark brown on MST 4: a grey-blue cast, not a dark patch.
        assert!((0.75..0.92).contains(&r.y), "{r}");
        assert!(r.z > r.x + 0.03, "not cool: {r}");
    }
    let woman = Consultation {
        sex: Sex::Female,
        preset: smp_visualiser::loss::Preset::Ludwig2,
        ..Consultation::default()
    };
    let blond = Consultation {
        hair_colour: HairColour::Blond,
        ..Consultation::default()
    };
    for (name, c) in [("woman", woman), ("blond man", blond)] {
        let (full, _) = ratios(c);
        let least = full.iter().map(|r| r.y).fold(1.0, f32::min);
        assert!(least > 0.97, "{name}: beard shade {least}");
    }
}

#[test]
fn skin_is_mottled_not_one_colour() {
    // Over the forehead and cheeks the skin's tone wanders by a few per cent about its
    // swatch; the pattern is a function of seed and position.
    use smp_visualiser::look::skin::mottle;
    let c = Consultation::default();
    let scene = smp_visualiser::scene::SceneBuilder::default()
        .build(&c)
        .unwrap();
    let (mesh, head) = (&scene.meshes[0], &scene.head);
    let lum = |v: glam::Vec3| v.dot(glam::Vec3::new(0.2126, 0.7152, 0.0722));
    let skin = lum(smp_visualiser::look::skin::skin_albedo(c.skin, c.undertone));
    let tones: Vec<f32> = (0..mesh.positions.len())
        .filter(|&i| {
            let p = mesh.positions[i];
            let plain = head.brow[i] + head.lip[i] + head.beard[i] + head.flush[i] == 0.0;
            plain && p.z > 60.0 && (-20.0..60.0).contains(&p.y)
        })
        .map(|i| lum(mesh.albedo[i]) / skin)
        .collect();
    let n = tones.len() as f32;
    let mean = tones.iter().sum::<f32>() / n;
    let sd = (tones.iter().map(|t| (t - mean) * (t - mean)).sum::<f32>() / n).sqrt();
    eprintln!("{} vertices: mean {mean:.4}, sd {sd:.4}", tones.len());
    assert!(tones.len() > 1000);
    assert!((mean - 1.0).abs() < 0.02, "{mean}");
    assert!((0.005..0.04).contains(&sd), "{sd}");
    let p = glam::Vec3::new(10.0, 40.0, 90.0);
    assert_eq!(mottle(7, p), mottle(7, p));
    assert_ne!(mottle(7, p), mottle(8, p));
}

#[test]
fn bare_skin_shows_pores_up_close_and_keeps_its_tone() {
    // The same forehead with skin's micro-relief and without: up close the relief adds
    // pixel-scale texture but leaves the mean tone; at a whole head in 1024² it is flat.
    let c = Consultation::default();
    let scene = SceneBuilder::default().build(&c).unwrap();
    let mut smooth = scene.clone();
    for m in &mut smooth.meshes {
        m.surface.relief = false;
    }
    let close = View {
        width: 512,
        height: 512,
        yaw_deg: 0.0,
        pitch_deg: 10.0,
        zoom: 6.0,
    };
    let cam = Camera::new(&close, &scene.framing);
    let p = scene.head.chart.point(35.0, 0.0).unwrap().p;
    let (x, y, _) = cam.project(p).unwrap();
    let (x, y) = (x as usize, y as usize);
    let stats = |rgba: &[u8]| {
        let lum = |x: usize, y: usize| {
            let i = (y * 512 + x) * 4;
            let c = [0, 1, 2]
                .map(|k| smp_visualiser::math::srgb_to_linear(f32::from(rgba[i + k]) / 255.0));
            0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
        };
        // Mean, and the spread of each pixel about its 5×5 neighbourhood (the shading's
        // gradient cancels; sRGB's rounding alone leaves about 0.002).
        let (mut mean, mut grain) = (0.0, 0.0);
        let n = 48.0 * 48.0;
        for yy in y - 24..y + 24 {
            for xx in x - 24..x + 24 {
                let local = (0..25)
                    .map(|k| lum(xx + k % 5 - 2, yy + k / 5 - 2))
                    .sum::<f32>()
                    / 25.0;
                mean += lum(xx, yy) / n;
                grain += (lum(xx, yy) - local) * (lum(xx, yy) - local) / n;
            }
        }
        (mean, grain.sqrt())
    };
    let (m1, g1) = stats(&render_rgba(&scene, &close));
    let (m0, g0) = stats(&render_rgba(&smooth, &close));
    eprintln!("mean {m1:.4} vs {m0:.4}, grain {g1:.5} vs {g0:.5}");
    assert!((m1 / m0 - 1.0).abs() < 0.02, "{m1} {m0}");
    assert!(g1 > 2.5 * g0, "{g1} {g0}");
    let whole = View {
        zoom: 1.0,
        width: 1024,
        height: 1024,
        ..close
    };
    assert!(render_rgba(&scene, &whole) == render_rgba(&smooth, &whole));
}

#[test]
fn the_lips_are_drawn_red_on_the_mouth_only() {
    // The face from the front, with its lips layer and without: the pixels the layer reddens
    // make a mouth, wider than tall, in the lower third of the face.
    let side = 256usize;
    let view = View {
        zoom: 1.4,
        ..front_view(side)
    };
    let mut scene = SceneBuilder::default()
        .build(&Consultation::default())
        .unwrap();
    let with = render_rgba(&scene, &view);
    let overlay = scene.meshes[0].overlay.as_mut().unwrap();
    let lips = overlay.layers.pop().unwrap();
    assert_eq!(
        lips.texture.inv_texel,
        1.0 / smp_visualiser::head::LIP_TEXEL_MM
    );
    let without = render_rgba(&scene, &view);
    let redness = |px: &[u8]| i32::from(px[0]) - i32::from(px[1]);
    let (mut n, mut x0, mut x1, mut y0, mut y1) = (0, side, 0, side, 0);
    for (i, (a, b)) in with
        .chunks_exact(4)
        .zip(without.chunks_exact(4))
        .enumerate()
    {
        if redness(a) - redness(b) >= 6 {
            let (x, y) = (i % side, i / side);
            n += 1;
            (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
        }
    }
    let (w, h) = (x1 + 1 - x0, y1 + 1 - y0);
    eprintln!("lips: {n} px in {w}×{h} at ({x0}, {y0})");
    assert!(n > 300, "{n} pixels reddened");
    assert!((2.0..5.0).contains(&(w as f32 / h as f32)), "{w}×{h}");
    assert!(y0 > side * 6 / 10 && y1 < side * 9 / 10, "rows {y0}..{y1}");
    assert!((x0 + x1).abs_diff(side) < 4, "columns {x0}..{x1}");
}
