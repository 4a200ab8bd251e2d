//! Consultation → Scene: renderer-agnostic data in real units (mm, linear RGB).
//!
//! The renderer reads only this. Layers are cached by what they depend on: the head's
//! geometry (sex, size) is built once and shared; the loss field and the scalp texture are
//! rebuilt when the pattern or skin changes.

use crate::consultation::{Consultation, ConsultationError};
use crate::hair::{beard::Follicle, brows::BrowHair, Units};
use crate::head::{Head, HeadParams, Part};
use crate::look::{light::Lighting, scalp, skin};
use crate::loss::LossField;
use crate::math::normalize_or;
use glam::Vec3;
use std::sync::Arc;

/// Specular behaviour of a surface.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Surface {
    /// Reflectance at normal incidence.
    pub f0: f32,
    /// Blinn exponent as a power of two, so it is applied by repeated squaring, not `powf`.
    pub shininess_log2: u8,
    /// Weight of the specular lobe (oily skin is stronger, §7.3).
    pub specular: f32,
    /// Tint of the light that reaches it only from around it (ambient): skin scatters red
    /// furthest, so its shadows stay warm; white for surfaces that do not scatter.
    pub scatter: Vec3,
    /// Whether skin's micro-relief (pores, furrows) shows: skin, not the eye.
    pub relief: bool,
    /// Weight of the sharp second lobe, the skin's film of sebum, that small hard sources
    /// draw as a glint on top of the broad highlight (see [`crate::render::shade::glint`]).
    pub glint: f32,
}

impl Default for Surface {
    fn default() -> Self {
        crate::head::SKIN_SURFACE
    }
}

/// One texel of a surface layer: a colour blended over the albedo, and a gloss factor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Texel {
    pub color: Vec3,
    pub alpha: f32,
    /// Multiplies the specular lobe (1 = the mesh's own surface).
    pub gloss: f32,
}

impl Default for Texel {
    fn default() -> Self {
        Self {
            color: Vec3::ZERO,
            alpha: 0.0,
            gloss: 1.0,
        }
    }
}

/// A layer over a mesh, addressed by the mesh's 2D coordinates (the scalp chart, in mm).
#[derive(Clone, Debug, Default)]
pub struct ChartTexture {
    /// Coordinates of texel (0, 0)'s outer corner.
    pub origin: [f32; 2],
    pub inv_texel: f32,
    pub width: usize,
    pub height: usize,
    pub texels: Vec<Texel>,
}

impl ChartTexture {
    /// Bilinear sample; transparent outside.
    #[must_use]
    pub fn sample(&self, uv: [f32; 2]) -> Texel {
        let x = (uv[0] - self.origin[0]) * self.inv_texel - 0.5;
        let y = (uv[1] - self.origin[1]) * self.inv_texel - 0.5;
        if !(x >= 0.0 && y >= 0.0) {
            return Texel::default();
        }
        let (ix, iy) = (x as usize, y as usize);
        if ix + 1 >= self.width || iy + 1 >= self.height {
            return Texel::default();
        }
        let (fx, fy) = (x - ix as f32, y - iy as f32);
        let row = iy * self.width + ix;
        let t = [
            self.texels[row],
            self.texels[row + 1],
            self.texels[row + self.width],
            self.texels[row + self.width + 1],
        ];
        let w = [
            (1.0 - fx) * (1.0 - fy),
            fx * (1.0 - fy),
            (1.0 - fx) * fy,
            fx * fy,
        ];
        // Premultiplied blend of the four so transparent texels do not pull colour to black.
        let alpha = t[0].alpha * w[0] + t[1].alpha * w[1] + t[2].alpha * w[2] + t[3].alpha * w[3];
        let pre = t[0].color * (t[0].alpha * w[0])
            + t[1].color * (t[1].alpha * w[1])
            + t[2].color * (t[2].alpha * w[2])
            + t[3].color * (t[3].alpha * w[3]);
        let gloss = t[0].gloss * w[0] + t[1].gloss * w[1] + t[2].gloss * w[2] + t[3].gloss * w[3];
        Texel {
            color: if alpha > 1e-6 {
                pre / alpha
            } else {
                Vec3::ZERO
            },
            alpha,
            gloss,
        }
    }
}

/// Chart textures on a mesh: per-vertex coordinates and the layers drawn with them.
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    pub uv: Vec<[f32; 2]>,
    /// Blended over the albedo in order.
    pub layers: Vec<Layer>,
}

/// One chart texture and which triangles may use it: false where the coordinates are not
/// continuous (poles, the seam), and where the texture has nothing, to skip the lookup.
#[derive(Clone, Debug, Default)]
pub struct Layer {
    pub tri_ok: Vec<bool>,
    pub texture: ChartTexture,
}

/// Thin straight strands from `a` to `b` (mm), e.g. hair shafts.
#[derive(Clone, Debug, Default)]
pub struct Strands {
    pub a: Vec<Vec3>,
    pub b: Vec<Vec3>,
    /// Skin normal at `a`; strands on surfaces facing away are skipped.
    pub normal: Vec<Vec3>,
    pub width_mm: Vec<f32>,
    /// Linear albedo (for darkening layers: the fraction of each channel removed).
    pub color: Vec<Vec3>,
    /// Set for a layer of dots (zero-length strands): a darker core at their centre. Dots
    /// compose by multiplying what each lets through; other strands by area.
    pub core: Option<DotCore>,
    /// Drawn soft where wider than a pixel (see [`crate::render::strands::SOFT_FOOTPRINT`]):
    /// shadows seen through the skin, which blurs them.
    pub soft: bool,
    /// Darkest at `a`, fading out toward `b` as it widens: a shaft running deeper under the
    /// skin, whose shadow grows fainter and blurrier with depth.
    pub fade: bool,
    /// How many of the strands, from the first, are free of the skin (long hair): drawn
    /// wherever nothing nearer hides them, over the backdrop too, and unless they face well
    /// away.
    pub free: usize,
}

/// A dot's radial profile: a core `ratio` times its width across removes `1 + gain` times
/// what the rest of the dot removes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DotCore {
    pub ratio: f32,
    pub gain: f32,
    /// How deep the deposit is, as a share of its width: seen at a slant a dot's footprint
    /// shrinks with the cosine only for its face, its side adding with the sine.
    pub depth: f32,
}

impl Strands {
    /// Room for `n` strands up front: growing by doubling left wasm memory (which never
    /// shrinks) holding the old buffers too.
    #[must_use]
    pub fn with_capacity(n: usize) -> Self {
        Self {
            a: Vec::with_capacity(n),
            b: Vec::with_capacity(n),
            normal: Vec::with_capacity(n),
            width_mm: Vec::with_capacity(n),
            color: Vec::with_capacity(n),
            core: None,
            soft: false,
            fade: false,
            free: 0,
        }
    }

    // Out of line: inlined at its 13 call sites it cost 319 B of the gzipped wasm, and it is
    // called per strand while building, never per pixel.
    #[inline(never)]
    pub fn push(&mut self, a: Vec3, b: Vec3, normal: Vec3, width_mm: f32, color: Vec3) {
        self.a.push(a);
        self.b.push(b);
        self.normal.push(normal);
        self.width_mm.push(width_mm);
        self.color.push(color);
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.a.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.a.is_empty()
    }
}

/// An indexed triangle mesh with per-vertex shading inputs.
#[derive(Clone, Debug, Default)]
pub struct Mesh {
    /// Millimetres, head frame.
    pub positions: Vec<Vec3>,
    /// Unit normals.
    pub normals: Vec<Vec3>,
    /// Linear-RGB diffuse albedo.
    pub albedo: Vec<Vec3>,
    /// Open fraction of the hemisphere (ambient occlusion), 0..=1.
    pub visibility: Vec<f32>,
    /// Counter-clockwise seen from outside.
    pub triangles: Vec<[u32; 3]>,
    pub surface: Surface,
    pub overlay: Option<Overlay>,
}

/// Where the camera orbits and how much it frames.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Framing {
    /// Orbit centre (mm).
    pub target: Vec3,
    /// Height of the view at the target (mm) for the smaller frame side.
    pub extent: f32,
    /// Orbit centre for close-ups: inside the top of the head, so the centre of a magnified
    /// view lands on the scalp from any angle above the ears.
    pub close_target: Vec3,
}

/// Everything the renderer draws, plus the domain data it was made from.
#[derive(Clone, Debug)]
pub struct Scene {
    pub meshes: Vec<Mesh>,
    pub lighting: Lighting,
    pub framing: Framing,
    /// Backdrop colours, linear RGB, top and bottom.
    pub backdrop: [Vec3; 2],
    /// Layers that darken the skin's albedo under the specular layer: hair shafts seen
    /// through the skin, SMP pigment. Each strand's colour is the fraction it removes from
    /// each channel where it fully covers a pixel.
    pub darkening: Vec<Strands>,
    /// Hair shafts above the skin.
    pub shafts: Option<Strands>,
    pub head: Arc<Head>,

    pub loss: LossField,
}

/// Eyebrow hairs and eyelashes; a man's beard follicles.
type FaceHair = (Vec<BrowHair>, Vec<Follicle>);

/// Builds scenes, keeping the head geometry between consultations that share sex and size,
/// and the follicle positions between those that also share the seed.
#[derive(Clone, Debug, Default)]
pub struct SceneBuilder {
    head: Option<Arc<Head>>,
    units: Option<(u64, Arc<Units>)>,
    /// Eyebrow hairs and eyelashes by seed, kept like the units: placed afresh at every
    /// rebuild, their small buffers split the free memory the old scene left, and `make
    /// bench`'s session ended at 103 MB of wasm memory instead of 87.
    /// A man's beard follicles with them.
    brows: Option<(u64, Arc<FaceHair>)>,
    candidates: Option<(u64, Arc<crate::plan::Candidates>)>,
    builds: usize,
}

impl SceneBuilder {
    /// The head for these parameters, built or reused.
    pub fn head(&mut self, params: HeadParams) -> Arc<Head> {
        match &self.head {
            Some(h) if h.params == params => h.clone(),
            _ => {
                let h = Arc::new(Head::build(&params));
                self.head = Some(h.clone());
                self.units = None;
                self.brows = None;
                self.candidates = None;
                h
            }
        }
    }

    /// The head's eyebrow hairs and eyelashes, and its beard follicles, for `seed`, placed
    /// or reused.
    fn brows(&mut self, head: &Head, seed: u64) -> Arc<FaceHair> {
        match &self.brows {
            Some((s, b)) if *s == seed => b.clone(),
            _ => {
                let mut b = crate::hair::brows::brows(head, seed);
                b.extend(crate::hair::lashes::lashes(head, seed));
                let b = Arc::new((b, crate::hair::beard::beard(head, seed)));
                self.brows = Some((seed, b.clone()));
                b
            }
        }
    }

    /// Every impression of the consultation's plan (all sessions).
    fn impressions(
        &mut self,
        head: &Head,
        loss: &LossField,
        c: &Consultation,
    ) -> Vec<crate::plan::Impression> {
        let density = c.plan.placed_density();
        let candidates = match &self.candidates {
            Some((s, cs)) if *s == c.seed && cs.density_per_cm2() == density => cs.clone(),
            _ => {
                let cs = Arc::new(crate::plan::Candidates::place(head, density, c.seed));
                self.candidates = Some((c.seed, cs.clone()));
                cs
            }
        };
        crate::plan::impressions_from(&candidates, &c.plan, c.hairstyle, head, loss)
    }

    /// Follicle positions for the current head and `seed`, placed or reused.
    fn units(&mut self, head: &Head, seed: u64) -> Arc<Units> {
        match &self.units {
            Some((s, u)) if *s == seed => u.clone(),
            _ => {
                let u = Arc::new(Units::place(head, seed));
                self.units = Some((seed, u.clone()));
                u
            }
        }
    }

    /// Full scene builds so far (light-only updates do not count).
    #[must_use]
    pub fn builds(&self) -> usize {
        self.builds
    }

    /// Brings `scene`, built from `old`, up to `new`, redoing only the layers that changed:
    /// a light change swaps the rig and nothing else. On error `scene` is untouched.
    pub fn update(
        &mut self,
        scene: &mut Scene,
        old: &Consultation,
        new: &Consultation,
    ) -> Result<(), ConsultationError> {
        new.validate()?;
        let same_but_light = Consultation {
            lighting: old.lighting,
            ..new.clone()
        } == *old;
        if same_but_light {
            scene.lighting = Lighting::preset(new.lighting);
        } else {
            // `new` is valid, so the build succeeds: free the old meshes, hair and pigment
            // first rather than hold two scenes' worth at once (wasm memory only grows).
            scene.meshes = Vec::new();
            scene.darkening = Vec::new();
            scene.shafts = None;
            *scene = self.build(new)?;
        }
        Ok(())
    }

    /// Validates `c` and builds its scene.
    pub fn build(&mut self, c: &Consultation) -> Result<Scene, ConsultationError> {
        c.validate()?;
        self.builds += 1;

        let head = self.head(HeadParams {
            sex: c.sex,
            scale: c.head_scale,
        });
        let loss = LossField::new(c.preset, &c.loss, &head, c.seed)
            .map_err(|e| ConsultationError::new(&e.field, e.message))?;
        let skin = skin::skin_albedo(c.skin, c.undertone);
        // A shaved beard: its shafts' shadow through the skin, as on a shaved scalp (see
        // [`under_skin_shadow`]), for men with pigmented hair.
        let beard = if c.sex == crate::consultation::Sex::Male {
            cast_under_skin(skin::BEARD_CAST, skin) * beard_darkness(c)
        } else {
            Vec3::ZERO
        };
        let scalp_skin = skin::scalp_albedo(skin, c.scalp_offset);
        let mut meshes = head.meshes.clone();
        for (mi, (mesh, part)) in meshes.iter_mut().zip(&head.parts).enumerate() {
            match part {
                Part::Face => {
                    let brow = skin::brow_albedo(
                        c.hair_colour.hex(),
                        crate::hair::GREY_HEX,
                        c.grey_fraction,
                    );
                    let stubble = beard * BEARD_SHADE;
                    let flushed = skin::flushed_albedo(skin);
                    mesh.albedo = head
                        .brow
                        .iter()
                        .zip(&head.beard)
                        .zip(&head.flush)
                        .zip(&head.mottle[mi])
                        .map(|(((&b, &d), &f), &m)| {
                            let c = skin + (flushed - skin) * f;
                            let c = c * m;
                            let c = c * (Vec3::ONE - stubble * d);
                            c + (brow - c) * (BROW_TINT * b)
                        })
                        .collect();
                    // The hair's shade on the skin it grows from, per vertex (2.5 mm apart;
                    // it varies over centimetres). Baked into a chart texture instead, its
                    // per-pixel lookup cost a razor-shaved 1024² frame 10 ms.
                    let shade = canopy(c.hairstyle, skin);
                    let shade_at = |f: &crate::loss::LossSample| {
                        shade * canopy_share(c.hairstyle, crate::hair::shade(f))
                    };
                    if shade != Vec3::ZERO {
                        let points = head.chart.vertex_uv().iter().zip(&mesh.positions);
                        for (a, (uv, &p)) in mesh.albedo.iter_mut().zip(points) {
                            if !uv[0].is_nan() {
                                let q = crate::head::ScalpPoint {
                                    s: uv[0],
                                    t: uv[1],
                                    p,
                                };
                                *a *= Vec3::ONE - shade_at(&loss.sample(&q));
                            }
                        }
                    }
                    let uv = head.chart.vertex_uv().to_vec();
                    let tri_ok = mesh
                        .triangles
                        .iter()
                        .map(|t| {
                            let [a, b, c] = t.map(|k| uv[k as usize]);
                            let ok = |u: [f32; 2]| !u[0].is_nan();
                            ok(a)
                                && ok(b)
                                && ok(c)
                                && (a[0] - b[0]).abs().max((a[0] - c[0]).abs()) < 30.0
                        })
                        .collect();
                    // Day 0: diffuse redness over the skin just worked (§5.4, 2–5 days).
                    let fresh = c.fresh && c.session > 0;
                    let k = c.head_scale;
                    let redness = |q: &crate::head::ScalpPoint| {
                        crate::plan::treated(&c.plan, c.hairstyle, &loss, q, k).min(1.0)
                    };
                    let texture = scalp::bake(
                        &head.chart,
                        &loss,
                        skin,
                        scalp_skin,
                        fresh.then_some(&redness as &dyn Fn(&crate::head::ScalpPoint) -> f32),
                        (shade != Vec3::ZERO)
                            .then_some(&shade_at as &dyn Fn(&crate::loss::LossSample) -> Vec3),
                    );
                    mesh.surface = c.gloss.surface();
                    let mut layers = Vec::with_capacity(2);
                    if texture.width > 0 {
                        layers.push(Layer { tri_ok, texture });
                    }
                    layers.push(crate::look::lips::layer(&head.lips, skin));
                    mesh.overlay = Some(Overlay { uv, layers });
                }
                // Ears run redder than the face (thin, well perfused skin).
                Part::Ear => {
                    let ear = skin + (skin::flushed_albedo(skin) - skin) * EAR_FLUSH;
                    mesh.albedo = head.mottle[mi].iter().map(|&m| ear * m).collect();
                }
                Part::Body => {
                    mesh.albedo = head.mottle[mi].iter().map(|&m| skin * m).collect();
                }
                Part::Eye => {}
            }
        }
        let k = c.head_scale;
        let units = self.units(&head, c.seed);
        let face_hair = self.brows(&head, c.seed);
        let brows = &face_hair.0;
        let follicles = if beard == Vec3::ZERO {
            &[]
        } else {
            &face_hair.1[..]
        };
        let pieces = brows.iter().map(|h| brow_pieces(h).count()).sum();
        let (mut under_skin, mut shafts) =
            hair_layers(&units, &head, &loss, c, skin, pieces, follicles.len());
        add_brows(&mut shafts, brows, pieces, c);
        // The shaved beard's grain: each cut end a point in the skin, in the under-skin layer
        // as a razor-shaved scalp's shafts are; the rest of its cast is baked above.
        let (reach, width) = BEARD_DOT_MM;
        // Near neutral: the cut end itself, not the cast of the shaft seen through the skin.
        let dot = Vec3::splat(beard.dot(crate::math::LUMA) * BEARD_DRAWN);
        for f in follicles {
            let b = f.root - f.along * (reach * k);
            under_skin.push(f.root, b, f.normal, width * k, dot);
        }
        if let Some(s) = shafts
            .as_ref()
            .filter(|_| c.hairstyle == crate::hair::Hairstyle::LongPart)
        {
            shade_ears(&mut meshes, &head.parts, s);
        }
        let mut darkening = vec![under_skin];
        if c.session > 0 {
            let dots = pigment(&self.impressions(&head, &loss, c), c);
            if let Some(face) = head.parts.iter().position(|&p| p == Part::Face) {
                let t = c.timepoint();
                crate::look::pigment::lay(&mut meshes[face], head.chart.vertex_uv(), &|q| {
                    crate::plan::veil(&c.plan, c.hairstyle, &loss, q, k, &t, c.skin)
                });
            }
            darkening.push(dots);
        }
        Ok(Scene {
            meshes,
            lighting: Lighting::preset(c.lighting),
            framing: Framing {
                target: Vec3::new(0.0, -5.0, 8.0) * k,
                extent: 330.0 * k,
                close_target: Vec3::new(0.0, 40.0, 5.0) * k,
            },
            backdrop: [Vec3::new(0.20, 0.21, 0.23), Vec3::new(0.055, 0.058, 0.065)],
            darkening,
            shafts,
            head,
            loss,
        })
    }
}

/// Share of light per channel that `style`'s hair, at full native density, keeps from the
/// skin it grows from, carried smooth by the head mesh's vertex colours.
///
/// Clipped hair (from 2 mm, full at 3.8 mm) shades the skin under its canopy: the skin
/// between the hairs of a #2 is darker than bare skin, and drawn as bare it showed as a white
/// streak beside every hair (practitioner review). A #1 at 0.41 read as grey-beige fur where
/// dark brown #1 hair is a dark velvet (second review, stop 10); at 0.7 as a solid mass with
/// no scalp showing, as dark as a #2, where §4.4 says #0.5–#1 show the scalp (third): 0.55.
/// With the shafts lit by the surround as well (see `AMBIENT_SHEEN` in render/hair.rs),
/// 0.55 and 0.7 left the sides of a Norwood V near-black felt under #1 and #2 (brightness
/// 75 against 181 on the top; review, stop 38): 0.4 and 0.5 took them to 95 and 64 of 180.
/// [estimate, by eye against photographs of #1 and #2 cuts; research/domain.md has no figure
/// for how much a short canopy shades the scalp]
///
/// Shorter hair shows as its shafts' grey-blue shadow through the skin (§4.4). Part of that
/// is carried smooth too, [`UNDER_BAKED`] of it: drawn only per shaft, the razor-shaved sides
/// read as pale suede, skin-coloured gaps between grey streaks, where a real shaved head
/// shows an even blue-grey cast at conversation distance (practitioner review, stop 10). `skin` sets
/// how much of it shows (see [`under_skin_show`]).
fn canopy(style: crate::hair::Hairstyle, skin: Vec3) -> Vec3 {
    let length_mm = style.length_mm();
    if style == crate::hair::Hairstyle::LongPart {
        // Long hair lies flat and is drawn where it lies; its part must stay bare skin.
        Vec3::ZERO
    } else if length_mm < 2.0 {
        under_skin_shadow(skin) * (UNDER_BAKED * UNDER_COVER)
    } else {
        Vec3::splat(0.5 * (length_mm / 3.8).min(1.0))
    }
}

/// Darkens the ears by the long hair lying over them ([`crate::hair::canopy`]): lit as if
/// bare, an ear under the hair showed pink between the strands parting over it. In the
/// albedo, so ambient and key lights alike are taken; the ears' faint shine is left.
fn shade_ears(meshes: &mut [Mesh], parts: &[Part], long: &Strands) {
    let n = long.free;
    for (mesh, _) in meshes
        .iter_mut()
        .zip(parts)
        .filter(|(_, &p)| p == Part::Ear)
    {
        let light = crate::hair::canopy::light(
            &mesh.positions,
            &long.a[..n],
            &long.b[..n],
            &long.width_mm[..n],
        );
        for (a, l) in mesh.albedo.iter_mut().zip(light) {
            *a *= l;
        }
    }
}

/// How much of the client's hair colour the skin under an eyebrow takes: the fine short
/// hairs and the shade among the brow's hairs, which are drawn (see [`add_brows`]).
/// [estimate, by eye]
const BROW_TINT: f32 = 0.45;

/// The colour finer hairs of `natural` colour take at their finest: toward a light brown.
fn lighter_hair(natural: Vec3) -> Vec3 {
    natural + (Vec3::new(0.42, 0.36, 0.28) - natural) * 0.6
}

/// The straight pieces, at most [`BROW_PIECE_MM`] long, an eyebrow hair is drawn in.
fn brow_pieces(h: &BrowHair) -> impl Iterator<Item = (Vec3, Vec3)> + '_ {
    [(h.root, h.bend), (h.bend, h.tip)]
        .into_iter()
        .flat_map(|(a, b)| {
            let n = ((b - a).length() / BROW_PIECE_MM).ceil().max(1.0) as usize;
            (0..n).map(move |i| {
                let (f0, f1) = (i as f32 / n as f32, (i + 1) as f32 / n as f32);
                (a + (b - a) * f0, a + (b - a) * f1)
            })
        })
}

/// Lays the client's eyebrow hairs, `pieces` pieces in all, in with the shafts above the
/// skin, the grey ones at the consultation's grey fraction. The shafts' buffers were sized
/// with room for them: grown by doubling instead, they left `make bench`'s session with
/// 18 MB more wasm memory.
fn add_brows(shafts: &mut Option<Strands>, hairs: &[BrowHair], pieces: usize, c: &Consultation) {
    let natural = crate::math::hex_to_linear(c.hair_colour.hex());
    let grey = crate::math::hex_to_linear(crate::hair::GREY_HEX);
    let layer = shafts.get_or_insert_with(|| Strands::with_capacity(pieces));
    for h in hairs {
        let colour = if h.draw < c.grey_fraction {
            grey
        } else {
            natural + (lighter_hair(natural) - natural) * (0.8 * h.fine)
        };
        for (a, b) in brow_pieces(h) {
            layer.push(a, b, h.normal, h.width_mm, colour);
        }
    }
}

/// Longest piece a brow hair is drawn in (mm). Frames drawn in bands rasterise extra rows
/// as far as the longest strand reaches; whole 9 mm hairs made a razor-shaved head's 2048²
/// frame take twice as long (native, 318 against 159 ms). Each piece's start lies within a
/// millimetre of the skin, inside the depth slack of the visibility test.
const BROW_PIECE_MM: f32 = 2.0;

/// The share of [`canopy`]'s shade that hair casting `shade` of a full head's
/// ([`crate::hair::shade`]) puts on the skin. Under clipped hair it goes as the square: a
/// canopy shades the skin where its hairs overlap, and a few sparse hairs cast only their own
/// shadows, which are drawn; linear, the thinning edge of #1 and #2 hair wore a grey smudge
/// 3–5 mm wide with no hairs in it (practitioner review, stop 13). Shorter hair's share stays
/// linear: it is the shafts' own shadow through the skin, which the plan's fill matches.
fn canopy_share(style: crate::hair::Hairstyle, shade: f32) -> f32 {
    if style.is_clipped() {
        shade * shade
    } else {
        shade
    }
}

/// How flushed the ears run (see [`skin::flushed_albedo`]): at (1, 0.93, 0.93) of the skin
/// they read the same colour as the face (practitioner review, stop 11). [estimate]
const EAR_FLUSH: f32 = 0.8;

/// Share of the skin a clean-shaven beard's shafts shade, as [`UNDER_COVER`] counts it.
/// Beard hair is coarser and denser than the scalp's, but drawn smooth (no stubble grain) at
/// 0.55 the cast read as a grey smear, dirt on the jaw (practitioner review, stop 12).
/// 0.26 since its cast keeps red and green in step ([`skin::BEARD_CAST`]): with the lips a
/// lip's colour at last, 0.32 left the chin a grey pouch under them (review, stop 15).
/// It was 0.32 once the shafts' shadow grew darker (stop 14): a touch more than before, when the
/// beard of a dark-haired man read as missing. With the grain drawn on top (see
/// [`BEARD_DRAWN`]), 0.22 read as faint grime (review, stop 35). [estimate, by eye]
const BEARD_SHADE: f32 = 0.29;
/// Strength of each beard follicle's drawn mark where it leaves the skin, over [`BEARD_SHADE`]'s
/// scale. Drawn as the scalp's are, 0.9 mm long at a third of this, they read as pencilled
/// lilac dashes, day-old stubble, where a clean shave leaves a near-black point at each cut
/// end (practitioner review, stop 35). At 0.9 in the shaft's cast, 90 per cm², they were
/// sparse violet specks, dirt (second review, stop 35). [estimate, by eye]
const BEARD_DRAWN: f32 = 0.6;
/// Length and width of that mark (mm, unscaled): the cut end and the shaft just under it.
const BEARD_DOT_MM: (f32, f32) = (0.3, 0.12);

/// How much a beard of the client's hair shows once shaved: fully for black and dark brown,
/// fading out toward blond, less with grey.
fn beard_darkness(c: &Consultation) -> f32 {
    let hair = crate::math::hex_to_linear(c.hair_colour.hex());
    let lum = hair.dot(crate::math::LUMA);
    (1.0 - lum / 0.3).clamp(0.0, 1.0) * (1.0 - 0.7 * c.grey_fraction)
}

/// Share of the shafts' shadow under the skin that is baked smooth rather than drawn. At 0.45,
/// once healed SMP carried half its darkening smooth, the razor-shaved sides beside it read
/// as grey streaks like rain against an even top (practitioner review, stop 14). [estimate]
const UNDER_BAKED: f32 = 0.75;
/// Share of the skin the drawn shafts' shadows cover at full native density, as the bake
/// counts it. At 0.4, set so razor-shaved hair darkened a scalp as much as drawn only, a
/// light scalp darkened 28 %, which read pale beside photographs of shaved dark hair and
/// left healed SMP matching it "pale dusty" (review, stop 16): now 37 %. [estimate]
const UNDER_COVER: f32 = 0.55;

/// Melanin hides a shaft under dark skin: its shadow shows in proportion to skin lightness.
fn under_skin_show(skin: Vec3) -> f32 {
    (skin.dot(crate::math::LUMA) / 0.6).clamp(0.15, 1.0)
}

/// What a shaft's shadow under the skin takes from each channel where it covers the skin: a
/// cool grey (the shaft seen through a scattering layer, [`skin::THROUGH_SKIN`]).
fn under_skin_shadow(skin: Vec3) -> Vec3 {
    cast_under_skin(crate::look::skin::THROUGH_SKIN, skin)
}

/// What shafts under `skin` take from each channel where they cover it, cast as `cast`.
fn cast_under_skin(cast: Vec3, skin: Vec3) -> Vec3 {
    cast * (UNDER_LUMINANCE * 0.9 * under_skin_show(skin))
}

/// Share of [`UNDER_LUMINANCE`] the shafts' shadow keeps under clipped hair, which hides
/// most of it: as strong as under razor-shaved hair, its many thin dashes under a #1 pushed
/// the 512² frame 2.9 % darker than the 2048² one (issue #4's filtering limit is 3 %); this
/// keeps their stop-13 strength.
const UNDER_CLIPPED: f32 = 0.62;

/// Luminance a shaft's shadow takes where it covers the skin fully. At 0.533 razor-shaved
/// hair darkened a light scalp 17 %, and the sides read as pale grey hatching next to the
/// SMP it should match (practitioner reviews, stops 13 and 14); 27 % at 0.86 (see [`UNDER_COVER`]).
/// [estimate: research/domain.md §4.4 has the cause, no figure]
const UNDER_LUMINANCE: f32 = 0.86;

/// How far a cut hair's heading (around the skin normal) and lift stray from its follicle's,
/// each way (degrees). [estimate, by eye against photographs of #1 and #2 cuts]
const CUT_HEADING_DEG: f32 = 25.0;
const CUT_LIFT_DEG: f32 = 12.0;
/// How far a follicle's own heading strays from the growth field's, each way (degrees).
/// [estimate]
const FOLLICLE_HEADING_DEG: f32 = 15.0;

/// Share of a short shaft's length under the skin whose shadow is drawn (the rest is baked),
/// fading with depth. Drawn at an even strength over 0.35 of it, each shadow ended square,
/// and a razor-shaved side read up close as dashes of rain and from afar as pepper. [estimate]
const UNDER_NECK: f32 = 0.45;

/// Native hair presence below which skin is bare: long hair reaching it leaves the scalp,
/// or in front of the ears is combed back along the hairline.
const BARE_NATIVE: f32 = 0.05;

/// The follicles of this head and pattern as strands: under the skin and, cut to the
/// hairstyle, above it.
fn hair_layers(
    units: &Units,
    head: &Head,
    loss: &LossField,
    c: &Consultation,
    skin: Vec3,
    more_shafts: usize,
    more_under: usize,
) -> (Strands, Option<Strands>) {
    let hairs = crate::hair::grow_from(units, head, loss, c.seed);

    let k = c.head_scale;
    let style = c.hairstyle;
    let length = style.length_mm() * k;
    // Cut hair leaves the skin at about its follicle's angle and, this short and dense,
    // holds itself up: a #2 stands a few millimetres proud of the scalp, not flat on it (at
    // 12° it gave the head the outline of a shaved one). A #1 at 30° read as combed fur, at
    // 42° as bristling outward from behind (reviews, stop 10), and at 36° again as fur swept
    // back like 8–10 mm hair, where 3 mm stands as a bristle (review, stop 16). At 48° it
    // reads a little shorter by eye, though the next review still saw a #3–4, hard to tell
    // from a #2; its filtering gap went 2.30 → 1.85 %.
    let lift = if length <= 3.5 { 48.0f32 } else { 38.0 };
    let mut scatter = crate::math::Rng::new(c.seed ^ 0x9113);
    // Under the skin the shaft runs back from where it exits, slanted about 35° (§4.4).
    let under_len = crate::hair::UNDER_SKIN_MM * 0.82 * k;
    let natural = crate::math::hex_to_linear(c.hair_colour.hex());
    let grey = crate::math::hex_to_linear(crate::hair::GREY_HEX);
    // Miniaturised hairs are finer and lighter, toward a light brown: miniaturised hairs lose pigment as they thin (§1.1). Toward a
    // mid grey at 70 %, they stood dark against the backdrop as wisps on the outline of a
    // Norwood V top at #2 (practitioner reviews, stops 9 and 10).
    let light_hair = lighter_hair(natural);
    let mut greys = crate::math::Rng::new(c.seed ^ 0x96e7);
    // Under clipped hair the shadow barely shows and is drawn whole. Shorter hair has part of
    // it carried smooth by the vertex colours (see [`canopy`]); the rest is drawn as the
    // shaft's first stretch under the skin, darkest where it leaves the surface, fading and
    // blurring as it runs deeper: a dark mark at each follicle, the cut end's dot that SMP
    // imitates, trailing into the skin. Drawn whole and evenly faint instead, a razor-shaved
    // side read as pale suede (review, stop 10).
    let (reach, strength) = if style.length_mm() >= 2.0 {
        (1.0, UNDER_CLIPPED)
    } else {
        (UNDER_NECK, (1.0 - UNDER_BAKED) / UNDER_NECK)
    };
    let shadow = under_skin_shadow(skin) * strength;
    let units_n = hairs.iter().filter(|h| h.unit > 0).count();
    let mut under = Strands::with_capacity(units_n + more_under);
    under.soft = true;
    under.fade = true;
    let long = style == crate::hair::Hairstyle::LongPart;
    let segments = if long {
        use crate::hair::{LONG_HAIR_MM, LONG_HANG_SHARE, LONG_ON_SCALP_MM, LONG_SEGMENT_MM};
        let on_scalp = (LONG_ON_SCALP_MM / LONG_SEGMENT_MM) as usize;
        let hanging = ((LONG_HAIR_MM - LONG_ON_SCALP_MM) / LONG_SEGMENT_MM) as usize;
        units_n * on_scalp
            + units_n.div_ceil(LONG_HANG_SHARE)
                * (hanging as f32 / crate::hair::long::HANG_SEGMENTS).ceil() as usize
    } else {
        hairs.len()
    };
    let mut shafts = Strands::with_capacity(segments + more_shafts);
    let bare = |q: &crate::head::ScalpPoint| loss.native(q) < BARE_NATIVE;
    let hull = |p: Vec3| head.hull(p);
    let comb = crate::hair::long::Comb {
        chart: &head.chart,
        landmarks: &head.landmarks,
        hull: &hull,
        bare: &bare,
        k,
    };
    let mut cut = crate::math::Rng::new(c.seed ^ 0x1e57);
    for h in &hairs {
        let fine = crate::hair::fineness(h.miniaturised);
        // A unit's shafts run together under the skin: one shadow per unit, wider for more
        // hairs, so overlapping hairs do not count twice.
        // Follicles themselves point a little each their own way: drawn along the growth
        // field alone, a shaved side's shadows were identical parallel dashes, a barcode
        // (practitioner review, stop 12).
        let (u, v, w) = (
            scatter.next_f32() - 0.5,
            scatter.next_f32() - 0.5,
            scatter.next_f32() - 0.5,
        );
        let (sf, cf) = crate::math::sin_cos_deg(2.0 * FOLLICLE_HEADING_DEG * w);
        let tangent = h.tangent * cf + h.normal.cross(h.tangent) * sf;
        if h.unit > 0 {
            let width = (0.15 + 0.06 * f32::from(h.unit - 1)) * k * fine;
            under.push(
                h.root,
                h.root - tangent * (under_len * reach),
                h.normal,
                width,
                shadow,
            );
        }

        let pigmented = natural + (light_hair - natural) * (0.8 * h.miniaturised);
        let colour = if greys.next_f32() < c.grey_fraction {
            grey
        } else {
            pigmented
        };

        if long {
            // One polyline per unit, as wide as its hairs together (same covered area).
            if h.unit > 0 {
                let side = if h.st[1].abs() > 0.5 {
                    h.st[1].signum()
                } else if greys.next_f32() < 0.5 {
                    -1.0
                } else {
                    1.0
                };
                lay_long(&comb, h, side, colour, &mut cut, &mut shafts);
            }
            continue;
        }
        let base = h.root + h.normal * (0.02 * k);
        let tip = if length > 0.0 {
            let grown = length * (1.0 - crate::hair::MINIATURISED_SHORT * h.miniaturised);
            // Each cut hair leans its own way: at one lift and heading the pile read as combed
            // fur (practitioner review, stop 12), where a clipped head is a velvety pile.
            let (sa, ca) = crate::math::sin_cos_deg(2.0 * CUT_HEADING_DEG * u);
            let (sl, cl) = crate::math::sin_cos_deg(lift + 2.0 * CUT_LIFT_DEG * v);
            let heading = tangent * ca + h.normal.cross(tangent) * sa;
            base + (heading * cl + h.normal * sl) * grown
        } else {
            // Razor: only the cut end, seen end-on.
            base + h.normal * (0.02 * k)
        };
        shafts.push(base, tip, h.normal, h.diameter_mm, colour);
    }
    // Long hair hangs beside and behind the head, over the backdrop and seen from behind;
    // brows and lashes, laid in after it, stay on the skin.
    if long {
        shafts.free = shafts.len();
    }
    (under, (!shafts.is_empty()).then_some(shafts))
}

/// How far a long hair's heading strays from the comb's, each way (radians, about 7°), and
/// its tone from its colour's (share): a head of hair is not one smooth sheet. [estimate]
const SWERVE: f32 = 0.12;
const TONE_STRAY: f32 = 0.15;

/// Height (unscaled head frame, mm) below which hanging long hair is lit as a curtain, not
/// as the scalp it left: level with the tops of the ears, where the two face about alike.
const CURTAIN_BELOW_Y_MM: f32 = 30.0;

/// Lays unit `h`'s long hair on `side` of the part into `shafts`: every unit its first
/// [`crate::hair::LONG_ON_SCALP_MM`], one in [`crate::hair::LONG_HANG_SHARE`] on to the cut,
/// [`crate::hair::LONG_HANG_UNITS`] times as wide. `cut` draws which units go on and where each one's ends stop.
fn lay_long(
    comb: &crate::hair::long::Comb,
    h: &crate::hair::Hair,
    side: f32,
    colour: Vec3,
    cut: &mut crate::math::Rng,
    shafts: &mut Strands,
) {
    use crate::hair::LONG_ON_SCALP_MM;
    use crate::hair::{
        LONG_CUT_STRAY_MM, LONG_CUT_Y_MM, LONG_HAIR_MM, LONG_HANG_SHARE, LONG_HANG_UNITS,
    };
    let k = comb.k;
    let on = cut.next_f32() * (LONG_HANG_SHARE as f32) < 1.0;
    let end_y = (LONG_CUT_Y_MM + LONG_CUT_STRAY_MM * (2.0 * cut.next_f32() - 1.0)) * k;
    let reach = if on { LONG_HAIR_MM } else { LONG_ON_SCALP_MM };
    let laid = comb.lay(&crate::hair::long::LongHair {
        st: h.st,
        side,
        swerve: SWERVE * (2.0 * cut.next_f32() - 1.0),
        reach_mm: reach,
        end_y,
    });
    let colour = colour * (1.0 + TONE_STRAY * (2.0 * cut.next_f32() - 1.0));
    let width = h.diameter_mm * f32::from(h.unit);
    let short = LONG_ON_SCALP_MM / crate::hair::LONG_SEGMENT_MM;
    let pts = &laid.points;
    let last = pts.len().saturating_sub(2);
    // Hanging, a hair bends round its corners: where it turns more than [`ROUND_TURN_COS`],
    // the corner is cut a quarter of the way along each side (one round of Chaikin's), drawn as
    // a short segment of its own. Straight 15 mm segments meeting at 20–25° read as kinked
    // wire where the hair swept back over the ear fell.
    let cut = |j: usize| -> Option<(Vec3, Vec3)> {
        if j < laid.on_scalp.max(1) || j + 1 >= pts.len() {
            return None;
        }
        let (a, b, c) = (pts[j - 1], pts[j], pts[j + 1]);
        let turn = (b - a).normalize_or_zero().dot((c - b).normalize_or_zero());
        (turn < ROUND_TURN_COS).then(|| (b + (a - b) * 0.25, b + (c - b) * 0.25))
    };
    let mut from = pts.first().copied().unwrap_or_default();
    for i in 0..pts.len().saturating_sub(1) {
        let corner = cut(i + 1);
        let seg = [from, corner.map_or(pts[i + 1], |(a, _)| a)];
        // On the scalp the skin faces the light for it; hanging, the curtain faces out from
        // the neck's axis. Hair falling from high up (see [`crate::hair::long`]'s climb) lies
        // over the scalp still, facing as it does.
        let hanging = i + 1 >= laid.on_scalp;
        let up = if hanging && seg[0].y < CURTAIN_BELOW_Y_MM * k {
            normalize_or(Vec3::new(seg[0].x, 0.0, seg[0].z + 10.0 * k), h.normal)
        } else {
            normalize_or(seg[0] - Vec3::new(0.0, 0.0, 5.0 * k), h.normal)
        };
        // Every unit's hair covers its first stretch, the one laid for every unit (a prefix
        // of the long ones); past it only the units that go on, wider.
        let mut w = if laid.reach_at(i) <= short {
            width
        } else {
            width * LONG_HANG_UNITS
        };
        // Cut ends taper: square, six units' width ended in a comb of dark bristles.
        if on && hanging && i == last {
            w *= 0.5;
        }
        shafts.push(seg[0], seg[1], up, w, colour);
        from = pts[i + 1];
        if let Some((a, b)) = corner {
            shafts.push(a, b, up, w, colour);
            from = b;
        }
    }
}

/// Cosine of the turn past which a hanging long hair's corner is rounded (10°).
const ROUND_TURN_COS: f32 = 0.985;

impl Scene {
    /// Builds the scene of a valid consultation (panics on invalid input: validate first, or
    /// use [`SceneBuilder::build`], which returns the error).
    #[must_use]
    pub fn build(c: &Consultation) -> Self {
        SceneBuilder::default()
            .build(c)
            .unwrap_or_else(|e| panic!("consultation must be valid: {e}"))
    }

    /// Number of triangles over all meshes.
    #[must_use]
    pub fn triangle_count(&self) -> usize {
        self.meshes.iter().map(|m| m.triangles.len()).sum()
    }
}

/// The impressions in place at the consultation's timepoint as a darkening layer, each dot as
/// it looks then (crate::plan::look; healed dot colour is skin × (1 − k), §6.4). Their veils
/// are laid apart, smooth (see [`crate::look::pigment`]).
fn pigment(all: &[crate::plan::Impression], c: &Consultation) -> Strands {
    let t = c.timepoint();
    let shown = all.iter().filter(|d| d.session <= c.session);
    let n = shown
        .clone()
        .map(|d| 1 + usize::from(d.pair.is_some()))
        .sum();
    let mut layer = Strands::with_capacity(n);
    // Blown-out dots are soft all through; healed and fresh ones have a pigment core.
    let core = crate::plan::look::DOT_CORE;
    layer.core = Some(if c.plan.mistakes.too_deep {
        DotCore { gain: 0.0, ..core }
    } else {
        core
    });
    for d in shown {
        let look = crate::plan::look::look(d, &t, &c.plan.mistakes, c.skin);
        // A dot seen face-on: a strand of zero length and the dot's visible width.
        layer.push(
            d.position,
            d.position,
            d.normal,
            look.diameter_mm,
            look.removal,
        );
        if let Some(p) = d.pair {
            let size = crate::plan::PAIR_SIZE;
            layer.push(p, p, d.normal, look.diameter_mm * size, look.removal);
        }
    }
    layer
}
