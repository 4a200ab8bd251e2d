//! Skin shading in linear RGB: wrap diffuse, a normalised Blinn lobe with Schlick Fresnel,
//! a sharp second lobe (the sebum film's glint) from small hard sources, and a hemisphere
//! ambient scaled by baked ambient visibility.
//!
//! No `powf` or trig per pixel (research/tech.md §2.2: they dominated the frame in wasm):
//! the Blinn exponent is a power of two applied by repeated squaring, Fresnel is an integer
//! power. Wrap lighting (GPU Gems 1 ch. 16) softens the terminator the way subsurface light
//! does, a little more in red than in blue, which gives skin its warm shadow edge; each
//! light sets its own, as a large source's light reaches further round. The glint is
//! evaluated per pixel, but only on triangles it can fall on (see [`glint_near`]).

use super::camera::Camera;
use super::prepare::{Prepared, GLINT};
use super::raster::{VisBuffer, EMPTY, TRI_BITS};
use super::relief::Relief;
use crate::look::light::Lighting;
use crate::math::{normalize_or, smoothstep};
use crate::scene::{Scene, Surface};
use glam::Vec3;

/// Share of the wrap's terminator floor that a cast shadow takes away (the rest stands for
/// light scattered in under the skin from the lit skin around it).
const SHADOW_FLOOR: f32 = 0.8;

/// Lights every pixel of `vis` into `out`, linear radiance. The surface colour is the mesh
/// albedo with its chart layer applied, less what the darkening layers (pigment, shafts under
/// the skin) take out: `trans` holds the fraction of each channel they let through (see
/// [`super::hair::darken`]). `lits` holds the key light's share per pixel, negative where
/// it has nothing to take ([`super::lit`]). `frame_height` places the backdrop gradient.
pub fn shade(
    scene: &Scene,
    cam: &Camera,
    prep: &Prepared,
    vis: &VisBuffer,
    (trans, lits): (&[Vec3], &[f32]),
    frame_height: usize,
    out: &mut [Vec3],
) {
    let w = vis.width.max(1);
    let light = &scene.lighting;
    let irr = &prep.irradiance;
    let cuts: Vec<f32> = scene.meshes.iter().map(|m| lobe_cut(&m.surface)).collect();
    let caster = shadow_key(light);
    let glint_cut = lobe_cut_log2(GLINT_LOG2);
    let relief = Relief::get();
    let level = relief.level(cam.mm_per_px());
    for (row, line) in out.chunks_exact_mut(w).enumerate() {
        let back = backdrop(scene, vis.y0 + row, frame_height);
        for (x, px) in line.iter_mut().enumerate() {
            let i = row * w + x;
            let id = vis.id[i];
            if id == EMPTY {
                *px = back;
                continue;
            }
            let mi = (id >> TRI_BITS) as usize;
            let mesh = &scene.meshes[mi];
            let ti = (id & ((1 << TRI_BITS) - 1)) as usize;
            let [i0, i1, i2] = mesh.triangles[ti].map(|k| k as usize);
            let [b1, b2] = vis.bary[i];
            let b0 = 1.0 - b1 - b2;
            let lerp = |v: &[Vec3]| v[i0] * b0 + v[i1] * b1 + v[i2] * b2;
            let mut albedo = lerp(&mesh.albedo);
            let mut gloss = 1.0;
            if let Some(o) = &mesh.overlay {
                let mut at = None;
                for layer in o.layers.iter().filter(|l| l.tri_ok[ti]) {
                    let uv = *at.get_or_insert_with(|| {
                        let (u0, u1, u2) = (o.uv[i0], o.uv[i1], o.uv[i2]);
                        [
                            u0[0] * b0 + u1[0] * b1 + u2[0] * b2,
                            u0[1] * b0 + u1[1] * b1 + u2[1] * b2,
                        ]
                    });
                    let t = layer.texture.sample(uv);
                    albedo += (t.color - albedo) * t.alpha;
                    gloss *= t.gloss;
                }
            }
            if let Some(k) = level.filter(|_| mesh.surface.relief) {
                let n = mesh.normals[i0] + mesh.normals[i1] + mesh.normals[i2];
                let [a, g] = relief.at(k, lerp(&mesh.positions), n);
                albedo *= a;
                gloss *= g;
            }
            let albedo = albedo * trans[i];
            let mut light_in = lerp(&irr[mi]);
            // Set where the key light has light for a shadow to take (see [`super::lit`]).
            let mut lit = 1.0;
            if lits[i] >= 0.0 {
                lit = lits[i];
                light_in += lerp(&prep.shadowable[mi]) * penumbra(lit);
            }
            let spec = &prep.specular[mi];
            let glint_here = prep.tri[mi].get(ti).is_some_and(|f| f & GLINT != 0);
            // The pixel's own normal and view, where a lobe is evaluated per pixel.
            let pt = (spec.is_empty() || glint_here).then(|| SurfacePoint {
                n: normalize_or(lerp(&mesh.normals), Vec3::Z),
                v: normalize_or(cam.eye - lerp(&mesh.positions), -cam.forward),
                albedo,
                open: mesh.visibility[i0] * b0
                    + mesh.visibility[i1] * b1
                    + mesh.visibility[i2] * b2,
            });
            let mut specular = match &pt {
                Some(pt) if spec.is_empty() => {
                    let surf = Surface {
                        specular: mesh.surface.specular * gloss,
                        ..mesh.surface
                    };
                    let (rest, occludable) = specular_split(light, caster, pt, &surf, cuts[mi]);
                    rest + occludable * lit
                }
                _ => {
                    let occludable = &prep.caster_specular[mi];
                    let c = if occludable.is_empty() {
                        Vec3::ZERO
                    } else {
                        lerp(occludable) * lit
                    };
                    (lerp(spec) + c) * gloss
                }
            };
            if let Some(pt) = pt.as_ref().filter(|_| glint_here) {
                let (rest, occludable) =
                    glint_split(light, caster, pt, mesh.surface.glint * gloss, glint_cut);
                specular += rest + occludable * lit;
            }
            *px = albedo * light_in + specular;
        }
    }
}

/// Light let through per channel at a shadow edge that lets `lit` through: skin carries red
/// furthest under the surface, so a shadow's edge turns warm (and its blue edge tighter).
#[inline]
fn penumbra(lit: f32) -> Vec3 {
    let edge = lit * (1.0 - lit);
    Vec3::new(lit + PENUMBRA_RED * edge, lit, lit - PENUMBRA_BLUE * edge)
}

/// How much a shadow edge's red reaches into the shadow, and its blue falls short of the light.
/// At 0.35 and 0.2 the downlight's and the sun's 1–2 cm penumbrae on the cheek and jaw drew
/// an orange outline round each shadow, where skin's warm edge is a faint flush (renders,
/// stop 17). [estimate, by eye]
const PENUMBRA_RED: f32 = 0.18;
const PENUMBRA_BLUE: f32 = 0.1;

/// The backdrop's colour on frame row `y` of `frame_height`: a vertical gradient.
#[must_use]
pub fn backdrop(scene: &Scene, y: usize, frame_height: usize) -> Vec3 {
    let [top, bottom] = scene.backdrop;
    top + (bottom - top) * (y as f32 / frame_height.max(2) as f32)
}

/// What the lights see at one point of a surface.
#[derive(Clone, Copy, Debug)]
pub struct SurfacePoint {
    /// Unit normal and unit direction toward the viewer.
    pub n: Vec3,
    pub v: Vec3,
    /// Linear diffuse albedo, with pigment and hair layers already applied: they sit under the
    /// specular layer, so shine washes them out (research/domain.md §7.2).
    pub albedo: Vec3,
    /// Open fraction of the hemisphere.
    pub open: f32,
}

/// Linear radiance leaving `pt` toward the viewer under `light`.
#[must_use]
pub fn shade_point(light: &Lighting, pt: &SurfacePoint, surf: &Surface) -> Vec3 {
    pt.albedo * irradiance(light, pt.n, pt.v, pt.open, surf.scatter) + specular(light, pt, surf)
}

/// Diffuse light arriving at a point with unit normal `n` (viewer along `v`, for lights on
/// the camera) and open fraction `open`, its ambient part tinted by the surface's `scatter`
/// (see [`Surface::scatter`]). It varies slowly over the skin, so the renderer
/// evaluates it per vertex and interpolates (second-order error on 2.5 mm triangles).
#[must_use]
pub fn irradiance(light: &Lighting, n: Vec3, v: Vec3, open: f32, scatter: Vec3) -> Vec3 {
    let (base, shadowable) = irradiance_split(light, shadow_key(light), n, v, open, scatter);
    base + shadowable
}

/// The key that casts shadows, if any: the first with a shadow strength (see
/// [`crate::look::light::DirLight::shadow`]) that is not on the camera.
#[must_use]
pub fn shadow_key(light: &Lighting) -> Option<usize> {
    light
        .keys
        .iter()
        .position(|k| k.shadow > 0.0 && !k.from_camera)
}

/// [`irradiance`] as the light no occluder takes away plus the part the occluders of key
/// `caster` (from [`shadow_key`], found once by the caller) can (the whole is their sum).
#[must_use]
pub fn irradiance_split(
    light: &Lighting,
    caster: Option<usize>,
    n: Vec3,
    v: Vec3,
    open: f32,
    scatter: Vec3,
) -> (Vec3, Vec3) {
    let sky_t = 0.5 + 0.5 * n.y;
    let mut diffuse = (light.ground + (light.sky - light.ground) * sky_t) * open * scatter;
    let mut shadowable = Vec3::ZERO;
    for (k, key) in light.keys.iter().enumerate() {
        let l = if key.from_camera { v } else { key.dir };
        let ndl = n.dot(l);
        // The cosine term, and the part of it a cast shadow's floor applies to: the eased
        // wrap's excess over Lambert, or the linear wrap's offset.
        let (wrapped, beyond) = if key.eased {
            let w = eased_wrap(ndl, key.wrap);
            (w, w - Vec3::splat(ndl.max(0.0)))
        } else {
            let wrap_scale = Vec3::ONE / (Vec3::ONE + key.wrap);
            let w = ((Vec3::splat(ndl) + key.wrap) * wrap_scale).max(Vec3::ZERO);
            (w, key.wrap * wrap_scale)
        };
        // Keys are shadowed by the face itself through baked visibility too, softly.
        let lit = key.color * wrapped * (0.35 + 0.65 * open);
        if caster == Some(k) && ndl > 0.0 {
            // What the turn toward the key adds, and most of the wrap's floor once the
            // surface clearly faces it: a face in the sun's shadow is lit by the sky, not the
            // sun. At the terminator none of it, so the wrap stays soft there (a depth map is
            // least sure where the surface runs along the light).
            let floor = SHADOW_FLOOR * smoothstep(0.0, 0.3, ndl);
            let turned = key.color
                * ((wrapped - beyond * (1.0 - floor)) * (key.shadow * (0.35 + 0.65 * open)));
            shadowable += turned;
            diffuse += lit - turned;
        } else {
            diffuse += lit;
        }
    }
    (diffuse, shadowable)
}

/// Skin's own wrap past the terminator under a small source, per channel: plain Lambert
/// where the cosine `x` is at least the wrap `w`, easing to nothing at `−w` as `(x + w)² / 4w`
/// (equal in value and slope at both ends). The linear wrap `(x + w) / (1 + w)` stops at
/// `−w` with a kink, and in the band where only red still wraps it drew a saturated red
/// fringe: under the downlight, whose light runs along the sides of the face, the fringes
/// outlined every slight bulge of cheek and jaw as a patch (review, stop 26). There the
/// eased form lets under a tenth as much red through. It also lets a cast shadow take all of
/// the key where the skin faces it past `w` (the linear form always left 3 % unshadowed).
#[must_use]
fn eased_wrap(x: f32, w: Vec3) -> Vec3 {
    let ease = |w: f32| {
        if x >= w {
            x
        } else if x > -w {
            (x + w) * (x + w) / (4.0 * w)
        } else {
            0.0
        }
    };
    Vec3::new(ease(w.x), ease(w.y), ease(w.z))
}

/// The specular layer at `pt` (over pigment and hair shadows: shine washes them out).
#[must_use]
pub fn specular(light: &Lighting, pt: &SurfacePoint, surf: &Surface) -> Vec3 {
    let caster = shadow_key(light);
    let (broad, shadowed) = specular_split(light, caster, pt, surf, lobe_cut(surf));
    let (glint, glint_shadowed) =
        glint_split(light, caster, pt, surf.glint, lobe_cut_log2(GLINT_LOG2));
    broad + shadowed + glint + glint_shadowed
}

/// Narrowest lobe (as log2 of the Blinn exponent) evaluated per vertex and interpolated: up
/// to 2^6 (normal skin) the highlight's half-width at half maximum is 8° or more of normal
/// turn, against about 1.3° between neighbouring vertices of the 2 mm scalp grid, so
/// interpolation is indistinguishable and the frame skips two normalisations and the lobe per
/// pixel (1024² budget scene, native: shading 19 → 8 ms). Oily skin (2^8, 4°) and the cornea
/// stay per pixel.
pub const VERTEX_LOBE_MAX_LOG2: u8 = 6;

/// Whether `surf`'s highlight is broad enough to evaluate per vertex.
#[must_use]
pub fn vertex_specular(surf: &Surface) -> bool {
    surf.shininess_log2 <= VERTEX_LOBE_MAX_LOG2
}

/// Cosine between normal and half vector below which the Blinn lobe is under 1/1000 of its
/// peak: cut^(2^k) = 1e-3. Computed once per surface (no `powf` per pixel).
#[must_use]
pub fn lobe_cut(surf: &Surface) -> f32 {
    lobe_cut_log2(surf.shininess_log2)
}

/// [`lobe_cut`] of a Blinn lobe of exponent `2^log2`.
#[must_use]
pub fn lobe_cut_log2(log2: u8) -> f32 {
    // powf: already linked for sRGB; expf and logf would add 4 KB of wasm.
    libm::powf(1e-3, 1.0 / (1u32 << log2) as f32)
}

/// Exponent of skin's sharp lobe as a power of two: 2^9, a roughness of about 0.25, the
/// oily end of research/domain.md §7.3 (the sebum film's own).
pub const GLINT_LOG2: u8 = 9;

/// Skin's sharp lobe at `pt` (weight `weight`, see [`Surface::glint`]) from the small hard
/// keys, split as [`specular_split`]; `cut` is [`lobe_cut_log2`] of [`GLINT_LOG2`]. Not
/// inlined, like [`specular_split`] (see there).
#[must_use]
#[inline(never)]
pub fn glint_split(
    light: &Lighting,
    caster: Option<usize>,
    pt: &SurfacePoint,
    weight: f32,
    cut: f32,
) -> (Vec3, Vec3) {
    let surf = Surface {
        shininess_log2: GLINT_LOG2,
        specular: weight,
        ..crate::head::SKIN_SURFACE
    };
    key_lobes(light, caster, pt, &surf, cut, true)
}

/// Whether a glint can fall near a point with unit normal `n` seen along `v`: its normal is
/// nearer than `cos` (a cosine: the glint lobe's cut, widened for the normal's turn across a
/// triangle) to some hard key's half vector. Triangles none of whose vertices pass are
/// shaded without it.
#[must_use]
pub fn glint_near(light: &Lighting, n: Vec3, v: Vec3, cos: f32) -> bool {
    light.keys.iter().any(|key| {
        let l = if key.from_camera { v } else { key.dir };
        key.glint > 0.0 && n.dot(normalize_or(l + v, n)) > cos
    })
}

/// The broad lobe of [`specular`] and the surroundings' reflection, with `surf`'s
/// [`lobe_cut`] precomputed (most pixels are far from every highlight and skip the
/// half-vector normalisation, the costliest part of shading), as what no occluder takes away
/// and the shadow key's own highlight (`caster`, see [`shadow_key`]), which a cast shadow
/// does: a sheen left in the shadow read as grey. Not inlined into shading and the vertex
/// cache: one copy saved 0.5 KB of gzipped wasm, for about 1 % of a frame's instructions.
#[must_use]
#[inline(never)]
pub fn specular_split(
    light: &Lighting,
    caster: Option<usize>,
    pt: &SurfacePoint,
    surf: &Surface,
    cut: f32,
) -> (Vec3, Vec3) {
    let (specular, shadowable) = key_lobes(light, caster, pt, surf, cut, false);
    let SurfacePoint { n, v, open, .. } = *pt;
    // The surroundings reflect too: sky above, floor and walls below, picked by where the
    // mirror direction points (a cheek facing the floor mirrors the floor, not the sky). A
    // rough surface's grazing Fresnel peaks well below 1, or every downward-facing fold
    // catches a grey sheen brighter than its own diffuse colour.
    let ndv = n.dot(v).max(0.0);
    let f = 1.0 - ndv;
    let f2 = f * f;
    let fresnel_nv = surf.f0 + (GRAZING_FRESNEL - surf.f0).max(0.0) * f2 * f2 * f;
    let up = 2.0 * ndv * n.y - v.y;
    let env = light.ground + (light.sky - light.ground) * (0.5 + 0.5 * up.clamp(-1.0, 1.0));
    (
        specular + env * (fresnel_nv * surf.specular * open),
        shadowable,
    )
}

/// The keys' Blinn lobes of `surf` at `pt` (only the hard keys' when `hard_only`, each
/// weighted by its [`crate::look::light::DirLight::glint`]), split into what no occluder
/// takes away and the shadow key's own.
fn key_lobes(
    light: &Lighting,
    caster: Option<usize>,
    pt: &SurfacePoint,
    surf: &Surface,
    cut: f32,
    hard_only: bool,
) -> (Vec3, Vec3) {
    let SurfacePoint { n, v, open, .. } = *pt;
    let mut specular = Vec3::ZERO;
    let mut shadowable = Vec3::ZERO;
    // Normalised Blinn, (n + 8) / 8π, keeps highlight energy steady as the lobe narrows; times
    // π because diffuse here is albedo × irradiance, without its 1/π. Without that the
    // highlight was a third of its weight against the diffuse: no shine on a shaved head in
    // the sun or under a flash (practitioner review).
    let exponent = (1u32 << surf.shininess_log2) as f32;
    let norm = (exponent + 8.0) * (1.0 / 8.0);
    for (k, key) in light.keys.iter().enumerate() {
        if hard_only && key.glint == 0.0 {
            continue;
        }
        let l = if key.from_camera { v } else { key.dir };
        let ndl = n.dot(l);
        let h = l + v;
        let ndh = n.dot(h);
        if ndl <= 0.0 || ndh <= 0.0 || ndh * ndh < cut * cut * h.dot(h) {
            continue;
        }
        let hv = normalize_or(h, n);
        let mut s = n.dot(hv).max(0.0);
        for _ in 0..surf.shininess_log2 {
            s *= s;
        }
        let f = 1.0 - v.dot(hv).max(0.0);
        let f2 = f * f;
        let fresnel = surf.f0 + (1.0 - surf.f0) * f2 * f2 * f;
        let weight = if hard_only { key.glint } else { 1.0 };
        let lobe =
            key.color * (key.specular * weight * surf.specular * fresnel * norm * s * ndl * open);
        if caster == Some(k) {
            shadowable += lobe * key.shadow;
            specular += lobe * (1.0 - key.shadow);
        } else {
            specular += lobe;
        }
    }
    (specular, shadowable)
}

/// The most a rough, skin-like surface reflects of its surroundings at grazing view (Fresnel
/// 1 is for a mirror; roughness-limited Schlick with roughness about 0.6).
const GRAZING_FRESNEL: f32 = 0.2;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::look::light::HARD_WRAP;

    #[test]
    fn the_eased_wrap_is_smooth_and_dims_the_red_fringe() {
        let w = HARD_WRAP;
        let at = |x: f32| eased_wrap(x, w);
        // Plain Lambert once the skin faces the key past the wrap; nothing beyond −w.
        assert_eq!(at(0.5), Vec3::splat(0.5));
        assert_eq!(at(-0.2), Vec3::ZERO);
        // Continuous in value and slope at ±w (finite differences, per channel).
        let h = 1e-3;
        for (c, wc) in [w.x, w.y, w.z].into_iter().enumerate() {
            for edge in [-wc, wc] {
                let (lo, hi) = (at(edge - h)[c], at(edge + h)[c]);
                assert!(
                    (hi - lo).abs() < 3.0 * h,
                    "value jumps at {edge}: {lo} {hi}"
                );
                let slope = |x: f32| (at(x + h)[c] - at(x - h)[c]) / (2.0 * h);
                let (s0, s1) = (slope(edge - 2.0 * h), slope(edge + 2.0 * h));
                assert!((s1 - s0).abs() < 0.05, "slope jumps at {edge}: {s0} {s1}");
            }
        }
        // Where only red still wraps, a tenth of the linear wrap's red or less.
        let x = -0.5 * (w.x + w.y);
        let linear = (x + w.x) / (1.0 + w.x);
        assert!(
            at(x).y == 0.0 && at(x).x > 0.0 && at(x).x < 0.1 * linear,
            "{}",
            at(x)
        );
    }
}
