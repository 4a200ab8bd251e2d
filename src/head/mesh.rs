//! Meshing a star-shaped SDF by marching rays from one centre over a latitude–longitude grid.
//!
//! Each grid direction is sphere-traced inward from outside, so the mesh takes the outermost
//! surface; normals come from the field's gradient, smoother than face normals. The poles are
//! put where something covers them (the ears cover the skull's), since they pinch.

use crate::math::{normalize_or, sin_cos};
use crate::scene::{Mesh, Surface};
use glam::Vec3;

/// Grid resolution and how far out to start tracing (mm).
#[derive(Clone, Copy, Debug)]
pub struct Grid {
    pub rings: usize,
    pub segments: usize,
    pub reach: f32,
}

/// Distance below which a traced point counts as on the surface (mm).
const HIT: f32 = 0.005;
/// Halvings that finish a traced hit (see [`trace`]).
const BISECTIONS: usize = 10;
/// Step of the central-difference gradient (mm).
const GRAD_STEP: f32 = 0.15;

/// Meshes `f` around `centre`; `axes[0]` is the polar axis. Albedo and visibility are left
/// for the caller (white, fully open).
pub fn radial(f: &dyn Fn(Vec3) -> f32, centre: Vec3, axes: [Vec3; 3], g: Grid) -> Mesh {
    radial_along(f, centre, axes, g, &|_| None)
}

/// [`radial`], with one row moved onto a crease: `crease(theta)` gives the angle (radians from
/// `axes[1]` toward `axes[2]`) at which the ring at polar angle `theta` crosses the crease, if
/// it does, the angle whose nearest row follows the crease on every ring, and how far (0..=1)
/// to move that row. The same row all along, as the crease wanders across rows: the row nearest
/// on each ring stepped to the next row midway and left a notch across the crease. Rows within
/// [`CREASE_REACH`] follow in part, so the grid stays in order. A crease finer than the grid
/// that crosses its rows at a slant is sampled by some rows and missed by others, and the
/// triangles between them drew it as saw-teeth.
pub fn radial_along(
    f: &dyn Fn(Vec3) -> f32,
    centre: Vec3,
    axes: [Vec3; 3],
    g: Grid,
    crease: &dyn Fn(f32) -> Option<(f32, f32, f32)>,
) -> Mesh {
    radial_rings(f, centre, axes, g, &|u| core::f32::consts::PI * u, crease)
}

/// [`radial`], with the rings' polar angles `theta(u)` for `u` evenly spaced in 0..1 instead
/// of the angles themselves evenly spaced: denser where a surface runs nearly along the rays.
pub fn radial_dense(
    f: &dyn Fn(Vec3) -> f32,
    centre: Vec3,
    axes: [Vec3; 3],
    g: Grid,
    theta: &dyn Fn(f32) -> f32,
) -> Mesh {
    radial_rings(f, centre, axes, g, theta, &|_| None)
}

fn radial_rings(
    f: &dyn Fn(Vec3) -> f32,
    centre: Vec3,
    axes: [Vec3; 3],
    g: Grid,
    theta_of: &dyn Fn(f32) -> f32,
    crease: &dyn Fn(f32) -> Option<(f32, f32, f32)>,
) -> Mesh {
    let [polar, e1, e2] = axes;
    let step = core::f32::consts::TAU / g.segments as f32;
    let mut dirs = vec![polar, -polar];
    for i in 0..g.rings {
        let theta = theta_of((i as f32 + 0.5) / g.rings as f32);
        let (st, ct) = sin_cos(theta);
        let crease = crease(theta).map(|(at, home, strength)| {
            let row = (home / step).round() * step;
            // max/min, not clamp: clamp's check of its bounds formats floats when it panics,
            // and that code cost the wasm 26 KB.
            let most = CREASE_MOVE * step;
            let by = (at - row) * strength.clamp(0.0, 1.0);
            (row, by.max(-most).min(most))
        });
        for j in 0..g.segments {
            let mut phi = step * j as f32;
            if let Some((row, by)) = crease {
                // The move tapers to none CREASE_REACH rows away: the angles stay increasing.
                let u = (phi - row) / (step * CREASE_REACH);
                if u.abs() < 1.0 {
                    phi += by * (1.0 - u * u) * (1.0 - u * u);
                }
            }
            let (sp, cp) = sin_cos(phi);
            dirs.push(polar * ct + (e1 * cp + e2 * sp) * st);
        }
    }

    let mut positions = Vec::with_capacity(dirs.len());
    let mut last = g.reach;
    for &d in &dirs {
        // Neighbours along a ring are close, so start just outside the previous hit.
        let mut start = (last + 20.0).min(g.reach);
        if f(centre + d * start) <= 0.0 {
            start = g.reach;
        }
        last = trace(f, centre, d, start);
        positions.push(centre + d * last);
    }
    relax(f, &mut positions, &dirs, g);
    let normals: Vec<Vec3> = positions.iter().map(|&p| gradient(f, p)).collect();

    let seg = g.segments as u32;
    let at = |i: usize, j: u32| 2 + i as u32 * seg + (j % seg);
    let mut triangles = Vec::with_capacity(2 * g.rings * g.segments);
    for j in 0..seg {
        triangles.push([0, at(0, j), at(0, j + 1)]);
        triangles.push([1, at(g.rings - 1, j + 1), at(g.rings - 1, j)]);
    }
    for i in 0..g.rings - 1 {
        for j in 0..seg {
            let (a, b, c, d) = (at(i, j), at(i, j + 1), at(i + 1, j), at(i + 1, j + 1));
            triangles.push([a, c, b]);
            triangles.push([b, c, d]);
        }
    }
    // Wind every triangle counter-clockwise seen from outside (along the field's gradient).
    for t in &mut triangles {
        let [a, b, c] = t.map(|k| positions[k as usize]);
        let n: Vec3 = t.iter().map(|&k| normals[k as usize]).sum();
        if (b - a).cross(c - a).dot(n) < 0.0 {
            t.swap(1, 2);
        }
    }

    let n = positions.len();
    Mesh {
        positions,
        normals,
        albedo: vec![Vec3::ONE; n],
        visibility: vec![1.0; n],
        triangles,
        surface: Surface::default(),
        overlay: None,
    }
}

/// How many rows either side of a crease move with it, and the most (in rows) the crease's
/// row moves (see [`radial_along`]): the taper's steepest slope is 1.54 × 4 / 12 of a row per
/// row, so the rows' spacing stays above half of what it was.
const CREASE_REACH: f32 = 12.0;
const CREASE_MOVE: f32 = 4.0;

/// Rounds of smoothing and re-projection (see [`relax`]).
const RELAX_ROUNDS: usize = 6;

/// Where the surface overhangs a ray (under the brow, between lip and chin), neighbouring rays
/// hit different sheets and the triangles between them stretch into streaks. Averaging each
/// vertex toward its grid neighbours and projecting it back along the gradient spreads the
/// vertices over the overhang; on smooth convex parts it changes nearly nothing.
fn relax(f: &dyn Fn(Vec3) -> f32, positions: &mut [Vec3], dirs: &[Vec3], g: Grid) {
    let seg = g.segments;
    let at = |i: usize, j: usize| 2 + i * seg + (j % seg);
    // Only where the ray grazes the surface (and a margin around it): elsewhere the grid is
    // already even, and relaxing everything would cost seconds at start-up.
    let grazing: Vec<bool> = positions
        .iter()
        .zip(dirs)
        .map(|(&p, &d)| gradient(f, p).dot(d) < 0.6)
        .collect();
    let mut active = Vec::new();
    for i in 0..g.rings {
        for j in 0..seg {
            let near = (i.saturating_sub(3)..(i + 4).min(g.rings))
                .any(|ii| (0..7).any(|dj| grazing[at(ii, j + seg - 3 + dj)]));
            if near {
                active.push((i, j));
            }
        }
    }
    for _ in 0..RELAX_ROUNDS {
        let prev = positions.to_vec();
        for &(i, j) in &active {
            {
                let up = if i == 0 { prev[0] } else { prev[at(i - 1, j)] };
                let down = if i + 1 == g.rings {
                    prev[1]
                } else {
                    prev[at(i + 1, j)]
                };
                let avg = (up + down + prev[at(i, j + 1)] + prev[at(i, j + seg - 1)]) * 0.25;
                let mut p = prev[at(i, j)] * 0.5 + avg * 0.5;
                // The gradient hardly turns over a sub-millimetre move: take it once and step
                // along it (7 field samples a round instead of 21; head build 930 → 640 ms
                // together with the shorter bisection in `trace`).
                let g = gradient(f, p);
                for _ in 0..3 {
                    p -= g * f(p);
                }
                positions[at(i, j)] = p;
            }
        }
    }
}

/// Distance from `centre` along `dir` to the outermost surface, tracing inward from `start`.
#[inline(never)]
pub(crate) fn trace(f: &dyn Fn(Vec3) -> f32, centre: Vec3, dir: Vec3, start: f32) -> f32 {
    let mut outside = start;
    let mut t = start;
    for _ in 0..96 {
        let d = f(centre + dir * t);
        if d < HIT {
            break;
        }
        outside = t;
        // Smooth unions shrink distances unevenly: step a little short of the bound.
        t = (t - (d * 0.8).max(HIT)).max(0.0);
    }
    // Bisect between the last outside point and the first point inside: 10 halvings leave a
    // thousandth of the last step, which is a few hundredths of a millimetre near a surface.
    let mut inside = t;
    for _ in 0..BISECTIONS {
        let mid = 0.5 * (inside + outside);
        if f(centre + dir * mid) < 0.0 {
            inside = mid;
        } else {
            outside = mid;
        }
    }
    0.5 * (inside + outside)
}

// Not inlined: each of its callers' copies cost the wasm bytes, and the six calls of the
// field it makes cost far more than the call.
#[inline(never)]
pub(crate) fn gradient(f: &dyn Fn(Vec3) -> f32, p: Vec3) -> Vec3 {
    let h = GRAD_STEP;
    let g = Vec3::new(
        f(p + Vec3::X * h) - f(p - Vec3::X * h),
        f(p + Vec3::Y * h) - f(p - Vec3::Y * h),
        f(p + Vec3::Z * h) - f(p - Vec3::Z * h),
    );
    normalize_or(g, Vec3::Y)
}
