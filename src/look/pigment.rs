//! The smooth share of healed pigment: every dot's veil laid into the scalp's vertex colours,
//! as a shade that follows the local dot density.
//!
//! A healed dot is pigment under a scattering skin: besides the dot the eye resolves, the
//! skin around it carries a faint veil of its light removed ([`crate::plan::look`]). Drawn
//! as dots alone, with bare skin between, a healed top read at conversation distance as
//! pepper on cream skin, where practitioners see one even shadow with a fine grain
//! (reviews, stops 12–15). Spread over [`SPREAD_MM`] the veils keep the mean (tests/plan.rs:
//! SMP still darkens like the client's own shaved hair); up close the dots stay crisp points
//! over a light grey-blue veil, which is what healed work looks like through a loupe.

use crate::scene::{Mesh, Strands};
use glam::Vec3;

/// Radius of the cone the smooth share is spread over (mm): wider than the dots' spacing
/// (about 1.2 mm at 75/cm²), narrower than a hairline's soft zone (10–20 mm, §2).
pub const SPREAD_MM: f32 = 3.5;

/// Lays the veils of the dot layer `dots` (what each removes in all, mm² per channel) into
/// the albedo of `mesh`'s vertices where `on_scalp` says so.
pub fn bake(dots: &Strands, veil: &[Vec3], mesh: &mut Mesh, on_scalp: &dyn Fn(usize) -> bool) {
    if dots.is_empty() {
        return;
    }
    let grid = Grid::new(&dots.a);
    // A cone of radius R holds a third of its cylinder's volume: 3 / (π R²) makes it unit.
    let norm = 3.0 / (core::f32::consts::PI * SPREAD_MM * SPREAD_MM);
    for (v, (p, albedo)) in mesh.positions.iter().zip(&mut mesh.albedo).enumerate() {
        if !on_scalp(v) {
            continue;
        }
        let mut shade = Vec3::ZERO;
        grid.near(*p, &mut |i| {
            // Most dots the cubes hold are out of reach: no square root for those.
            let r2 = (dots.a[i] - *p).length_squared();
            if r2 < SPREAD_MM * SPREAD_MM {
                shade += veil[i] * (norm * (1.0 - r2.sqrt() / SPREAD_MM));
            }
        });
        *albedo *= Vec3::ONE - shade.min(Vec3::splat(0.9));
    }
}

/// Dots binned into cubes of [`SPREAD_MM`] by a counting sort: the cube of a point and its
/// 26 neighbours hold every dot within reach.
struct Grid {
    origin: Vec3,
    dims: [usize; 3],
    /// Dots of cube c are `order[start[c]..start[c + 1]]`.
    start: Vec<u32>,
    order: Vec<u32>,
}

impl Grid {
    fn new(points: &[Vec3]) -> Self {
        let lo = points.iter().fold(Vec3::splat(f32::MAX), |m, &p| m.min(p));
        let hi = points.iter().fold(Vec3::splat(f32::MIN), |m, &p| m.max(p));
        // Non-negative, so truncation is the floor (glam's `floor` is a libm call).
        let size = (hi - lo) / SPREAD_MM;
        let dims = [size.x, size.y, size.z].map(|d| d as usize + 1);
        let mut g = Self {
            origin: lo,
            dims,
            start: vec![0; dims[0] * dims[1] * dims[2] + 1],
            order: vec![0; points.len()],
        };
        let cells: Vec<usize> = points.iter().map(|&p| g.cell(p)).collect();
        for &c in &cells {
            g.start[c + 1] += 1;
        }
        for c in 1..g.start.len() {
            g.start[c] += g.start[c - 1];
        }
        let mut fill = g.start.clone();
        for (i, &c) in cells.iter().enumerate() {
            g.order[fill[c] as usize] = i as u32;
            fill[c] += 1;
        }
        g
    }

    /// The cube holding `p`, which lies within the grid's bounds.
    fn cell(&self, p: Vec3) -> usize {
        let c = (p - self.origin) / SPREAD_MM;
        (c.z as usize * self.dims[1] + c.y as usize) * self.dims[0] + c.x as usize
    }

    /// Calls `f` with every dot in the cube of `p` and its neighbours.
    fn near(&self, p: Vec3, f: &mut dyn FnMut(usize)) {
        let q = (p - self.origin) / SPREAD_MM;
        let q = [q.x, q.y, q.z];
        // Outside by more than a cube: nothing within reach.
        if (0..3).any(|a| q[a] < -1.0 || q[a] >= self.dims[a] as f32 + 1.0) {
            return;
        }
        // From −1 up, truncation after a shift of one is the floor.
        let at = q.map(|v| (v + 1.0) as i64 - 1);
        for dz in -1..=1 {
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let c = [at[0] + dx, at[1] + dy, at[2] + dz];
                    if (0..3).any(|a| c[a] < 0 || c[a] >= self.dims[a] as i64) {
                        continue;
                    }
                    let k = (c[2] as usize * self.dims[1] + c[1] as usize) * self.dims[0]
                        + c[0] as usize;
                    let (s, e) = (self.start[k] as usize, self.start[k + 1] as usize);
                    for &i in &self.order[s..e] {
                        f(i as usize);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_even_field_lays_its_veils_at_their_mean() {
        // Dots on a 1 mm grid in the z = 0 plane, each with a veil removing 0.1 mm² of the
        // skin's light: an average darkening of 10 % once spread.
        let mut dots = Strands::with_capacity(0);
        let mut veil = Vec::new();
        for y in -20..=20 {
            for x in -20..=20 {
                let p = Vec3::new(x as f32, y as f32, 0.0);
                dots.push(p, p, Vec3::Z, 0.2, Vec3::splat(0.4));
                veil.push(Vec3::splat(0.1));
            }
        }
        let mut mesh = Mesh {
            positions: vec![
                Vec3::ZERO,
                Vec3::new(0.3, 0.7, 0.0),
                Vec3::new(60.0, 0.0, 0.0),
                Vec3::new(5.0, 5.0, 0.0),
            ],
            albedo: vec![Vec3::ONE; 4],
            ..Mesh::default()
        };
        bake(&dots, &veil, &mut mesh, &|v| v != 3);
        let want = 0.9;
        for v in 0..2 {
            assert!(
                (mesh.albedo[v].x - want).abs() < 0.004,
                "{} vs {want}",
                mesh.albedo[v]
            );
        }
        assert_eq!(mesh.albedo[2], Vec3::ONE, "out of reach");
        assert_eq!(mesh.albedo[3], Vec3::ONE, "not scalp");
    }
}
