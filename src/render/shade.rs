//! Skin shading in linear RGB: wrap diffuse, a normalised Blinn lobe with Schlick Fresnel,
//! and a hemisphere ambient scaled by baked ambient visibility.
//!
//! No `powf` or trig per pixel (research/tech.md §2.2: they dominated the frame in wasm):
//! the Blinn exponent is a power of two applied by repeated squaring, Fresnel is an integer
//! power. Wrap lighting (GPU Gems 1 ch. 16) softens the terminator the way subsurface light
//! does, a little more in red than in blue, which gives skin its warm shadow edge.

use super::camera::Camera;
use super::raster::{VisBuffer, EMPTY, TRI_BITS};
use crate::look::light::Lighting;
use crate::math::normalize_or;
use crate::scene::{Scene, Surface};
use glam::Vec3;

/// Wrap per channel (research/tech.md §3.4: w ≈ 0.3–0.5, larger for red).
const WRAP: Vec3 = Vec3::new(0.42, 0.33, 0.29);

/// Per-pixel surface colour before lighting: mesh albedo with its chart layer applied, and
/// the layer's gloss factor. Pigment and under-skin shadows multiply `albedo` afterwards.
pub fn surface(scene: &Scene, vis: &VisBuffer, albedo: &mut [Vec3], gloss: &mut [f32]) {
    for (i, (al, gl)) in albedo.iter_mut().zip(gloss.iter_mut()).enumerate() {
        let id = vis.id[i];
        *gl = 1.0;
        if id == EMPTY {
            *al = Vec3::ZERO;
            continue;
        }
        let mesh = &scene.meshes[(id >> TRI_BITS) as usize];
        let ti = (id & ((1 << TRI_BITS) - 1)) as usize;
        let [i0, i1, i2] = mesh.triangles[ti].map(|k| k as usize);
        let [b1, b2] = vis.bary[i];
        let b0 = 1.0 - b1 - b2;
        *al = mesh.albedo[i0] * b0 + mesh.albedo[i1] * b1 + mesh.albedo[i2] * b2;
        if let Some(o) = &mesh.overlay {
            if o.tri_ok[ti] {
                let (u0, u1, u2) = (o.uv[i0], o.uv[i1], o.uv[i2]);
                let uv = [
                    u0[0] * b0 + u1[0] * b1 + u2[0] * b2,
                    u0[1] * b0 + u1[1] * b1 + u2[1] * b2,
                ];
                let t = o.texture.sample(uv);
                *al += (t.color - *al) * t.alpha;
                *gl = t.gloss;
            }
        }
    }
}

/// Lights every pixel of `vis` into `out`, from the surface colours `albedo` and `gloss`.
pub fn shade(
    scene: &Scene,
    cam: &Camera,
    vis: &VisBuffer,
    albedo: &[Vec3],
    gloss: &[f32],
    out: &mut [Vec3],
) {
    let w = vis.width.max(1);
    let h = out.len() / w;
    let [top, bottom] = scene.backdrop;
    let light = &scene.lighting;
    for (i, px) in out.iter_mut().enumerate() {
        let id = vis.id[i];
        if id == EMPTY {
            let t = (i / w) as f32 / h.max(2) as f32;
            *px = top + (bottom - top) * t;
            continue;
        }
        let mesh = &scene.meshes[(id >> TRI_BITS) as usize];
        let tri = mesh.triangles[(id & ((1 << TRI_BITS) - 1)) as usize];
        let [b1, b2] = vis.bary[i];
        let b0 = 1.0 - b1 - b2;
        let [i0, i1, i2] = tri.map(|k| k as usize);
        let lerp = |v: &[Vec3]| v[i0] * b0 + v[i1] * b1 + v[i2] * b2;
        let n = normalize_or(lerp(&mesh.normals), Vec3::Z);
        let p = lerp(&mesh.positions);
        let open = mesh.visibility[i0] * b0 + mesh.visibility[i1] * b1 + mesh.visibility[i2] * b2;
        let v = normalize_or(cam.eye - p, -cam.forward);
        let surf = Surface {
            specular: mesh.surface.specular * gloss[i],
            ..mesh.surface
        };
        *px = shade_point(
            light,
            &SurfacePoint {
                n,
                v,
                albedo: albedo[i],
                open,
            },
            &surf,
        );
    }
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
    let SurfacePoint { n, v, albedo, open } = *pt;
    let wrap_scale = Vec3::ONE / (Vec3::ONE + WRAP);
    let sky_t = 0.5 + 0.5 * n.y;
    let mut diffuse = (light.ground + (light.sky - light.ground) * sky_t) * open;
    let mut specular = Vec3::ZERO;
    // Normalised Blinn: (n + 8) / 8π keeps highlight energy steady as the lobe narrows.
    let exponent = (1u32 << surf.shininess_log2) as f32;
    let norm = (exponent + 8.0) * (1.0 / (8.0 * core::f32::consts::PI));
    for key in &light.keys {
        let l = if key.from_camera { v } else { key.dir };
        let ndl = n.dot(l);
        let wrapped = ((Vec3::splat(ndl) + WRAP) * wrap_scale).max(Vec3::ZERO);
        // Keys are shadowed by the face itself only through baked visibility, softly.
        diffuse += key.color * wrapped * (0.35 + 0.65 * open);
        if ndl > 0.0 {
            let hv = normalize_or(l + v, n);
            let mut s = n.dot(hv).max(0.0);
            for _ in 0..surf.shininess_log2 {
                s *= s;
            }
            let f = 1.0 - v.dot(hv).max(0.0);
            let f2 = f * f;
            let fresnel = surf.f0 + (1.0 - surf.f0) * f2 * f2 * f;
            specular +=
                key.color * (key.specular * surf.specular * fresnel * norm * s * ndl * open);
        }
    }
    // The sky reflects too: for a uniform dome the reflected radiance does not depend on
    // roughness, only on Fresnel and how oily the skin is.
    let f = 1.0 - n.dot(v).max(0.0);
    let f2 = f * f;
    let fresnel_nv = surf.f0 + (1.0 - surf.f0) * f2 * f2 * f;
    specular += light.sky * (fresnel_nv * surf.specular * open);
    albedo * diffuse + specular
}
