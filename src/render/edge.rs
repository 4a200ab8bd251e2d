//! Anti-aliased outline: the head against the backdrop.
//!
//! The visibility buffer gives each pixel one triangle, so the silhouette came out as a
//! staircase (one sample a pixel). Inside the head neighbouring triangles share edges and need
//! nothing; only pixels on the outline do. For each, a 4 × 4 grid of samples is tested against
//! the triangles seen in its 3 × 3 neighbourhood, and the pixel is blended between the
//! backdrop and the surface colour by the share of samples that land on the surface. That is
//! a few thousand pixels a frame, all local, so banded frames keep their bytes; 1024² budget
//! scene, native: about 4 ms, most of it finding the outline.

use super::prepare::{Prepared, SVert};
use super::raster::{on_screen, VisBuffer, EMPTY, TRI_BITS};
use crate::scene::Scene;
use glam::Vec3;

/// Samples per side of a pixel.
const GRID: usize = 4;

/// Blends the outline pixels of `vis`'s band in `color` (lit, before hair is laid over). `back`
/// gives the backdrop colour of a band row.
pub fn smooth_outline(
    scene: &Scene,
    prep: &Prepared,
    vis: &VisBuffer,
    color: &mut [Vec3],
    back: impl Fn(usize) -> Vec3,
) {
    let (w, rows) = (vis.width, vis.rows());
    if w < 3 || rows < 3 {
        return;
    }
    let tri = |id: u32| -> Option<[SVert; 3]> {
        let mi = (id >> TRI_BITS) as usize;
        let t = scene.meshes[mi].triangles[(id & ((1 << TRI_BITS) - 1)) as usize];
        on_screen(&prep.screen[mi], t)
    };
    // Decide every pixel from the unblended colours, then write.
    let empty = |i: usize| vis.id[i] == EMPTY;
    let mut out: Vec<(usize, Vec3)> = Vec::new();
    for row in 1..rows - 1 {
        for x in 1..w - 1 {
            let i = row * w + x;
            // On the outline: a side neighbour across the change between backdrop and surface.
            let e = empty(i);
            if e == empty(i - 1) && e == empty(i + 1) && e == empty(i - w) && e == empty(i + w) {
                continue;
            }
            // The distinct triangles around it, and the lit neighbours' mean colour.
            let mut tris: [Option<[SVert; 3]>; 9] = [None; 9];
            let mut seen = [EMPTY; 9];
            let (mut n, mut sum, mut lit) = (0, Vec3::ZERO, 0.0);
            for dy in [-1isize, 0, 1] {
                for dx in [-1isize, 0, 1] {
                    let j = (i as isize + dy * w as isize + dx) as usize;
                    let id = vis.id[j];
                    if id == EMPTY {
                        continue;
                    }
                    sum += color[j];
                    lit += 1.0;
                    if !seen[..n].contains(&id) {
                        seen[n] = id;
                        tris[n] = tri(id);
                        n += 1;
                    }
                }
            }
            let tris = &tris[..n];
            let (px, py) = (x as f32, (vis.y0 + row) as f32);
            let mut hits = 0;
            for sy in 0..GRID {
                for sx in 0..GRID {
                    let (qx, qy) = (
                        px + (sx as f32 + 0.5) / GRID as f32,
                        py + (sy as f32 + 0.5) / GRID as f32,
                    );
                    if tris.iter().flatten().any(|t| inside(t, qx, qy)) {
                        hits += 1;
                    }
                }
            }
            let cover = hits as f32 / (GRID * GRID) as f32;
            // An empty pixel takes the mean of its lit neighbours as the surface reaching in.
            let surface = if e { sum / lit } else { color[i] };
            let b = back(row);
            out.push((i, b + (surface - b) * cover));
        }
    }
    for (i, c) in out {
        color[i] = c;
    }
}

/// Whether (x, y) falls inside the screen triangle `t` (either winding).
fn inside(t: &[SVert; 3], x: f32, y: f32) -> bool {
    let e = |a: &SVert, b: &SVert| (b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0);
    let (e0, e1, e2) = (e(&t[0], &t[1]), e(&t[1], &t[2]), e(&t[2], &t[0]));
    (e0 >= 0.0 && e1 >= 0.0 && e2 >= 0.0) || (e0 <= 0.0 && e1 <= 0.0 && e2 <= 0.0)
}
