//! Cast shadows of one key light: the nose on the lip, the brow over the eye, the ear on the
//! side of the head, the jaw on the neck. Without them the sun and the downlight looked like
//! a bright clinic shot (practitioner review, stop 8).
//!
//! An orthographic depth map along the light, fitted to the geometry's extent across it,
//! built when the geometry or the light's direction changes (a fingerprint of both), looked
//! up per pixel (exactly at a quarter of them, see [`super::lit`]): bilinear comparisons
//! over a 4 × 4 block (7 × 7 under wide sources), skipped where a coarse map of block
//! bounds shows nothing above the point, or everything. A
//! per-vertex lookup came out blotchy on the irregular face mesh (tried at stop 8). Texels
//! are 0.7–0.9 mm, so the lookup blends over about 2–3 mm: at 0.35 mm the 2.5 mm facets of
//! the occluders showed as saw-tooth and notched shadow edges (practitioner review). Budget
//! scene, native (stop 10, interleaved runs on a noisy machine): building the map and its
//! soft copy 7 ms; a 1024² frame under the downlight about 65 ms, under the clinic light 41.
//!
//! A source's size softens a shadow in proportion to the occluder's distance: under the
//! downlight the jaw's shadow on the chest, 15 cm down, is about a centimetre soft, and drawn
//! as sharp as the brow's over the eye it showed every wobble of the occluders' outline as a
//! ragged tongue (practitioner review, stop 9). Far occluders therefore blend toward a
//! variance shadow map: the heights' mean and mean square, halved in resolution and
//! box-blurred to ±5.5 mm. Where the sharp lookup sees the occluders it gives their distance;
//! the variance map's own estimate, trusted on the face, let light through the lips.
//!
//! Self-shadowing ("acne") is avoided twice over: the lookup point is pushed off the surface
//! along its normal, and the shadow only takes the part of the key that the surface's turn
//! toward it adds (see [`super::shade::irradiance_split`]), none at the terminator, where a
//! map is least sure. The far sides of surfaces ("second depth") need no push and keep the
//! terminator clean, but tried here the face mesh's hidden folds under the brow, nose and lips
//! shadowed the cheeks from within.

use crate::math::{ceil_i, normalize_or};
use crate::scene::Mesh;
use glam::Vec3;

/// Texels per side (see the module notes for why not finer).
pub const SIZE: usize = 512;
/// Texels per side of a block of the coarse map.
const BLOCK: usize = 8;
const BLOCKS: usize = SIZE / BLOCK;
/// The lookup point is pushed this far off the surface along its normal (mm): about two and
/// a half texels, past the chord error of 2.5 mm triangles on a curved face (at half this,
/// lit skin showed contour rings).
const NORMAL_OFFSET_MM: f32 = 2.0;
/// The steepest slope the wide lookup's depth bias follows: a surface tilted `t` from the
/// light drops `tan t` texels per texel across the lookup's footprint, and where the light
/// grazed, that drop read as an occluder and drew a dark band along the jaw below the ear
/// under the downlight (stop 29). A normal push instead cleared it but walked the eyelids
/// out of the brows' shadow; past a slope of 2.5 the bias did the same.
const MAX_SLOPE: f32 = 2.5;
/// An occluder must stand this much nearer the light than the point (mm).
const BIAS_MM: f32 = 1.0;
/// The soft map: texels per side, and the half-width of its box blur in its own texels.
/// Its footprint (the box and a bilinear tap, ±8 texels of the fine map) stays inside the
/// 3 × 3 blocks that [`ShadowMap::bounds`] covers around any point.
const SOFT: usize = SIZE / 2;
const SOFT_RADIUS: usize = 3;
const SOFT_BOX: usize = 2 * SOFT_RADIUS + 1;
/// Half-width, in fine texels, of the penumbra the soft map draws (half its box's width in
/// fine texels, each two soft ones).
const SOFT_HALF: f32 = SOFT_BOX as f32;
/// From this spread on, the sharp lookup is twice as wide (±3 texels, 2.4 mm on the head):
/// under the downlight, which meets the face nearly edge-on, the occluders' facets drew
/// streaks down the cheeks and a notched shadow on the chin (practitioner review, stop 9).
/// The sun keeps the narrow one: its shadows are crisp.
const WIDE_SPREAD: f32 = 0.02;
/// The sharp lookup's half-width (texels), wide and narrow.
const WIDE_HALF: f32 = 3.0;
const NARROW_HALF: f32 = 1.5;
/// A sharp lookup letting more than this through has seen no occluder (see [`ShadowMap::lit`]).
const GRAZED: f32 = 0.97;
/// Least variance (mm²) of the soft map: its flat areas are no sharper than this.
const MIN_VARIANCE: f32 = 0.25;
/// Share of the soft map's bound taken as light leaking past a third depth (see
/// [`ShadowMap::lit_soft`]).
const LEAK: f32 = 0.3;

/// Depth of the nearest surface seen from one directional light.
#[derive(Clone, Debug, Default)]
pub struct ShadowMap {
    /// Height toward the light of the nearest surface per texel, in steps of [`Self::step`]
    /// above [`Self::base`]; 0 where none. Sixteen bits (steps of about 0.01 mm) halve the
    /// map to 0.5 MB of wasm memory.
    height: Vec<u16>,
    /// Per block of [`BLOCK`]² texels, the greatest and least height over it and its eight
    /// neighbours: both lookups' footprints around a point in the block lie within, so a
    /// point above the greatest is fully lit and one below the least fully shadowed without
    /// reading them (the deep shadows under the jaw and in the eye sockets).
    bounds: Vec<[u16; 2]>,
    /// The heights' mean and mean square (mm above [`Self::base`]) over a box of the
    /// half-resolution map: a variance shadow map, for the wide penumbrae of far occluders.
    moments: Vec<[f32; 2]>,
    /// Tangent of the light's angular radius: how fast its penumbra widens with distance.
    spread: f32,
    /// Working space, kept: per vertex of a mesh, its place in the map; per block, its own
    /// greatest height. Temporary buffers at each light change fragmented wasm memory.
    at: Vec<LightCoords>,
    own: Vec<[u16; 2]>,
    u: Vec3,
    v: Vec3,
    dir: Vec3,
    centre: Vec3,
    /// Texels per millimetre across the light.
    scale: f32,
    /// Height (mm) of step 0, and steps per millimetre.
    base: f32,
    step: f32,
    /// Fingerprint of the geometry and light the map was built for (0: none).
    stamp: u64,
}

/// A point in the map's frame: texel x, texel y, height toward the light in map steps.
pub type LightCoords = Vec3;

impl ShadowMap {
    /// Makes the map match `meshes` lit from `dir` (unit, toward the light) by a source
    /// whose angular radius has tangent `spread`, rebuilding it only if the geometry or the
    /// direction changed since the last call.
    pub fn update(&mut self, meshes: &[Mesh], dir: Vec3, spread: f32) {
        self.spread = spread;
        let stamp = fingerprint(meshes, dir);
        if stamp == self.stamp && !self.height.is_empty() {
            return;
        }
        self.stamp = stamp;
        let up = if dir.y.abs() < 0.9 { Vec3::Y } else { Vec3::Z };
        self.dir = dir;
        self.u = normalize_or(up.cross(dir), Vec3::X);
        self.v = dir.cross(self.u);
        // Fit the map to the geometry's extent across the light, not a bounding sphere:
        // texels come out 1.5–2 times finer (0.7 mm under the downlight).
        // (across, across, along) the light; the centre lies across it, so heights measured
        // from it along the light are the same as from the origin.
        let (mut lo, mut hi) = (Vec3::splat(f32::MAX), Vec3::splat(f32::MIN));
        for p in meshes.iter().flat_map(|m| &m.positions) {
            let q = Vec3::new(p.dot(self.u), p.dot(self.v), p.dot(dir));
            lo = lo.min(q);
            hi = hi.max(q);
        }
        let span = (hi.x - lo.x).max(hi.y - lo.y).max(1.0);
        self.scale = (SIZE as f32 - 4.0) / span;
        let mid = (lo + hi) * 0.5;
        self.centre = self.u * mid.x + self.v * mid.y;
        let (low, high) = (lo.z, hi.z);
        // Room below and above for the lookups pushed off the surface.
        self.base = low - 2.0 * NORMAL_OFFSET_MM;
        self.step = 65_000.0 / (high - self.base + 2.0 * NORMAL_OFFSET_MM).max(1.0);
        self.height.clear();
        self.height.resize(SIZE * SIZE, 0);
        let mut at = std::mem::take(&mut self.at);
        for m in meshes {
            at.clear();
            at.extend(m.positions.iter().map(|&p| self.project(p)));
            for t in &m.triangles {
                if let [Some(&a), Some(&b), Some(&c)] = t.map(|k| at.get(k as usize)) {
                    self.triangle(a, b, c);
                }
            }
        }
        self.at = at;
        let own = &mut self.own;
        own.clear();
        own.resize(BLOCKS * BLOCKS, [0, u16::MAX]);
        for (y, row) in self.height.chunks_exact(SIZE).enumerate() {
            for (bx, block) in row.chunks_exact(BLOCK).enumerate() {
                let m = &mut own[(y / BLOCK) * BLOCKS + bx];
                *m = block.iter().fold(*m, |[hi, lo], &b| [hi.max(b), lo.min(b)]);
            }
        }
        let own = &self.own;
        self.bounds.clear();
        self.bounds.extend((0..BLOCKS * BLOCKS).map(|i| {
            let (bx, by) = (i % BLOCKS, i / BLOCKS);
            let span = |b: usize| b.saturating_sub(1)..=(b + 1).min(BLOCKS - 1);
            span(by)
                .flat_map(|y| span(bx).map(move |x| own[y * BLOCKS + x]))
                .fold([0, u16::MAX], |[hi, lo], [h, l]| [hi.max(h), lo.min(l)])
        }));
        self.soften();
    }

    /// Builds [`Self::moments`]: the heights (empty texels at the map's floor) averaged
    /// 2 × 2, then box-blurred along rows and then columns, edges clamped. Each output is a
    /// plain sum in a fixed order (no running sum to drift), the same bytes natively and in
    /// wasm.
    fn soften(&mut self) {
        let mm = 1.0 / self.step;
        let m = &mut self.moments;
        m.clear();
        m.extend((0..SOFT * SOFT).map(|i| {
            let t = 2 * (i / SOFT) * SIZE + 2 * (i % SOFT);
            [t, t + 1, t + SIZE, t + SIZE + 1]
                .iter()
                .fold([0.0; 2], |a, &t| {
                    let h = f32::from(self.height[t]) * mm;
                    [a[0] + h * 0.25, a[1] + h * h * 0.25]
                })
        }));
        let mut line = [[0.0f32; 2]; SOFT];
        for (start, stride) in [(SOFT, 1), (1, SOFT)] {
            for l in 0..SOFT {
                let at = |k: usize| l * start + k * stride;
                for (k, v) in line.iter_mut().enumerate() {
                    *v = m[at(k)];
                }
                for k in 0..SOFT {
                    let mut sum = [0.0; 2];
                    for j in k as isize - SOFT_RADIUS as isize..=(k + SOFT_RADIUS) as isize {
                        let v = line[j.clamp(0, SOFT as isize - 1) as usize];
                        sum = [sum[0] + v[0], sum[1] + v[1]];
                    }
                    m[at(k)] = [
                        sum[0] * (1.0 / SOFT_BOX as f32),
                        sum[1] * (1.0 / SOFT_BOX as f32),
                    ];
                }
            }
        }
    }

    /// Holds the map's memory from the first frame on, under any light. Wasm memory only
    /// grows, and allocated at the first light change to the sun it split the room a later
    /// 2048² frame needed (`make bench` session: 97.6 MB at the end; reserved up front, 84.5 MB
    /// throughout with the 512² map).
    pub fn reserve(&mut self, meshes: &[Mesh]) {
        let most = meshes.iter().map(|m| m.positions.len()).max().unwrap_or(0);
        self.height.reserve_exact(SIZE * SIZE);
        self.bounds.reserve_exact(BLOCKS * BLOCKS);
        self.own.reserve_exact(BLOCKS * BLOCKS);
        self.moments.reserve_exact(SOFT * SOFT);
        self.at.reserve_exact(most);
    }

    /// Whether the map holds anything.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.height.is_empty()
    }

    /// Map steps per millimetre along the light (the unit of [`LightCoords`]' height).
    #[must_use]
    pub fn steps_per_mm(&self) -> f32 {
        self.step
    }

    fn project(&self, p: Vec3) -> LightCoords {
        let d = p - self.centre;
        let half = SIZE as f32 * 0.5;
        Vec3::new(
            d.dot(self.u) * self.scale + half,
            d.dot(self.v) * self.scale + half,
            (d.dot(self.dir) - self.base) * self.step,
        )
    }

    /// Where a surface point with unit normal `n` looks the map up (linear in `p` and `n`, so
    /// it interpolates exactly across a triangle).
    #[must_use]
    pub fn coords(&self, p: Vec3, n: Vec3) -> LightCoords {
        let mut c = self.project(p + n * NORMAL_OFFSET_MM);
        let slope = if self.wide() {
            let cos = n.dot(self.dir).max(0.0);
            let sin = (1.0 - cos * cos).max(0.0).sqrt();
            if sin < MAX_SLOPE * cos {
                sin / cos
            } else {
                MAX_SLOPE
            }
        } else {
            0.0
        };
        c.z += (BIAS_MM + WIDE_HALF / self.scale * slope) * self.step;
        c
    }

    /// Whether this light's sharp lookup is the wide one (see [`WIDE_SPREAD`]).
    fn wide(&self) -> bool {
        self.spread >= WIDE_SPREAD
    }

    /// Fraction of the light reaching `c` (0 in full shadow). Near an occluder the sharp
    /// lookup ([`Self::lit_sharp`]); as the occluder's distance widens the light's penumbra
    /// past it, a blend toward the variance map's wide one ([`Self::lit_soft`]).
    /// Not inlined: [`super::lit`] calls it in two places, and each copy cost 1.3 KB of wasm.
    #[must_use]
    #[inline(never)]
    pub fn lit(&self, c: LightCoords) -> f32 {
        // Room for the widest lookup's footprint (W = 7: 3.5 texels each side, rounded up).
        let edge = (SIZE - 5) as f32;
        if !(c.x >= 4.0 && c.y >= 4.0 && c.x < edge && c.y < edge) {
            return 1.0;
        }
        let block = (c.y as usize / BLOCK) * BLOCKS + c.x as usize / BLOCK;
        let Some([hi, lo]) = self.bounds.get(block).map(|b| b.map(f32::from)) else {
            return 1.0;
        };
        if c.z >= hi {
            return 1.0;
        }
        let wide = self.wide();
        let fine_half = if wide { WIDE_HALF } else { NARROW_HALF };
        let (sharp, near) = if c.z < lo {
            (0.0, (lo - c.z) / self.step) // at least this far
        } else if wide {
            self.lit_sharp(c, 7)
        } else {
            self.lit_sharp(c, 4)
        };
        // A few texels just above the point (the bias's margin on a lit slope) are no
        // occluder: taken as one, they switched the far neck's soft shadow on the shoulders
        // off in arcs of light (practitioner review, stop 11).
        let near = if sharp > GRAZED { 0.0 } else { near };
        // Near occluders' penumbrae are within the sharp lookup's own.
        if self.spread <= 0.0 || near * self.spread * self.scale <= fine_half && near > 0.0 {
            return sharp;
        }
        let (soft, far) = self.lit_soft(c);
        // The occluders the sharp lookup saw say how far they are better than the variance
        // map's estimate, which a steep receiver's own slope inflates (light leaked through
        // the lips and brows when it was trusted there).
        let gap = if near > 0.0 { near } else { far };
        // Penumbra half-width this far from the occluder, in fine texels.
        let half = gap * self.spread * self.scale;
        let w = ((half - fine_half) * (1.0 / (SOFT_HALF - fine_half))).clamp(0.0, 1.0);
        sharp + (soft - sharp) * w
    }

    /// The wide lookup: Chebyshev's bound on the share of the soft map's box nearer the
    /// light than `c`, and the mean distance (mm) of what is nearer, taking the box to hold
    /// one occluder over one receiver.
    fn lit_soft(&self, c: LightCoords) -> (f32, f32) {
        let (x, y) = (c.x * 0.5 - 0.5, c.y * 0.5 - 0.5);
        let (ix, iy) = (
            (x.max(0.0) as usize).min(SOFT - 2),
            (y.max(0.0) as usize).min(SOFT - 2),
        );
        let (fx, fy) = (
            (x - ix as f32).clamp(0.0, 1.0),
            (y - iy as f32).clamp(0.0, 1.0),
        );
        let i = iy * SOFT + ix;
        let Some(m) = self.moments.get(i..i + SOFT + 2) else {
            return (1.0, 0.0);
        };
        let at = |k: usize, w: f32| [m[k][0] * w, m[k][1] * w];
        let taps = [
            at(0, (1.0 - fx) * (1.0 - fy)),
            at(1, fx * (1.0 - fy)),
            at(SOFT, (1.0 - fx) * fy),
            at(SOFT + 1, fx * fy),
        ];
        let (mean, square) = taps
            .iter()
            .fold((0.0, 0.0), |(a, b), t| (a + t[0], b + t[1]));
        let z = c.z / self.step;
        let d = mean - z;
        if d <= 0.0 {
            return (1.0, 0.0);
        }
        let variance = (square - mean * mean).max(MIN_VARIANCE);
        let p = variance / (variance + d * d);
        if p >= 0.999 {
            return (1.0, 0.0);
        }
        // Chebyshev's bound is loose where the box holds more than two depths (a steep
        // receiver); cutting its lowest part keeps such light out of the umbra.
        let lit = ((p - LEAK) * (1.0 / (1.0 - LEAK))).max(0.0);
        // mean = p·z + (1 − p)·z_occluder.
        (lit, (mean - p * z) / (1.0 - p) - z)
    }

    /// The sharp lookup: the mean of bilinear 2 × 2 comparisons on a grid of (W − 1)² taps
    /// one texel apart around `c`, which reads a W × W block once (a box W − 1 texels wide,
    /// blurred by the bilinear weights). One bilinear tap showed the occluders' 2.5 mm facets
    /// as a saw-tooth edge. Also the mean distance (mm) of the texels that stand above `c`,
    /// 0 if none.
    fn lit_sharp(&self, c: LightCoords, w: usize) -> (f32, f32) {
        let half = (w - 1) as f32 * 0.5;
        let (x, y) = (c.x - half, c.y - half);
        let (ix, iy) = (x as usize, y as usize);
        let h = c.z;
        let (fx, fy) = (x - ix as f32, y - iy as f32);
        // Bilinear weights: the block's first and last taps in part, those between whole.
        let weight = |k: usize, f: f32| {
            if k == 0 {
                1.0 - f
            } else if k == w - 1 {
                f
            } else {
                1.0
            }
        };
        let (mut sum, mut above, mut count) = (0.0, 0.0, 0u32);
        let rows = self.height.chunks_exact(SIZE).skip(iy).take(w);
        for (r, row) in rows.enumerate() {
            let mut line = 0.0;
            for (k, &t) in row.iter().skip(ix).take(w).enumerate() {
                let t = f32::from(t);
                if t <= h {
                    line += weight(k, fx);
                } else {
                    above += t - h;
                    count += 1;
                }
            }
            sum += line * weight(r, fy);
        }
        let gap = if count == 0 {
            0.0
        } else {
            above / (count as f32 * self.step)
        };
        (sum * (1.0 / ((w - 1) * (w - 1)) as f32), gap)
    }

    /// Keeps, per texel centre covered by the triangle, the greatest height. Only triangles
    /// facing the light are drawn (counter-clockwise seen from outside stays so in this
    /// frame): on a closed surface the nearest is always one of them, and it halves the work.
    fn triangle(&mut self, a: LightCoords, b: LightCoords, c: LightCoords) {
        let edge =
            |p: Vec3, q: Vec3, x: f32, y: f32| (q.x - p.x) * (y - p.y) - (q.y - p.y) * (x - p.x);
        let area = edge(a, b, c.x, c.y);
        if area <= 0.0 {
            return; // facing away, or edge-on
        }
        let min_x = a.x.min(b.x).min(c.x).max(0.0) as usize;
        let min_y = a.y.min(b.y).min(c.y).max(0.0) as usize;
        let max_x = ceil_i(a.x.max(b.x).max(c.x)).min(SIZE as isize - 1);
        let max_y = ceil_i(a.y.max(b.y).max(c.y)).min(SIZE as isize - 1);
        if max_x < min_x as isize || max_y < min_y as isize {
            return;
        }
        let inv = 1.0 / area;
        // Edge functions step along the row (they are affine in x).
        let (s0, s1, s2) = (c.y - b.y, a.y - c.y, b.y - a.y);
        let px0 = min_x as f32 + 0.5;
        for y in min_y..=max_y as usize {
            let py = y as f32 + 0.5;
            let (mut w0, mut w1, mut w2) = (
                edge(b, c, px0, py),
                edge(c, a, px0, py),
                edge(a, b, px0, py),
            );
            let row = &mut self.height[y * SIZE..][..SIZE];
            for t in &mut row[min_x..=max_x as usize] {
                if w0 >= 0.0 && w1 >= 0.0 && w2 >= 0.0 {
                    // At least step 1: 0 marks an empty texel.
                    let h = ((w0 * a.z + w1 * b.z + w2 * c.z) * inv).max(1.0) as u16;
                    if h > *t {
                        *t = h;
                    }
                }
                w0 -= s0;
                w1 -= s1;
                w2 -= s2;
            }
        }
    }
}

/// FNV-1a over the light direction and every vertex position and triangle count: cheap
/// next to building the map, and it cannot be fooled by a freed and reused allocation.
fn fingerprint(meshes: &[Mesh], dir: Vec3) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |x: u32| {
        h ^= u64::from(x);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for c in dir.to_array() {
        eat(c.to_bits());
    }
    for m in meshes {
        eat(m.triangles.len() as u32);
        for p in &m.positions {
            for c in p.to_array() {
                eat(c.to_bits());
            }
        }
    }
    h | 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Surface;

    /// A 100 mm square floor at y = 0 facing up, and a 20 mm square tile, closed (faces up
    /// and down), floating 30 mm above its middle.
    fn floor_and_tile() -> Vec<Mesh> {
        floor_and_tile_at(50.0, 30.0)
    }

    /// A floor `floor` mm from its middle to its sides, and the tile `height` mm above it.
    fn floor_and_tile_at(floor: f32, height: f32) -> Vec<Mesh> {
        let quad = |y: f32, r: f32, triangles: Vec<[u32; 3]>| Mesh {
            positions: vec![
                Vec3::new(-r, y, -r),
                Vec3::new(r, y, -r),
                Vec3::new(r, y, r),
                Vec3::new(-r, y, r),
            ],
            normals: vec![Vec3::Y; 4],
            albedo: vec![Vec3::ONE; 4],
            visibility: vec![1.0; 4],
            triangles,
            surface: Surface::default(),
            overlay: None,
        };
        let up = vec![[0, 2, 1], [0, 3, 2]];
        let both = vec![[0, 2, 1], [0, 3, 2], [0, 1, 2], [0, 2, 3]];
        vec![quad(0.0, floor, up), quad(height, 10.0, both)]
    }

    /// Light reaching the floor at x = 10 + k/10 mm, k = −100..=100, across the tile's edge.
    fn across_edge(map: &ShadowMap) -> Vec<f32> {
        (-100..=100)
            .map(|k| {
                let x = 10.0 + k as f32 * 0.1;
                map.lit(map.coords(Vec3::new(x, 0.0, 0.0), Vec3::Y))
            })
            .collect()
    }

    #[test]
    fn a_tile_shadows_the_floor_beneath_it_and_nothing_else() {
        let meshes = floor_and_tile();
        let mut map = ShadowMap::default();
        map.update(&meshes, Vec3::Y, 0.0);
        let at = |x: f32, z: f32| map.lit(map.coords(Vec3::new(x, 0.0, z), Vec3::Y));
        assert_eq!(at(0.0, 0.0), 0.0, "under the tile");
        assert_eq!(at(8.0, -8.0), 0.0, "under the tile's corner");
        assert_eq!(at(12.0, 0.0), 1.0, "beside the tile");
        assert_eq!(at(-40.0, 30.0), 1.0, "far out on the floor");
        // The tile's own top and the floor are not shadowed by themselves.
        assert_eq!(map.lit(map.coords(Vec3::new(0.0, 30.0, 0.0), Vec3::Y)), 1.0);
    }

    #[test]
    fn a_slanted_light_moves_the_shadow_and_the_map_follows_the_light() {
        let meshes = floor_and_tile();
        let mut map = ShadowMap::default();
        // 45° toward +x: the tile's shadow lands 30 mm toward −x.
        map.update(&meshes, Vec3::new(1.0, 1.0, 0.0).normalize(), 0.0);
        let at = |map: &ShadowMap, x: f32| map.lit(map.coords(Vec3::new(x, 0.0, 0.0), Vec3::Y));
        assert_eq!(at(&map, -30.0), 0.0);
        assert_eq!(at(&map, 0.0), 1.0);
        map.update(&meshes, Vec3::Y, 0.0);
        assert_eq!(at(&map, -30.0), 1.0);
        assert_eq!(at(&map, 0.0), 0.0);
    }

    #[test]
    fn the_shadow_edge_is_blended_over_a_few_texels() {
        let meshes = floor_and_tile();
        let mut map = ShadowMap::default();
        map.update(&meshes, Vec3::Y, 0.0);
        let step = 1.0 / map.scale;
        let values: Vec<f32> = (0..=60)
            .map(|k| {
                let x = 10.0 + (k as f32 - 30.0) * step * 0.1;
                map.lit(map.coords(Vec3::new(x, 0.0, 0.0), Vec3::Y))
            })
            .collect();
        // From full shadow under the tile to full light beside it, without a step back, over
        // one to four texels.
        assert_eq!(values[0], 0.0, "{values:?}");
        assert_eq!(values[60], 1.0, "{values:?}");
        assert!(values.windows(2).all(|w| w[1] >= w[0]), "{values:?}");
        let blended = values.iter().filter(|&&v| v > 0.02 && v < 0.98).count();
        assert!((10..=45).contains(&blended), "{blended}: {values:?}");
    }

    #[test]
    fn a_wide_source_softens_the_shadow_of_a_far_occluder_only() {
        // A 400 mm floor gives texels of 0.8 mm, as on the head.
        let blend = |v: &[f32]| v.iter().filter(|&&l| l > 0.02 && l < 0.98).count();
        let mut map = ShadowMap::default();
        map.update(&floor_and_tile_at(200.0, 200.0), Vec3::Y, 0.0);
        let hard = across_edge(&map);
        // A downlight's 0.04: a penumbra of about ±8 mm at 200 mm below the tile.
        map.update(&floor_and_tile_at(200.0, 200.0), Vec3::Y, 0.04);
        let soft = across_edge(&map);
        assert_eq!((soft[0], soft[200]), (0.0, 1.0), "{soft:?}");
        assert!(soft.windows(2).all(|w| w[1] >= w[0]), "{soft:?}");
        assert!(
            blend(&hard) <= 40,
            "hard edge over {} tenths of a mm",
            blend(&hard)
        );
        // 10 mm below the tile the same source's penumbra is within its sharp lookup's own.
        map.update(&floor_and_tile_at(200.0, 10.0), Vec3::Y, 0.04);
        let near = across_edge(&map);
        let (h, n, s) = (blend(&hard), blend(&near), blend(&soft));
        assert!(
            n <= 60 && s >= 70 && s >= 3 * h && s >= n + 20,
            "edge over {s} tenths of a mm 200 mm down, {n} 10 mm down; {h} from a point source"
        );
    }
}
