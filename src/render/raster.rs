//! Triangle rasteriser into a visibility buffer.
//!
//! Per pixel it keeps the nearest triangle's id and perspective-correct barycentrics, so
//! shading runs once per visible pixel however many triangles overlap. Coverage uses edge
//! functions at pixel centres; a pixel exactly on a shared edge is claimed by whichever
//! triangle comes first in mesh order (the depth test is strict), which keeps it deterministic.

use super::prepare::SVert;
use crate::math::ceil_i;
use crate::scene::Scene;

/// Marks a pixel no triangle covers.
pub const EMPTY: u32 = u32::MAX;
/// Bits of the id that hold the triangle index; the mesh index sits above them.
pub const TRI_BITS: u32 = 24;

/// Nearest surface per pixel of a band of whole rows (the whole frame unless it is large).
#[derive(Clone, Debug, Default)]
pub struct VisBuffer {
    /// Reciprocal view depth (larger is nearer); 0 where empty.
    pub inv_z: Vec<f32>,
    /// `mesh << TRI_BITS | triangle`, or [`EMPTY`].
    pub id: Vec<u32>,
    /// Weights of the triangle's second and third vertices.
    pub bary: Vec<[f32; 2]>,
    pub width: usize,
    /// The frame row of the band's first row; pixel coordinates stay the frame's.
    pub y0: usize,
}

impl VisBuffer {
    /// Sizes the buffer for `rows` rows of `width` pixels starting at frame row `y0`.
    pub(crate) fn reset(&mut self, width: usize, y0: usize, rows: usize) {
        let n = width * rows;
        self.width = width;
        self.y0 = y0;
        self.inv_z.resize(n, 0.0);
        self.id.resize(n, EMPTY);
        self.bary.resize(n, [0.0; 2]);
    }

    /// Rows in the band.
    #[must_use]
    pub fn rows(&self) -> usize {
        self.id.len() / self.width.max(1)
    }

    fn clear(&mut self) {
        self.inv_z.fill(0.0);
        self.id.fill(EMPTY);
    }
}

/// Triangle `t`'s projected vertices, if all three are in front of the eye.
#[inline]
#[must_use]
pub fn on_screen(screen: &[Option<SVert>], t: [u32; 3]) -> Option<[SVert; 3]> {
    Some([
        screen[t[0] as usize]?,
        screen[t[1] as usize]?,
        screen[t[2] as usize]?,
    ])
}

/// A triangle that faces the camera: its index and the frame rows its box spans (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrontTri {
    pub index: u32,
    pub rows: (i32, i32),
}

/// Lists, in mesh order, the triangles of `triangles` that face the camera, once a frame:
/// about half face away, and a banded frame would otherwise cull every triangle in every
/// band (1024² budget scene, native: raster 13 → 10 ms together with the truncating box below).
pub fn front_facing(triangles: &[[u32; 3]], screen: &[Option<SVert>], out: &mut Vec<FrontTri>) {
    out.clear();
    // Room for all up front: grown by doubling, the list left holes that later buffers did
    // not fit, and wasm memory only grows (`make bench` session: 97 → 88 MB).
    out.reserve(triangles.len());
    for (ti, t) in triangles.iter().enumerate() {
        let Some([a, b, c]) = on_screen(screen, *t) else {
            continue;
        };
        // Counter-clockwise in the world seen from outside is clockwise on a y-down screen,
        // which makes this area negative.
        if edge(a.0, a.1, b.0, b.1, c.0, c.1) >= 0.0 {
            continue; // back-facing or degenerate
        }
        let lo = a.1.min(b.1).min(c.1).max(-1.0) as i32;
        let hi = ceil_i(a.1.max(b.1).max(c.1)).min(i32::MAX as isize) as i32;
        out.push(FrontTri {
            index: ti as u32,
            rows: (lo, hi),
        });
    }
}

/// Rasterises the camera-facing triangles of every mesh (`front`, from [`front_facing`])
/// from their projected vertices (`screen`, per mesh).
pub fn rasterize(
    scene: &Scene,
    screen: &[Vec<Option<SVert>>],
    front: &[Vec<FrontTri>],
    vis: &mut VisBuffer,
) {
    let (w, y0, y1) = (vis.width, vis.y0, vis.y0 + vis.rows());
    vis.clear();
    let (top, bottom) = (y0 as i32, y1 as i32);
    for (mi, ((mesh, screen), front)) in scene.meshes.iter().zip(screen).zip(front).enumerate() {
        for f in front {
            if f.rows.1 < top || f.rows.0 >= bottom {
                continue;
            }
            let Some([a, b, c]) = on_screen(screen, mesh.triangles[f.index as usize]) else {
                continue;
            };
            let id = ((mi as u32) << TRI_BITS) | f.index;
            triangle(vis, w, (y0, y1), id, a, b, c);
        }
    }
}

/// Edge function of the directed edge a→b at p; positive on the inside of a front face.
#[inline]
fn edge(ax: f32, ay: f32, bx: f32, by: f32, px: f32, py: f32) -> f32 {
    (bx - ax) * (py - ay) - (by - ay) * (px - ax)
}

fn triangle(
    vis: &mut VisBuffer,
    w: usize,
    (y0, y1): (usize, usize),
    id: u32,
    a: SVert,
    b: SVert,
    c: SVert,
) {
    // Counter-clockwise in the world seen from outside is clockwise on a y-down screen,
    // which makes this area negative; flip to work with positive weights.
    let area = edge(a.0, a.1, b.0, b.1, c.0, c.1);
    if area >= 0.0 {
        return; // back-facing or degenerate
    }
    let (b, c) = (c, b);
    let area = -area;
    // Truncation equals floor once clamped at 0 (`floorf` is a libm call on baseline x86-64).
    let min_x = a.0.min(b.0).min(c.0).max(0.0) as usize;
    let min_y = a.1.min(b.1).min(c.1).max(y0 as f32) as usize;
    let max_x = ceil_i(a.0.max(b.0).max(c.0)).min(w as isize - 1);
    let max_y = ceil_i(a.1.max(b.1).max(c.1)).min(y1 as isize - 1);
    if max_x < min_x as isize || max_y < min_y as isize {
        return;
    }
    let inv_area = 1.0 / area;
    // Edge functions are affine in x: step them along the row instead of re-evaluating.
    let (s0, s1, s2) = (c.1 - b.1, a.1 - c.1, b.1 - a.1);
    for y in min_y..=max_y as usize {
        let py = y as f32 + 0.5;
        let row = (y - y0) * w;
        let px0 = min_x as f32 + 0.5;
        let mut w0 = edge(b.0, b.1, c.0, c.1, px0, py);
        let mut w1 = edge(c.0, c.1, a.0, a.1, px0, py);
        let mut w2 = edge(a.0, a.1, b.0, b.1, px0, py);
        for x in min_x..=max_x as usize {
            let inside = w0 >= 0.0 && w1 >= 0.0 && w2 >= 0.0;
            let (e0, e1, e2) = (w0, w1, w2);
            w0 -= s0;
            w1 -= s1;
            w2 -= s2;
            if !inside {
                continue;
            }
            let (w0, w1, w2) = (e0, e1, e2);
            let (l0, l1, l2) = (w0 * inv_area, w1 * inv_area, w2 * inv_area);
            let iz = l0 * a.2 + l1 * b.2 + l2 * c.2;
            let i = row + x;
            if iz <= vis.inv_z[i] {
                continue;
            }
            vis.inv_z[i] = iz;
            vis.id[i] = id;
            // Perspective-correct weights of the mesh's vertices 1 and 2 (b and c were swapped).
            let inv = 1.0 / iz;
            vis.bary[i] = [l2 * c.2 * inv, l1 * b.2 * inv];
        }
    }
}
