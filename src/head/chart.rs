//! The scalp chart: head-surface points ↔ 2D coordinates in millimetres along the surface.
//!
//! Clinicians place patterns by distance along the midline from the glabella and by the
//! coronal line through the ear canals (research/domain.md §0, §1.1). The chart follows them:
//! `s` is the arc length along the midline from the glabella (negative on the face), and `t`
//! is the arc length from the midline along the head's meridians (planes through the mesh's
//! left–right axis, close to coronal arcs; positive toward the client's left). Both are read
//! off the head mesh's own grid, so chart coordinates are exact at vertices and bilinear
//! between them. Near the ear-canal poles the meridians converge; nothing is defined there.

use glam::Vec3;

/// A point on the scalp in chart and head coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScalpPoint {
    /// Midline arc length from the glabella (mm).
    pub s: f32,
    /// Meridian arc length from the midline (mm), + toward the client's left.
    pub t: f32,
    /// Head-frame position (mm).
    pub p: Vec3,
}

/// Chart of the skull-and-face mesh (see [`crate::head`]).
#[derive(Clone, Debug)]
pub struct ScalpChart {
    rings: usize,
    segments: usize,
    /// Segment index of each step `u` of the chart's s order (u = 0 at the throat seam).
    seg_of_u: Vec<usize>,
    /// Midline arc length at each u, strictly increasing.
    s_of_u: Vec<f32>,
    /// Per vertex: chart (s, t). Pole vertices carry NaN.
    uv: Vec<[f32; 2]>,
    /// Per segment j: cumulative |t| along ring index i (t at the midline ring is 0).
    t_of: Vec<Vec<f32>>,
    positions: Vec<Vec3>,
    triangles: Vec<[u32; 3]>,
}

impl ScalpChart {
    /// Builds the chart of a radial grid mesh (`positions` laid out as in `head::mesh`:
    /// two poles then `rings × segments`; `rings` odd so ring `rings / 2` is the midline),
    /// with the glabella on segment `glabella_seg`.
    #[must_use]
    pub fn new(
        positions: &[Vec3],
        triangles: &[[u32; 3]],
        rings: usize,
        segments: usize,
        glabella_seg: usize,
    ) -> Self {
        assert!(rings % 2 == 1, "the midline needs its own ring");
        let mid = rings / 2;
        let at = |i: usize, j: usize| 2 + i * segments + j % segments;
        // u runs toward decreasing segment index (face → top → back), starting a quarter turn
        // before the glabella so the seam falls under the chin.
        let quarter = segments / 4;
        let seg_of_u: Vec<usize> = (0..segments)
            .map(|u| (glabella_seg + segments + quarter - u) % segments)
            .collect();
        let mut s_of_u = vec![0.0; segments];
        for u in 1..segments {
            let d = positions[at(mid, seg_of_u[u])].distance(positions[at(mid, seg_of_u[u - 1])]);
            s_of_u[u] = s_of_u[u - 1] + d;
        }
        let zero = s_of_u[quarter];
        s_of_u.iter_mut().for_each(|s| *s -= zero);

        let mut t_of = vec![vec![0.0; rings]; segments];
        let mut uv = vec![[f32::NAN; 2]; positions.len()];
        for (u, &j) in seg_of_u.iter().enumerate() {
            let t = &mut t_of[j];
            for i in (0..mid).rev() {
                t[i] = t[i + 1] + positions[at(i, j)].distance(positions[at(i + 1, j)]);
            }
            for i in mid + 1..rings {
                t[i] = t[i - 1] + positions[at(i, j)].distance(positions[at(i - 1, j)]);
            }
            for i in 0..rings {
                let sign = if i < mid { 1.0 } else { -1.0 };
                uv[at(i, j)] = [s_of_u[u], sign * t[i]];
            }
        }
        Self {
            rings,
            segments,
            seg_of_u,
            s_of_u,
            uv,
            t_of,
            positions: positions.to_vec(),
            triangles: triangles.to_vec(),
        }
    }

    /// Chart coordinates of every mesh vertex (NaN at the poles).
    #[must_use]
    pub fn vertex_uv(&self) -> &[[f32; 2]] {
        &self.uv
    }

    /// The chart's range of `s` (mm), throat seam to throat seam.
    #[must_use]
    pub fn s_range(&self) -> (f32, f32) {
        (self.s_of_u[0], self.s_of_u[self.segments - 1])
    }

    /// The surface point at chart (s, t), or `None` outside the chart.
    #[must_use]
    pub fn point(&self, s: f32, t: f32) -> Option<ScalpPoint> {
        let u = self.s_of_u.partition_point(|&x| x <= s);
        if u == 0 || u >= self.segments {
            return None;
        }
        let (s0, s1) = (self.s_of_u[u - 1], self.s_of_u[u]);
        let f = (s - s0) / (s1 - s0);
        let a = self.on_meridian(self.seg_of_u[u - 1], t)?;
        let b = self.on_meridian(self.seg_of_u[u], t)?;
        Some(ScalpPoint {
            s,
            t,
            p: a + (b - a) * f,
        })
    }

    fn on_meridian(&self, j: usize, t: f32) -> Option<Vec3> {
        let mid = self.rings / 2;
        let cum = &self.t_of[j];
        let at = |i: usize| self.positions[2 + i * self.segments + j];
        let want = t.abs();
        // Ring index at step k outward from the midline on t's side; |t| grows with k.
        let ring = |k: usize| if t >= 0.0 { mid - k } else { mid + k };
        // Smallest k in 1..=mid with cum[ring(k)] >= want (cum grows with k).
        let (mut lo, mut hi) = (1, mid + 1);
        while lo < hi {
            let m = (lo + hi) / 2;
            if cum[ring(m)] < want {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        let k = lo;
        if k > mid {
            return None;
        }
        let (i0, i1) = (ring(k - 1), ring(k));
        let f = (want - cum[i0]) / (cum[i1] - cum[i0]).max(1e-6);
        Some(at(i0) + (at(i1) - at(i0)) * f)
    }

    /// Nearest vertex's chart coordinates (for landmarks given as points; ~1 mm accurate).
    #[must_use]
    pub fn locate(&self, p: Vec3) -> [f32; 2] {
        let mut best = (f32::INFINITY, [0.0; 2]);
        for (q, uv) in self.positions.iter().zip(&self.uv) {
            let d = q.distance_squared(p);
            if d < best.0 && !uv[0].is_nan() {
                best = (d, *uv);
            }
        }
        best.1
    }

    /// Length along the surface of the chart-straight path from `a` to `b` (mm). Close to the
    /// geodesic for the short, nearly axis-aligned paths measured on a scalp.
    #[must_use]
    pub fn surface_distance(&self, a: [f32; 2], b: [f32; 2]) -> Option<f32> {
        const STEPS: usize = 400;
        let mut last = self.point(a[0], a[1])?.p;
        let mut len = 0.0;
        for k in 1..=STEPS {
            let f = k as f32 / STEPS as f32;
            let q = self
                .point(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f)?
                .p;
            len += q.distance(last);
            last = q;
        }
        Some(len)
    }

    /// Integrates `f` over the charted surface, in cm² (f = 1 gives the area). Each mesh
    /// triangle is sampled at three interior points (a rule exact for quadratics), so soft
    /// pattern edges are integrated rather than snapped to vertices.
    pub fn integrate_cm2(&self, f: impl Fn(&ScalpPoint) -> f32) -> f32 {
        const W: [[f32; 3]; 3] = [
            [4.0 / 6.0, 1.0 / 6.0, 1.0 / 6.0],
            [1.0 / 6.0, 4.0 / 6.0, 1.0 / 6.0],
            [1.0 / 6.0, 1.0 / 6.0, 4.0 / 6.0],
        ];
        let mut total = 0.0f64;
        for tri in &self.triangles {
            let [a, b, c] = tri.map(|k| k as usize);
            let (ua, ub, uc) = (self.uv[a], self.uv[b], self.uv[c]);
            if ua[0].is_nan() || ub[0].is_nan() || uc[0].is_nan() {
                continue;
            }
            if (ua[0] - ub[0]).abs().max((ua[0] - uc[0]).abs()) > 30.0 {
                continue; // spans the throat seam
            }
            let (pa, pb, pc) = (self.positions[a], self.positions[b], self.positions[c]);
            let area = 0.5 * (pb - pa).cross(pc - pa).length();
            let mut sum = 0.0;
            for w in W {
                let q = ScalpPoint {
                    s: ua[0] * w[0] + ub[0] * w[1] + uc[0] * w[2],
                    t: ua[1] * w[0] + ub[1] * w[1] + uc[1] * w[2],
                    p: pa * w[0] + pb * w[1] + pc * w[2],
                };
                sum += f(&q);
            }
            total += f64::from(area * sum / 3.0);
        }
        (total / 100.0) as f32
    }
}
