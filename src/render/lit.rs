//! How much of the key light reaches each pixel: [`super::shadow::ShadowMap::lit`] looked
//! up exactly at every other pixel of every other row, and interpolated between elsewhere.
//!
//! The lookup blends over 2–5 mm of the head (see [`super::shadow`]) and pixels are 0.3 mm
//! apart at 1024², so neighbouring lookups read nearly the same texels: under the downlight
//! they were a fifth of a frame's time in wasm and a quarter of its instructions natively
//! (a 7 × 7 block at about 400,000 pixels). The exact lookups sit on even frame columns of
//! even frame rows, so bands and threads agree on them. A pixel between takes the mean of its
//! two or four such neighbours if they lie on its mesh within [`NEAR_MM`] of it in depth, and
//! looks up its own otherwise: at an outline, where the neighbours stand on another surface.
//!
//! Measured (budget scene, 1024², single thread, native instructions): downlight frame
//! 939 → 864 M, sun 778 → 787 M (its 4 × 4 lookup was cheap, and the specular lobes no
//! longer inlined, to pay this pass's wasm bytes, cost about 10 M in every light). Chromium,
//! as the app draws, light change + 1024²: 142 / 139 → 132 / 135 ms, back to back. Pixels
//! change by at most 18 of 255, along outlines; the test below bounds the error against
//! each pixel's own lookup.

use super::prepare::{Prepared, SHADOW};
use super::raster::{VisBuffer, EMPTY, TRI_BITS};
use super::shadow::LightCoords;
use crate::scene::Scene;
use glam::Vec3;

/// Furthest a neighbour may lie from the pixel in view depth (mm), on the same mesh: nearer
/// than the lookup's own bias, so it stands on the same patch of surface, not on a cheek
/// behind a nose.
const NEAR_MM: f32 = 1.0;
/// Marks a pixel the key light's shadow does not reach (nothing for it to take away).
const UNUSED: f32 = -1.0;
/// Marks a pixel between anchors still to be filled.
const WANTED: f32 = -2.0;

/// Fills `lit` (one per pixel of `vis`) with the fraction of the key light reaching each
/// pixel that has shadowable light, [`UNUSED`] elsewhere.
#[inline(never)]
pub fn shadow_pass(scene: &Scene, prep: &Prepared, vis: &VisBuffer, lit: &mut [f32]) {
    let w = vis.width.max(1);
    let rows = vis.rows();
    lit.fill(UNUSED);
    if prep.shadow.is_empty() {
        return;
    }
    let exact = |i: usize| point(scene, prep, vis, i).map_or(1.0, |c| prep.shadow.lit(c));
    for (row, line) in lit.chunks_exact_mut(w).enumerate() {
        let even = (vis.y0 + row) % 2 == 0;
        for (x, l) in line.iter_mut().enumerate() {
            let i = row * w + x;
            if shadowable(prep, vis, i) {
                *l = if even && x % 2 == 0 { exact(i) } else { WANTED };
            }
        }
    }
    for row in 0..rows {
        // The anchors round a pixel: beside, above and below, or on the diagonals (a pixel
        // on an anchor column or row takes the same one twice).
        let dy = (vis.y0 + row) % 2;
        for x in 0..w {
            let i = row * w + x;
            if lit[i] != WANTED {
                continue;
            }
            let dx = x % 2;
            let mean = || -> Option<f32> {
                if x + dx >= w || row < dy || row + dy >= rows {
                    return None;
                }
                let (id, z) = (*vis.id.get(i)? >> TRI_BITS, *vis.inv_z.get(i)?);
                let mut sum = 0.0;
                for j in [
                    i - dy * w - dx,
                    i - dy * w + dx,
                    i + dy * w - dx,
                    i + dy * w + dx,
                ] {
                    let (l, zj) = (*lit.get(j)?, *vis.inv_z.get(j)?);
                    // |1/z − 1/zj| ≤ NEAR_MM without dividing.
                    let near = l >= 0.0
                        && *vis.id.get(j)? >> TRI_BITS == id
                        && (z - zj).abs() <= NEAR_MM * z * zj;
                    if !near {
                        return None;
                    }
                    sum += l;
                }
                Some(sum * 0.25)
            };
            let value = mean();
            lit[i] = value.unwrap_or_else(|| exact(i));
        }
    }
}

/// Barycentric interpolation of per-vertex values at pixel `i`.
#[inline(never)]
fn at_pixel(scene: &Scene, vis: &VisBuffer, i: usize, v: &[Vec3]) -> Option<Vec3> {
    let id = *vis.id.get(i)?;
    let mesh = scene.meshes.get((id >> TRI_BITS) as usize)?;
    let t = mesh.triangles.get((id & ((1 << TRI_BITS) - 1)) as usize)?;
    let [b1, b2] = *vis.bary.get(i)?;
    let b = [1.0 - b1 - b2, b1, b2];
    let mut sum = Vec3::ZERO;
    for (k, b) in t.iter().zip(b) {
        sum += *v.get(*k as usize)? * b;
    }
    Some(sum)
}

/// Whether pixel `i` has light a shadow can take (see [`SHADOW`]).
fn shadowable(prep: &Prepared, vis: &VisBuffer, i: usize) -> bool {
    let Some(&id) = vis.id.get(i).filter(|&&id| id != EMPTY) else {
        return false;
    };
    let tri = prep.tri.get((id >> TRI_BITS) as usize);
    tri.and_then(|t| t.get((id & ((1 << TRI_BITS) - 1)) as usize))
        .is_some_and(|f| f & SHADOW != 0)
}

/// Where pixel `i` looks the shadow up.
fn point(scene: &Scene, prep: &Prepared, vis: &VisBuffer, i: usize) -> Option<LightCoords> {
    let id = *vis.id.get(i)?;
    at_pixel(
        scene,
        vis,
        i,
        prep.light_coords.get((id >> TRI_BITS) as usize)?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::look::light::LightingPreset;
    use crate::render::{render, Frame, View};
    use crate::scene::SceneBuilder;
    use crate::Consultation;

    /// The face and scalp under the downlight, 256² (a whole frame, so the last band's
    /// buffers are the frame's): every pixel's value against its own exact lookup.
    #[test]
    fn interpolated_pixels_stay_near_their_own_lookup() {
        let c = Consultation {
            lighting: LightingPreset::Downlight,
            ..Consultation::default()
        };
        let scene = SceneBuilder::default().build(&c).unwrap();
        let view = View {
            width: 256,
            height: 256,
            yaw_deg: 30.0,
            pitch_deg: 10.0,
            zoom: 1.0,
        };
        let mut frame = Frame::default();
        render(&scene, &view, &mut frame);
        let (prep, vis) = (&frame.prep, &frame.work.vis);
        let mut lit = vec![0.0; vis.id.len()];
        shadow_pass(&scene, prep, vis, &mut lit);
        let (mut used, mut shared, mut worst, mut total) = (0, 0, 0.0f32, 0.0);
        for (i, &l) in lit.iter().enumerate() {
            assert_eq!(l >= 0.0, shadowable(prep, vis, i), "pixel {i}");
            if l < 0.0 {
                continue;
            }
            let exact = prep.shadow.lit(point(&scene, prep, vis, i).unwrap());
            let (x, y) = (i % vis.width, vis.y0 + i / vis.width);
            if x % 2 == 0 && y % 2 == 0 {
                assert_eq!(l, exact, "anchor {x}, {y}");
            } else if l != exact {
                shared += 1;
            }
            used += 1;
            worst = worst.max((l - exact).abs());
            total += (l - exact).abs();
        }
        let mean = total / used as f32;
        assert!(used > 10_000, "{used} pixels in the key light");
        // Where light and shadow are uniform the mean equals the lookup; elsewhere it differs
        // (measured: 1,040 of 12,319 since the wide lookup's slope bias, stop 29).
        assert!(
            shared * 20 > used,
            "{shared} of {used} differ from their lookup"
        );
        // Measured: mean 0.0009, worst 0.22 (a 256² frame, pixels 1.2 mm apart): the worst
        // one pixel at the eye's outer corner, where the lids meet within a pixel (0.11 before
        // the corners came to points, stop 40).
        assert!(mean < 0.004 && worst < 0.25, "mean {mean}, worst {worst}");
    }
}
