//! Hair in the frame: the shafts' shadow under the skin darkens the albedo before lighting;
//! the shafts above the skin are lit with Kajiya–Kay (per strand, research/tech.md §3.2) and
//! laid over the lit skin.

use super::prepare::Prepared;
use super::raster::VisBuffer;
use super::strands::{coverage, splat};
use crate::math::normalize_or;
use crate::scene::Scene;
use glam::Vec3;

/// Accumulates the scene's darkening layers (shafts under the skin, pigment) into `trans`:
/// the fraction of each channel that gets through. Strand layers add up area and colour in
/// `acc` and `trans` first (see [`removal`]); layers of dots then multiply in, each dot
/// letting through one minus its colour times the share of the pixel it darkens, so two dots
/// darken more where they overlap instead of falling back to their average (which drew a pale
/// ring where a dot's edge crossed its neighbour in close-ups of paired impressions).
pub fn darken(
    scene: &Scene,
    prep: &Prepared,
    vis: &VisBuffer,
    acc: &mut [f32],
    trans: &mut [Vec3],
) {
    acc.fill(0.0);
    trans.fill(Vec3::ZERO);
    // Strand layers first, then dots.
    for dots in [false, true] {
        if dots {
            for (t, &a) in trans.iter_mut().zip(acc.iter()) {
                *t = (Vec3::ONE - removal(a, *t)).max(Vec3::ZERO);
            }
        }
        for (layer, projected) in scene.darkening.iter().zip(&prep.darkening) {
            if layer.core.is_some() != dots {
                continue;
            }
            splat(
                projected,
                layer.core,
                layer.soft,
                vis,
                &mut |k, deposits| {
                    let c = layer.color[k];
                    for &(p, cover, dark) in deposits {
                        let p = p as usize;
                        if dots {
                            trans[p] *= (Vec3::ONE - c * dark).max(Vec3::ZERO);
                        } else {
                            acc[p] += cover;
                            trans[p] += c * cover;
                        }
                    }
                },
            );
        }
    }
}

/// The fraction of each channel the strand layers remove at a pixel: linear in covered
/// area up to a full pixel, which keeps the mean tone of sub-pixel strands at any resolution;
/// beyond, the coverage-weighted mean, so overlapping shadows stay a shadow, not black.
#[inline]
#[must_use]
pub fn removal(acc: f32, acc_c: Vec3) -> Vec3 {
    if acc <= 1.0 {
        acc_c
    } else {
        acc_c * (1.0 / acc)
    }
}

/// Kajiya–Kay radiance of one strand with tangent `t`, seen along `v`.
pub(crate) fn strand_colour(scene: &Scene, albedo: Vec3, t: Vec3, v: Vec3) -> Vec3 {
    let light = &scene.lighting;
    let mut c = albedo * ((light.sky + light.ground) * 0.5);
    for key in &light.keys {
        let l = if key.from_camera { v } else { key.dir };
        let tl = t.dot(l);
        let diffuse = (1.0 - tl * tl).max(0.0).sqrt();
        let hv = normalize_or(l + v, t);
        let th = t.dot(hv);
        let mut s = (1.0 - th * th).max(0.0).sqrt();
        for _ in 0..6 {
            s *= s; // sin(T, H)^64
        }
        c += key.color * (albedo * (0.75 * diffuse) + Vec3::splat(0.025 * key.specular * s));
    }
    c
}

/// Lays the lit shafts over `out`.
pub fn shafts(
    prep: &Prepared,
    vis: &VisBuffer,
    out: &mut [Vec3],
    acc: &mut [f32],
    acc_c: &mut [Vec3],
) {
    if prep.shafts.is_empty() {
        return;
    }
    acc.fill(0.0);
    acc_c.fill(Vec3::ZERO);
    let colours = &prep.shaft_colours;
    splat(&prep.shafts, None, false, vis, &mut |k, deposits| {
        for &(p, cover, _) in deposits {
            acc[p as usize] += cover;
            acc_c[p as usize] += colours[k] * cover;
        }
    });
    for ((px, &a), &c) in out.iter_mut().zip(acc.iter()).zip(acc_c.iter()) {
        if a > 0.0 {
            *px += (c / a - *px) * coverage(a);
        }
    }
}
