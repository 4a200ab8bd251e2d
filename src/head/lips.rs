//! The lips' red (the vermilion) as a chart-space map the renderer samples per pixel.
//!
//! Why a map: the face mesh's vertices are about 2 mm apart at the mouth, and a lip colour
//! carried by them was a blurred pink band, uniform in height out to a square end, with no
//! cupid's bow: "two pink bands" (practitioner reviews, stops 16–19). The vermilion border is
//! one of the sharpest edges of a face, so its outline is drawn here at 0.3 mm, over only the
//! triangles around the mouth.
//!
//! The outline, in the head's unscaled frame from the line between the lips ([`MOUTH_Y`]),
//! follows the usual anthropometric proportions [general knowledge: Farkas' norms]: the red
//! spans the mouth from corner to corner; the upper lip's is about 9 mm tall (measured
//! vertically) at the peaks of the cupid's bow, about 11 mm apart over the philtrum's columns,
//! and dips 1.3 mm between them; the lower lip's is about 8.5 mm at the middle; both narrow to
//! a point at the corners. The upper lip's surface leans forward, so from the front its red
//! shows thinner than the lower's, as on a face. Over the upper border runs the white roll, a
//! pale line of skin. Across the red run the lip lines, fine creases about a millimetre apart
//! from the line between the lips most of the way to the border, fanning out toward the
//! corners; a flat-coloured red read as painted on (practitioner review of the face close-up).

use super::{Shape, MOUTH_HALF_MM, MOUTH_Y};
use crate::head::ScalpChart;
use crate::math::smoothstep;
use glam::Vec3;

/// Texel size (mm): resolves the half-millimetre border at the face's closest zoom.
pub const TEXEL_MM: f32 = 0.3;

/// Half the width of the border's blur (mm): the upper lip's border is sharp, the lower's
/// softer, as it turns under toward the chin.
const EDGE_MM: f32 = 0.35;
const LOWER_EDGE_MM: f32 = 0.9;

/// How far from the midline the cupid's bow peaks (mm), and how far the upper border dips
/// between the peaks.
const BOW_PEAK_X: f32 = 5.5;
const BOW_DIP_MM: f32 = 1.3;

/// How far past the slit's end the red's tip reaches (mm): ending at the slit, the red was
/// too thin there to see, and the slit ran on past the lips as a bare crease.
const CORNER_MM: f32 = 2.0;

/// Where the lips meet: half the dark line's height at the middle (mm). Light hardly gets
/// into the closed crease, so its diffuse light is dark under any lamp. Drawn by the geometry
/// alone, its 2 mm notch lay between the mesh's vertices: under the downlight, whose diffuse
/// light is evened out where a vertex stands out from its neighbours, the lips met without a
/// line (review, stop 26). [estimate, from photographs of lips at rest]
const MEET_HALF_MM: f32 = 0.45;
/// How far past the slit's end the meeting line reaches (mm), still inside the red's tip.
const MEET_PAST_MM: f32 = 1.5;

/// The lips roll in toward the line between them, where little light reaches: a broad
/// shade at this share of the line's own, over this far each way (mm). Lit evenly to the
/// line, the red read as a flat decal (practitioner review, stop 35). [estimate, by eye]
const ROLL_IN: f32 = 0.35;
const ROLL_IN_MM: f32 = 3.5;

/// The mouth's corners: a shaded pit this deep (share of the line's darkening) and this wide
/// (mm, radius), where the upper lip folds over the lower into the cheek. Ending in a fine
/// point, the red read as an almond-shaped decal (practitioner reviews, stops 35 and 36).
/// [estimate, from photographs of lips at rest]
const CORNER_PIT: f32 = 0.55;
const CORNER_PIT_MM: f32 = 2.2;

/// Width of the white roll over the upper border (mm).
const ROLL_MM: f32 = 1.2;

/// Lip lines: mean spacing (mm), how far a line's place wanders from even spacing (share of
/// the spacing), half a line's width (mm), and how far out toward the border they run (share
/// of the red's height there). How far they lean away from the midline, mm per mm of height,
/// at the corners. [estimate, from photographs of lips at rest]
const LINE_SPACING_MM: f32 = 1.1;
const LINE_JITTER: f32 = 0.35;
const LINE_HALF_MM: f32 = 0.28;
const LINE_REACH: f32 = 0.8;
const LINE_FAN: f32 = 0.35;

/// The lips' map over the face mesh.
#[derive(Clone, Debug)]
pub struct LipMap {
    /// Chart (s, t) of texel (0, 0)'s outer corner, and the grid's size.
    pub origin: [f32; 2],
    pub width: usize,
    pub height: usize,
    /// Per texel: how much of it is vermilion, how much white roll, how deep in a lip line,
    /// and how deep in the line where the lips meet, 0..=1.
    pub weights: Vec<[f32; 4]>,
    /// Per face-mesh triangle: whether it may reach the map.
    pub tri: Vec<bool>,
}

/// Heights of the vermilion's upper and lower borders above and below the line between the
/// lips at `ax` mm from the midline (unscaled); negative past the corners.
fn borders(ax: f32, s: &Shape) -> (f32, f32) {
    let u = ax / (MOUTH_HALF_MM + CORNER_MM);
    if u >= 1.0 {
        return (-1.0, -1.0);
    }
    let t = 1.0 - u * u;
    // The corners close at an acute angle; the lower lip is rounder than the upper.
    let bow = 1.0 - smoothstep(0.0, BOW_PEAK_X, ax);
    let upper = s.vermilion.0 * libm::powf(t, 0.75) - BOW_DIP_MM * bow * bow;
    let lower = s.vermilion.1 * libm::powf(t, 0.6);
    (upper, lower)
}

/// How far `q` (unscaled head frame) lies inside the vermilion's border, measured up or
/// down (mm; negative outside), and whether it is above the line between the lips.
pub(super) fn inside(q: Vec3, s: &Shape) -> (f32, bool) {
    if q.z < 55.0 {
        return (-100.0, false);
    }
    let (upper, lower) = borders(q.x.abs(), s);
    let dy = q.y - MOUTH_Y;
    (
        if dy >= 0.0 { upper - dy } else { lower + dy },
        dy >= 0.0 && upper > 0.0,
    )
}

/// A number in 0..1 fixed by `i` (for the lines' irregular places and depths).
fn hash01(i: i32, salt: u32) -> f32 {
    let mut h = (i as u32).wrapping_mul(0x9e37_79b9) ^ salt.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2c1b_3c6d);
    h ^= h >> 12;
    (h >> 8) as f32 / (1u32 << 24) as f32
}

/// How deep in a lip line `q` lies (unscaled head frame), 0..=1.
fn line(q: Vec3, s: &Shape) -> f32 {
    let dy = q.y - MOUTH_Y;
    let (upper, lower) = borders(q.x.abs(), s);
    let height = if dy >= 0.0 { upper } else { lower };
    if height <= 0.0 {
        return 0.0;
    }
    let half = MOUTH_HALF_MM + CORNER_MM;
    // Lines fan out: further from the midline they lean outward with height.
    let x = q.x - dy.abs() * LINE_FAN * q.x / half;
    let k0 = crate::math::floor_i(x / LINE_SPACING_MM) as i32;
    let salt = if dy >= 0.0 { 1 } else { 2 };
    let mut depth: f32 = 0.0;
    for k in k0 - 1..=k0 + 1 {
        let at = (k as f32 + 0.5 + LINE_JITTER * (hash01(k, salt) - 0.5)) * LINE_SPACING_MM;
        let across = 1.0 - smoothstep(0.0, LINE_HALF_MM, (x - at).abs());
        // Some lines are faint, and each stops short of the border at its own height.
        let strength = 0.4 + 0.6 * hash01(k, salt + 10);
        let reach = LINE_REACH * (0.6 + 0.4 * hash01(k, salt + 20));
        let along = 1.0 - smoothstep(0.5 * reach, reach, dy.abs() / height);
        depth = depth.max(across * strength * along);
    }
    // None at the corners, where the red is a thin point.
    depth * (1.0 - smoothstep(0.75, 0.95, q.x.abs() / half))
}

/// How deep in the line where the lips meet `q` lies (unscaled head frame), 0..=1: widest
/// at the middle, narrowing to the corners and just past them, and in the corners' pits.
fn meet(q: Vec3) -> f32 {
    let u = q.x.abs() / (MOUTH_HALF_MM + MEET_PAST_MM);
    if q.z < 55.0 || q.x.abs() >= MOUTH_HALF_MM + CORNER_PIT_MM {
        return 0.0;
    }
    let half = MEET_HALF_MM * (1.0 - 0.6 * u * u).max(0.0);
    let dy = (q.y - MOUTH_Y).abs();
    let line = 1.0 - smoothstep(0.3 * half, half, dy);
    let rolled = ROLL_IN * (1.0 - smoothstep(0.0, ROLL_IN_MM, dy));
    // The corner's pit, where the upper lip folds over the lower.
    let off = q.x.abs() - MOUTH_HALF_MM;
    let pit = CORNER_PIT * (1.0 - smoothstep(0.0, CORNER_PIT_MM, (off * off + dy * dy).sqrt()));
    (line.max(rolled) * (1.0 - smoothstep(0.7, 1.0, u))).max(pit)
}

/// Vermilion, white-roll, lip-line and meeting-line coverage at `q` (unscaled head frame),
/// 0..=1 each.
fn coverage(q: Vec3, s: &Shape) -> [f32; 4] {
    let (inside, upper) = inside(q, s);
    let edge = if upper { EDGE_MM } else { LOWER_EDGE_MM };
    let red = smoothstep(-edge, edge, inside);
    let roll = if upper {
        let out = -inside;
        smoothstep(-EDGE_MM, EDGE_MM, out) * (1.0 - smoothstep(ROLL_MM - EDGE_MM, ROLL_MM, out))
    } else {
        0.0
    };
    [red, roll, if red > 0.0 { line(q, s) } else { 0.0 }, meet(q)]
}

impl LipMap {
    /// Bakes the map over the chart of the face mesh (positions in scaled mm, `scale` the
    /// whole factor from unscaled), and marks the triangles near it.
    pub(super) fn bake(
        chart: &ScalpChart,
        positions: &[Vec3],
        triangles: &[[u32; 3]],
        scale: f32,
        s: &Shape,
    ) -> Self {
        // Vertices within 3 mm of the red (any texel they reach may show it).
        let near = |p: Vec3| {
            let q = p / scale;
            let (upper, lower) = borders((q.x.abs() - 3.0).max(0.0), s);
            q.z > 55.0 && upper > 0.0 && q.y - MOUTH_Y < upper + 3.0 && MOUTH_Y - q.y < lower + 3.0
        };
        let uv = chart.vertex_uv();
        let mut lo = [f32::INFINITY; 2];
        let mut hi = [f32::NEG_INFINITY; 2];
        let flags: Vec<bool> = positions
            .iter()
            .zip(uv)
            .map(|(&p, uv)| {
                let hit = near(p) && !uv[0].is_nan();
                if hit {
                    for k in 0..2 {
                        lo[k] = lo[k].min(uv[k]);
                        hi[k] = hi[k].max(uv[k]);
                    }
                }
                hit
            })
            .collect();
        let tri = triangles
            .iter()
            .map(|t| {
                t.iter().any(|&k| flags[k as usize])
                    && t.iter().all(|&k| !uv[k as usize][0].is_nan())
            })
            .collect();
        if lo[0] > hi[0] {
            return Self {
                origin: [0.0; 2],
                width: 0,
                height: 0,
                weights: Vec::new(),
                tri,
            };
        }
        let origin = [lo[0] - 2.0 * TEXEL_MM, lo[1] - 2.0 * TEXEL_MM];
        let width = ((hi[0] - lo[0]) / TEXEL_MM).ceil() as usize + 4;
        let height = ((hi[1] - lo[1]) / TEXEL_MM).ceil() as usize + 4;
        let mut weights = vec![[0.0; 4]; width * height];
        for j in 0..height {
            let t = origin[1] + (j as f32 + 0.5) * TEXEL_MM;
            for i in 0..width {
                let u = origin[0] + (i as f32 + 0.5) * TEXEL_MM;
                if let Some(q) = chart.point(u, t) {
                    weights[j * width + i] = coverage(q.p / scale, s);
                }
            }
        }
        Self {
            origin,
            width,
            height,
            weights,
            tri,
        }
    }
}
