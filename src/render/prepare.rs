//! What a frame computes once and every band reuses: projected vertices, projected strands,
//! lit shaft colours, per-vertex diffuse light, shadow-map lookups and, for broad highlights,
//! per-vertex specular. Without it each band re-did all of that, and a 1024² frame took
//! 64 ms whole against 90 ms in four bands (native, measured).

use super::camera::Camera;
use super::hair::strand_colour;
use super::raster;
use super::shade::{
    glint_near, irradiance_split, lobe_cut, lobe_cut_log2, shadow_key, specular_split,
    vertex_specular, SurfacePoint, GLINT_LOG2,
};
use super::shadow::ShadowMap;
use crate::math::{normalize_or, smoothstep};
use crate::scene::{Scene, Strands};
use glam::Vec3;

/// Screen-space vertex: x, y in pixels, reciprocal depth.
pub type SVert = (f32, f32, f32);

/// A strand on screen: root and tip in pixels, the root's reciprocal depth and the strand's
/// width in pixels. `None` for strands facing away or behind the eye.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projected {
    pub xa: f32,
    pub ya: f32,
    pub iza: f32,
    pub xb: f32,
    pub yb: f32,
    pub width: f32,
}

/// Per-frame caches, reused between frames for their allocations.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    pub screen: Vec<Vec<Option<SVert>>>,
    /// Per mesh, in mesh order: the triangles facing the camera with every vertex in front
    /// of it, and their rows (see [`raster::FrontTri`]).
    pub front: Vec<Vec<raster::FrontTri>>,
    /// Per mesh and vertex: the diffuse light no occluder takes away.
    pub irradiance: Vec<Vec<Vec3>>,
    /// Per mesh and vertex, when a key casts shadows: the part of its light an occluder
    /// takes away, and where the vertex looks up [`Prepared::shadow`]; empty otherwise.
    pub shadowable: Vec<Vec<Vec3>>,
    pub light_coords: Vec<Vec<Vec3>>,
    /// The shadow key's depth map, kept between frames until the geometry or light moves.
    pub shadow: ShadowMap,
    /// Per mesh: specular radiance per vertex at unit gloss, or empty where the lobe is too
    /// narrow to interpolate (see [`vertex_specular`]).
    pub specular: Vec<Vec<Vec3>>,
    /// Per mesh: the shadow key's part of that specular (see [`specular_split`]); empty
    /// when `specular` is, or no key casts shadows.
    pub caster_specular: Vec<Vec<Vec3>>,
    /// Per mesh and triangle, [`GLINT`] and [`SHADOW`] flags; empty for meshes with neither.
    pub tri: Vec<Vec<u8>>,
    /// Working space, kept.
    split: Split,
    pub darkening: Vec<Vec<Option<Projected>>>,
    pub shafts: Vec<Option<Projected>>,
    pub shaft_colours: Vec<Vec3>,
    /// The reciprocal depth of each free shaft's tip (see [`crate::scene::Strands::free`]),
    /// kept apart as the other strands need none.
    pub free_tips: Vec<f32>,
}

/// How far a free strand may face away from the eye (cosine) and still be drawn.
const FREE_FACING: f32 = 0.5;

fn project_strands(s: &Strands, cam: &Camera, out: &mut Vec<Option<Projected>>) {
    out.clear();
    out.extend((0..s.a.len()).map(|k| {
        let (a, b) = (s.a[k], s.b[k]);
        let to_eye = cam.eye - a;
        let facing = s.normal[k].dot(to_eye);
        // Free strands (long hair) stand off the skin: those at the outline show facing
        // away a little, over the backdrop; those facing well away lie under nearer hair.
        let least = if k < s.free {
            -FREE_FACING * to_eye.length()
        } else {
            0.0
        };
        if facing <= least {
            return None;
        }
        let ((xa, ya, iza), (xb, yb, _)) = (cam.project(a)?, cam.project(b)?);
        // A dot is a short column of pigment in the skin (its layer's depth over width): seen
        // at a slant its face's area shrinks with the cosine and its side's grows with the
        // sine (kept as a round footprint of that area). Face-on discs darkened the outline
        // of a treated scalp by half as much again as its middle; flat ones vanished at a
        // slant. The shafts under the skin are cylinders: their width never shrinks.
        let slant = match (a == b, s.core) {
            (true, Some(core)) => {
                let cos = (facing / to_eye.length()).min(1.0);
                (cos + core.depth * (1.0 - cos * cos).sqrt())
                    .min(1.0)
                    .sqrt()
            }
            (true, None) => (facing / to_eye.length()).sqrt(),
            _ => 1.0,
        };
        Some(Projected {
            xa,
            ya,
            iza,
            xb,
            yb,
            width: s.width_mm[k] * cam.focal * iza * slant,
        })
    }));
}

/// A triangle flag: a hard key's glint may fall on it (see [`glint_near`]).
pub const GLINT: u8 = 1;
/// A triangle flag: one of its vertices has light an occluder can take, so [`super::lit`]
/// tests a pixel by its triangle instead of interpolating (a tenth of the shadow pass).
pub const SHADOW: u8 = 2;

/// Per-vertex working space: for [`spread_split`], the occludable share, the whole light,
/// and their neighbours' sum and count; for the triangles' flags, each vertex's.
#[derive(Clone, Debug, Default)]
struct Split {
    share: Vec<Vec3>,
    sum: Vec<Vec3>,
    count: Vec<f32>,
    total: Vec<Vec3>,
    /// Per vertex: [`GLINT`] and [`SHADOW`] flags.
    flags: Vec<u8>,
}

/// How much wider than the glint lobe's own cut (as a cosine: 9.4° → 15.4°) a vertex's
/// normal may sit from a hard key's half vector and still have its triangles shaded with the
/// glint: the normal turns up to about 6° across a triangle of the face mesh.
const GLINT_SLACK: f32 = 0.0225;

/// Rounds of the outlier filter on the occludable share (see [`spread_split`]): two clear the
/// lip's spikes as four did, for 1.7 ms a light change natively instead of 3.3 (the face).
const SPLIT_ROUNDS: usize = 2;
/// A vertex whose share stands this far from its neighbours' mean (any channel) starts to
/// take the mean, and from the second figure on takes it fully.
const OUTLIER: (f32, f32) = (0.05, 0.2);
/// Rounds of the same filter on a vertex's whole diffuse light.
const TOTAL_ROUNDS: usize = 2;
/// Its thresholds, on |mean − own| / (mean + own + 0.02): from 0.1, a vertex 22 % above its
/// neighbours' mean or 18 % below it, it starts to take the mean.
const TOTAL_OUTLIER: (f32, f32) = (0.1, 0.3);

/// Evens out, where it stands out from its mesh neighbours', the share of a vertex's diffuse
/// light that an occluder can take away (`shadowable` against `base`), and then that light
/// itself.
///
/// The share falls steeply as the skin turns from the key (the wrap's terminator is not
/// occludable, see [`irradiance_split`]); in the fold under the lower lip the vertex normals
/// swing across that fall from one vertex to the next, and a cast shadow, which shows only
/// `base`, drew it as light spikes (practitioner review, stop 10). Averaging every vertex
/// instead lit the throat under the jaw's shadow, where the share rises smoothly from the
/// jaw's underside; only outliers are touched.
///
/// The light itself: a key meeting the face nearly edge-on (the downlight on a forward-facing
/// eye socket) lights it by small turns of the normal, which the socket's folds swing more
/// from one 2 mm vertex to the next than the mesh can follow; drawn between them, the
/// socket showed 5 mm squares and steps of light and dark, even with the shadow map's lookup
/// switched off (face view, zoom 2.5, stop 25). Evened out, it costs the lip line and nostrils
/// a little of their dark. Like the share, only under a shadow-casting key (sun, downlight,
/// warm home): the others light the face from the front, where the steps did not show.
fn spread_split(triangles: &[[u32; 3]], base: &mut [Vec3], shadowable: &mut [Vec3], s: &mut Split) {
    let n = base.len();
    s.share.clear();
    s.share
        .extend(base.iter().zip(&*shadowable).map(|(&b, &o)| {
            let total = b + o;
            Vec3::select(total.cmpgt(Vec3::ZERO), o / total, Vec3::ZERO)
        }));
    s.total.clear();
    s.total
        .extend(base.iter().zip(&*shadowable).map(|(&b, &o)| b + o));
    s.count.clear();
    s.count.resize(n, 0.0);
    for t in triangles {
        for &k in t {
            s.count[k as usize] += 2.0;
        }
    }
    let calm = Calm {
        triangles,
        count: &s.count,
    };
    calm.outliers(&mut s.share, &mut s.sum, SPLIT_ROUNDS, OUTLIER, false);
    calm.outliers(&mut s.total, &mut s.sum, TOTAL_ROUNDS, TOTAL_OUTLIER, true);
    for (((b, o), &q), &total) in base
        .iter_mut()
        .zip(shadowable.iter_mut())
        .zip(&s.share)
        .zip(&s.total)
    {
        *o = total * q;
        *b = total - *o;
    }
}

/// A mesh's triangles and, per vertex, how many neighbour entries they give it.
struct Calm<'a> {
    triangles: &'a [[u32; 3]],
    count: &'a [f32],
}

impl Calm<'_> {
    /// Moves each value toward its neighbours' mean by how far it stands from it (any
    /// channel; as a share of the two if `relative`), `rounds` times.
    fn outliers(
        &self,
        values: &mut [Vec3],
        sum: &mut Vec<Vec3>,
        rounds: usize,
        (from, to): (f32, f32),
        relative: bool,
    ) {
        for _ in 0..rounds {
            sum.clear();
            sum.resize(values.len(), Vec3::ZERO);
            for t in self.triangles {
                let [a, b, c] = t.map(|k| k as usize);
                let (qa, qb, qc) = (values[a], values[b], values[c]);
                sum[a] += qb + qc;
                sum[b] += qa + qc;
                sum[c] += qa + qb;
            }
            for ((q, &sum), &count) in values.iter_mut().zip(&*sum).zip(self.count) {
                if count > 0.0 {
                    let avg = sum / count;
                    let mut d = (avg - *q).abs();
                    if relative {
                        // The floor keeps black from counting as far from near-black.
                        d /= avg + *q + Vec3::splat(0.02);
                    }
                    *q += (avg - *q) * smoothstep(from, to, d.max_element());
                }
            }
        }
    }
}

impl Prepared {
    /// Fills the caches for `scene` seen by `cam`.
    pub fn update(&mut self, scene: &Scene, cam: &Camera) {
        let light = &scene.lighting;
        let caster = shadow_key(light);
        self.shadow.reserve(&scene.meshes);
        if let Some(k) = caster {
            self.shadow
                .update(&scene.meshes, light.keys[k].dir, light.keys[k].spread);
        }
        let n = scene.meshes.len();
        self.screen.resize(n, Vec::new());
        self.irradiance.resize(n, Vec::new());
        self.shadowable.resize(n, Vec::new());
        self.light_coords.resize(n, Vec::new());
        self.specular.resize(n, Vec::new());
        self.caster_specular.resize(n, Vec::new());
        self.tri.resize(n, Vec::new());
        self.front.resize(n, Vec::new());
        let hard = light.keys.iter().any(|k| k.glint > 0.0);
        let glint_cos = lobe_cut_log2(GLINT_LOG2) - GLINT_SLACK;
        for (mi, (((mesh, screen), irr), spec)) in scene
            .meshes
            .iter()
            .zip(&mut self.screen)
            .zip(&mut self.irradiance)
            .zip(&mut self.specular)
            .enumerate()
        {
            screen.clear();
            screen.extend(mesh.positions.iter().map(|&p| cam.project(p)));
            raster::front_facing(&mesh.triangles, screen, &mut self.front[mi]);
            let points = mesh
                .positions
                .iter()
                .zip(&mesh.normals)
                .zip(&mesh.visibility)
                .map(|((&p, &n), &open)| SurfacePoint {
                    n,
                    v: normalize_or(cam.eye - p, -cam.forward),
                    albedo: Vec3::ONE,
                    open,
                });
            irr.clear();
            let (shadowable, coords) = (&mut self.shadowable[mi], &mut self.light_coords[mi]);
            shadowable.clear();
            coords.clear();
            // Under every light, for the reason given at [`ShadowMap::reserve`].
            shadowable.reserve_exact(mesh.positions.len());
            coords.reserve_exact(mesh.positions.len());
            for pt in points.clone() {
                let (base, occludable) =
                    irradiance_split(light, caster, pt.n, pt.v, pt.open, mesh.surface.scatter);
                if caster.is_some() {
                    irr.push(base);
                    shadowable.push(occludable);
                } else {
                    irr.push(base + occludable);
                }
            }
            if caster.is_some() {
                spread_split(&mesh.triangles, irr, shadowable, &mut self.split);
                coords.extend(
                    mesh.positions
                        .iter()
                        .zip(&mesh.normals)
                        .map(|(&p, &n)| self.shadow.coords(p, n)),
                );
            }
            // Per vertex, then per triangle: any of its vertices'.
            let (tri, flags) = (&mut self.tri[mi], &mut self.split.flags);
            let shadowable = &self.shadowable[mi];
            let glints = hard && mesh.surface.glint > 0.0;
            tri.clear();
            flags.clear();
            if glints || !shadowable.is_empty() {
                flags.extend(points.clone().enumerate().map(|(k, pt)| {
                    let glint = glints && glint_near(light, pt.n, pt.v, glint_cos);
                    let shadow = shadowable.get(k).is_some_and(|s| s.max_element() > 0.0);
                    (u8::from(glint) * GLINT) | (u8::from(shadow) * SHADOW)
                }));
                let flag = |k: &u32| flags.get(*k as usize).copied().unwrap_or(0);
                tri.extend(
                    mesh.triangles
                        .iter()
                        .map(|t| t.iter().fold(0, |f, k| f | flag(k))),
                );
            }
            spec.clear();
            let caster_spec = &mut self.caster_specular[mi];
            caster_spec.clear();
            if vertex_specular(&mesh.surface) {
                caster_spec.reserve_exact(mesh.positions.len());
                let cut = lobe_cut(&mesh.surface);
                for pt in points {
                    let (rest, occludable) = specular_split(light, caster, &pt, &mesh.surface, cut);
                    if caster.is_some() {
                        spec.push(rest);
                        caster_spec.push(occludable);
                    } else {
                        spec.push(rest + occludable);
                    }
                }
            }
        }
        self.darkening.resize(scene.darkening.len(), Vec::new());
        for (layer, out) in scene.darkening.iter().zip(&mut self.darkening) {
            project_strands(layer, cam, out);
        }
        self.shafts.clear();
        self.shaft_colours.clear();
        self.free_tips.clear();
        if let Some(s) = &scene.shafts {
            project_strands(s, cam, &mut self.shafts);
            let tip = |k: usize| cam.project(s.b[k]).map_or(0.0, |p| p.2);
            self.free_tips.extend((0..s.free).map(tip));
            // Only for the shafts on screen, since about half face away (budget scene,
            // native: this whole update 12.3 → 9.5 ms a frame in clinic light).
            let shown = &self.shafts;
            self.shaft_colours.extend((0..s.a.len()).map(|k| {
                if shown[k].is_none() {
                    return Vec3::ZERO;
                }
                let t = normalize_or(s.b[k] - s.a[k], s.normal[k]);
                let v = normalize_or(cam.eye - s.a[k], -cam.forward);
                strand_colour(&scene.lighting, s.color[k], t, s.normal[k], v)
            }));
        }
    }

    /// How far (pixels) any visible strand reaches vertically from its root, footprint
    /// included: a band with this many extra rows each side sees every strand touching it.
    /// A fading strand's footprint doubles toward its end.
    #[must_use]
    pub fn reach_px(&self, scene: &Scene) -> f32 {
        let layers = scene.darkening.iter().map(|l| l.fade);
        self.darkening
            .iter()
            .zip(layers)
            .chain(std::iter::once((&self.shafts, false)))
            .flat_map(|(l, fade)| l.iter().flatten().map(move |p| (p, fade)))
            .map(|(p, fade)| {
                let foot = if fade { 2.0 } else { 1.0 };
                (p.yb - p.ya).abs() + p.width.max(1.0) * foot
            })
            .fold(0.0, f32::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A strip of 2 × 10 vertices in 18 triangles, vertex `k` at column `k % 10`.
    fn strip() -> Vec<[u32; 3]> {
        (0..9u32)
            .flat_map(|c| [[c, c + 1, c + 10], [c + 1, c + 11, c + 10]])
            .collect()
    }

    fn split(base: &[f32]) -> Vec<f32> {
        let triangles = strip();
        let mut b: Vec<Vec3> = base.iter().map(|&x| Vec3::splat(x * 0.5)).collect();
        let mut o = b.clone();
        spread_split(&triangles, &mut b, &mut o, &mut Split::default());
        b.iter().zip(&o).map(|(b, o)| b.x + o.x).collect()
    }

    #[test]
    fn light_is_evened_out_only_where_a_vertex_stands_out() {
        // A gentle ramp, 5 % a column, is the surface's own shading: kept exactly.
        let ramp: Vec<f32> = (0..20).map(|k| 0.4 + 0.02 * (k % 10) as f32).collect();
        assert_eq!(split(&ramp), ramp);
        // One vertex at twice its neighbours' light is a fold the mesh cannot follow.
        let mut spike = vec![0.3; 20];
        spike[4] = 0.6;
        let out = split(&spike);
        assert!(out[4] < 0.4, "{out:?}");
        // Far from it nothing moves.
        assert_eq!(out[9], 0.3);
    }
}
