//! Named anatomical points, found on the built head (research/domain.md §0).

use super::chart::ScalpChart;
use super::{mesh, Part, FACE_GRID};
use crate::scene::Mesh;
use glam::Vec3;

/// Height of the inion above the Frankfort plane through the ear canals (mm, unscaled):
/// the external occipital protuberance sits a little above ear-canal level [estimate, §0].
const INION_Y: f32 = 0.0;
/// Height of the midline nape hairline (mm, unscaled): about the level of the jaw angle.
const NAPE_Y: f32 = -34.0;
/// The whorl as a fraction of the glabella–inion arc (§0 table: u ≈ 0.65, s 21–24 cm): 0.62
/// of this head's 34.9 cm puts it at s = 21.6 cm, where 0.64 did before the glabella came
/// down to the brows.
const WHORL_U: f32 = 0.62;
/// Most whorls sit a little right of the midline [general knowledge]; mm, unscaled.
const WHORL_T: f32 = -8.0;

/// Landmarks in head coordinates (mm) and, where they lie on the scalp, chart coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Landmarks {
    /// Most forward midline point between the brows; chart origin (s = 0).
    pub glabella: Vec3,
    /// Highest midline point.
    pub vertex: Vec3,
    /// Skin over the ear canals, client's left (+x) then right.
    pub eam: [Vec3; 2],
    /// Top of each ear's helix, left then right.
    pub ear_top: [Vec3; 2],
    /// Centre of each ear's bounding box, left then right.
    pub ear_centre: [Vec3; 2],
    /// External occipital protuberance on the midline.
    pub inion: Vec3,
    /// Midline nape hairline of a full head of hair.
    pub nape: Vec3,
    /// Crown whorl.
    pub whorl: Vec3,
    /// Chart (s, t) of the vertex, inion, nape and whorl.
    pub vertex_st: [f32; 2],
    pub inion_st: [f32; 2],
    pub nape_st: [f32; 2],
    pub whorl_st: [f32; 2],
    /// s where the coronal plane through the ear canals (z = 0) crosses the midline.
    pub eam_line_s: f32,
}

/// The midline segment level with the eyebrows' inner ends: the glabella lies between the
/// brows (§0). Taken as the most forward midline point between 22 and 45 mm up, it landed
/// 9 mm above them on the forehead's curve, and every hairline measured from it sat that much
/// higher over the face: the default 7.5 cm hairline read as 8.5 cm or more, "too high"
/// (practitioner reviews, stops 17–19).
pub(super) fn glabella_segment(positions: &[Vec3], rings: usize, segments: usize, k: f32) -> usize {
    let mid = rings / 2;
    let p = |j: usize| positions[2 + mid * segments + j];
    (0..segments)
        .filter(|&j| p(j).z > 0.0)
        .min_by(|&a, &b| {
            let da = (p(a).y - super::BROW_INNER_Y * k).abs();
            let db = (p(b).y - super::BROW_INNER_Y * k).abs();
            da.total_cmp(&db)
        })
        .expect("the head has a brow")
}

impl Landmarks {
    pub(super) fn find(
        meshes: &[Mesh],
        parts: &[Part],
        chart: &ScalpChart,
        skull: &dyn Fn(Vec3) -> f32,
        k: f32,
    ) -> Self {
        let (lo, hi) = chart.s_range();
        let at = |s: f32| chart.point(s, 0.0).expect("midline is charted").p;
        // Walk the midline in 0.5 mm steps from the glabella over the top to the back.
        let steps: Vec<(f32, Vec3)> = (0..)
            .map(|n| n as f32 * 0.5)
            .take_while(|&s| s < hi)
            .map(|s| (s, at(s)))
            .collect();
        let glabella = at(0.0);
        let (vertex_s, vertex) = *steps.iter().max_by(|a, b| a.1.y.total_cmp(&b.1.y)).unwrap();
        // Past the vertex, the first points at or below a height.
        let below = |y: f32| {
            *steps
                .iter()
                .filter(|(s, _)| *s > vertex_s)
                .find(|(_, p)| p.y <= y)
                .expect("the back of the head descends past the nape")
        };
        let (inion_s, inion) = below(INION_Y * k);
        let (nape_s, nape) = below(NAPE_Y * k);
        let eam_line_s = steps
            .iter()
            .find(|(_, p)| p.z <= 0.0)
            .map_or(vertex_s, |&(s, _)| s);
        let whorl_st = [WHORL_U * inion_s, WHORL_T * k];
        let whorl = chart
            .point(whorl_st[0], whorl_st[1])
            .expect("whorl is charted")
            .p;
        let eam = [1.0f32, -1.0].map(|sx| {
            let dir = Vec3::X * sx;
            dir * mesh::trace(skull, Vec3::ZERO, dir, 120.0 * k)
        });
        let mut ears = meshes
            .iter()
            .zip(parts)
            .filter(|(_, p)| **p == Part::Ear)
            .map(|(m, _)| {
                let top = *m
                    .positions
                    .iter()
                    .max_by(|a, b| a.y.total_cmp(&b.y))
                    .expect("ear has vertices");
                let lo = m
                    .positions
                    .iter()
                    .fold(Vec3::splat(f32::INFINITY), |a, &b| a.min(b));
                let hi = m
                    .positions
                    .iter()
                    .fold(Vec3::splat(f32::NEG_INFINITY), |a, &b| a.max(b));
                (top, (lo + hi) * 0.5)
            });
        let (e0, e1) = (ears.next().unwrap(), ears.next().unwrap());
        let (l, r) = if e0.0.x > e1.0.x { (e0, e1) } else { (e1, e0) };
        let (ear_top, ear_centre) = ([l.0, r.0], [l.1, r.1]);
        debug_assert!(lo < 0.0);
        Self {
            glabella,
            vertex,
            eam,
            ear_top,
            ear_centre,
            inion,
            nape,
            whorl,
            vertex_st: [vertex_s, 0.0],
            inion_st: [inion_s, 0.0],
            nape_st: [nape_s, 0.0],
            whorl_st,
            eam_line_s,
        }
    }

    /// Mean height of the ear tops: the "ear-top line" fringe heights are measured from.
    #[must_use]
    pub fn ear_top_y(&self) -> f32 {
        0.5 * (self.ear_top[0].y + self.ear_top[1].y)
    }
}

const _: () = assert!(FACE_GRID.0 % 2 == 1);
