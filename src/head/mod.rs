//! The procedural head: a sculpted signed-distance field, meshed once into triangles.
//!
//! Frame and units: millimetres, origin midway between the ear canals (EAM), +y up, +z toward
//! the face, +x to the client's left; y = 0 is roughly the Frankfort plane. Sizes follow
//! research/domain.md §0: male head length (glabella–back) about 195 mm, breadth about 155 mm,
//! circumference about 57 cm (female about 55 cm), and facial thirds of 5–6.5 cm.
//!
//! Why an SDF: smooth unions of a few dozen ellipsoids and capsules give a calm, mannequin-like
//! face (brow ridge, eyes, nose, lips, jaw, ears, neck) that is easy to vary by sex and size,
//! and meshing it along rays from one centre gives a regular grid for shading.

pub mod chart;
mod hull;
mod landmarks;
mod lips;
mod mesh;
pub(crate) mod scatter;
pub mod sdf;

pub use chart::{ScalpChart, ScalpPoint};
pub use landmarks::Landmarks;
pub use lips::{LipMap, TEXEL_MM as LIP_TEXEL_MM};

use crate::consultation::Sex;
use crate::math::smoothstep;
use crate::scene::{Mesh, Surface};
use glam::Vec3;
use sdf::{cone_capsule, ellipsoid, smooth_subtract, smooth_union};

/// What shapes the head.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeadParams {
    pub sex: Sex,
    /// Uniform scale around the EAM midpoint.
    pub scale: f32,
}

/// Proportions that differ between the male and female variants (mm unless noted).
#[derive(Clone, Copy, Debug)]
struct Shape {
    /// Overall scale: 55/57 for the female head (domain.md §0 circumferences).
    size: f32,
    brow_radius: f32,
    brow_forward: f32,
    /// Half the bigonial width (mm). At 49 for the man the front view read the gonion as a
    /// corner at the cheek's widest, squaring the face; 43 sits inside the zygomatic width as
    /// it should (bizygomatic about 140 mm, bigonial about 100 mm over skin).
    jaw_half_width: f32,
    jaw_radius: f32,
    chin: Vec3,
    nose_tip: Vec3,
    nose_radius: f32,
    lip_depth: f32,
    /// Heights of the upper and lower lips' red at the middle (mm; see [`lips`]).
    vermilion: (f32, f32),
    neck_radius: f32,
    /// Height of the menton, the chin's lowest point (unscaled mm).
    chin_bottom: f32,
    /// How far the thyroid cartilage (the Adam's apple) stands proud of the throat (mm).
    larynx: f32,
}

impl Shape {
    fn of(sex: Sex) -> Self {
        match sex {
            Sex::Male => Self {
                size: 1.0,
                brow_radius: 12.0,
                brow_forward: 82.0,
                jaw_half_width: 43.0,
                jaw_radius: 11.0,
                chin: Vec3::new(20.0, 15.0, 12.0),
                nose_tip: Vec3::new(0.0, -23.0, 109.0),
                nose_radius: 10.0,
                lip_depth: 7.0,
                vermilion: (9.5, 8.5),
                neck_radius: 57.0,
                chin_bottom: -102.0,
                larynx: 4.0,
            },
            Sex::Female => Self {
                size: 55.0 / 57.0,
                brow_radius: 9.0,
                brow_forward: 82.0,
                jaw_half_width: 39.0,
                jaw_radius: 10.0,
                chin: Vec3::new(16.0, 12.5, 12.0),
                nose_tip: Vec3::new(0.0, -21.0, 105.0),
                nose_radius: 8.5,
                lip_depth: 8.0,
                vermilion: (10.0, 9.0),
                neck_radius: 51.0,
                chin_bottom: -97.0,
                larynx: 0.0,
            },
        }
    }
}

/// Eye centres and radius in the unscaled frame (used for both the socket and the eyeball):
/// the pupils 62 mm apart, a little under the men's mean of 64 [general knowledge].
const EYE_CENTRE: Vec3 = Vec3::new(31.0, 11.0, 77.0);
const EYE_RADIUS: f32 = 12.0;
/// How far the lids stand proud of the eyeball (mm).
const LID_SHELL_MM: f32 = 1.3;
/// The almond-shaped slit between the lids: two ellipses (centre relative to the eye's,
/// lateral +x, and semi-axes; cylinders along z), the upper lid's arc the top of one, the
/// lower's the bottom of the other, so the corners come to points; sheared up outward, the
/// lateral corner 0.4 mm above the medial (positive canthal tilt). It runs 27.7 mm corner to
/// corner, the last 3 mm at the inner corner past the globe, into the caruncle's recess
/// ([`SLIT_POCKET_Z`]), and 8.5 mm tall, the upper lid over the top 2.4 mm of the iris and
/// the lower at its foot. A single ellipsoid opened 20.5 × 8.7 mm with rounded ends, a round
/// staring eye, the inner corners 42 mm apart (practitioner review, stop 38: fissure 28–30 mm,
/// intercanthal 30–35 [general knowledge]); wider, its ends stayed round, goggles. Ending at
/// the globe's medial edge, the white stopped 43 mm apart, twice its own width (review, stop
/// 40); now, with the eyes 62 mm apart (pupils: 64 before; adults 54–74), the inner corners
/// are 32 mm apart.
const SLIT_UPPER: (Vec3, Vec3) = (Vec3::new(-2.8, -12.8, 0.0), Vec3::new(21.8, 16.2, 1.0));
const SLIT_LOWER: (Vec3, Vec3) = (Vec3::new(0.2, 15.6, 0.0), Vec3::new(21.8, 20.8, 1.0));
const SLIT_TILT: f32 = 0.09;
/// The lens's corners (x, y): inner, outer (checked by a test below).
const SLIT_CORNERS: [(f32, f32); 2] = [(-14.95, -0.7), (12.72, -0.28)];
/// The slit stops 1 mm inside the eyeball's surface and in front of its centre: cut on
/// through the head, its floor lay 17 mm behind the eye, and the face mesh's rays, down it
/// and back out, drew the lids' rims slanting into the opening.
const SLIT_FLOOR_MM: f32 = EYE_RADIUS - 1.0;
/// Past the globe, at the inner corner, the slit opens on a pocket this far in front of the
/// eye's centre (mm): the caruncle's recess.
const SLIT_POCKET_Z: f32 = 3.0;
/// Where along the slit, from its inner corner, the lashes begin: at the lacrimal punctum,
/// over the globe's medial edge, not in the caruncle's recess.
const PUNCTUM: f32 = 0.12;

/// Signed distance (mm, roughly) into the slit from q, relative to the eye's centre with
/// lateral +x (see [`SLIT_UPPER`]): the ellipses are cylinders along z.
fn slit_sdf(q: Vec3) -> f32 {
    let flat = Vec3::new(q.x, q.y - SLIT_TILT * q.x, 0.0);
    ellipsoid(flat, SLIT_UPPER.0, SLIT_UPPER.1)
        .max(ellipsoid(flat, SLIT_LOWER.0, SLIT_LOWER.1))
        .max(SLIT_FLOOR_MM - q.length())
        .max(SLIT_POCKET_Z - q.z)
}

/// Ear centre (mirrored in x): the ear is about 62 × 34 mm (see [`ear_sdf`]).
const EAR_CENTRE: Vec3 = Vec3::new(79.0, 4.0, -10.0);
/// How far the ear's back edge stands out from the skull per mm behind its centre (about
/// 17°), and the helix's rim radius (mm). [general knowledge: cranioauricular angle 20–30°]
const EAR_FLARE: f32 = 0.3;
/// Rings and segments of the ear's mesh: at 40 × 64 (2.4 mm between rings) the rim and
/// bowl came out as ridged streaks.
const EAR_GRID: (usize, usize) = (64, 96);
const EAR_RIM_MM: f32 = 3.2;
/// Rings and segments of each eye's mesh: 3.75° between rings, about 8 across the cornea,
/// whose highlight the interpolated normals must carry.
const EYE_GRID: (usize, usize) = (48, 64);

fn mirror(v: Vec3, sx: f32) -> Vec3 {
    Vec3::new(v.x * sx, v.y, v.z)
}

/// The philtrum's columns (unscaled mm): ridges from beside the nose's base down to the
/// cupid's bow's peaks, 1–2 mm proud of the groove between them (measured by the test
/// below).
const PHILTRUM_TOP: Vec3 = Vec3::new(3.5, -35.0, 90.8);
const PHILTRUM_FOOT: Vec3 = Vec3::new(5.5, MOUTH_Y + 9.0, 95.7);
const PHILTRUM_R: f32 = 1.5;
const PHILTRUM_BLEND: f32 = 4.0;

/// Skull, face and neck (ears and eyeballs are separate meshes).
fn head_sdf(p: Vec3, s: &Shape) -> f32 {
    let p = p / s.size;
    let mut d = cranium(p);
    for sx in [-1.0, 1.0] {
        d = cheek(d, p, sx);
        let gonion = Vec3::new(s.jaw_half_width * sx, -60.0, -4.0);
        // The chin 3 mm further forward than it was: 5 mm behind the lower lip it read
        // retruded in profile (soft-tissue pogonion sits 0–4 mm behind the lower lip).
        let chin_side = Vec3::new(19.0 * sx, -98.0, 73.0);
        d = smooth_union(
            d,
            cone_capsule(p, gonion, chin_side, s.jaw_radius, 11.0),
            JAW_BLEND,
        );
    }
    d = smooth_union(d, ellipsoid(p, Vec3::new(0.0, -88.0, 84.0), s.chin), 14.0);
    // The jaw line: the face's mass ends at the mandible's lower border, a plane from the
    // gonion up and back from the chin, so the throat meets it at an angle instead of
    // filling under it as a double chin.
    // At a blend of 8 the cut met the chin in a hard kink that hung the chin like a pouch
    // in the 3/4 view (review, stop 16).
    d = smooth_subtract(d, under_jaw(p, s), 14.0);
    d = smooth_union(d, neck(p, s, 0.0), 18.0);
    d = smooth_union(d, shoulders(p), SHOULDER_BLEND);
    if s.larynx > 0.0 {
        let throat = NECK_TOP + (NECK_BOTTOM - NECK_TOP) * LARYNX_AT;
        let front = s.neck_radius * NECK_DEPTH + s.larynx - 5.0;
        let apple = ellipsoid(
            p,
            throat + Vec3::new(0.0, 0.0, front),
            Vec3::new(8.0, 11.0, 5.0),
        );
        d = smooth_union(d, apple, 6.0);
    }
    // Brow ridge, then the sockets cut under it.
    // It follows the forehead's curve back toward the temples and thins there: drawn as one
    // straight bar, its ends stood proud of the temples as ledges whose sun shadows floated
    // on the cheeks (practitioner review, stop 11).
    let brow = |x: f32, back: f32| Vec3::new(x, 28.0, s.brow_forward - back);
    let (r, (x1, b1), (x2, b2)) = (s.brow_radius, BROW_BEND, BROW_END);
    let mut ridge = cone_capsule(p, brow(-x1, b1), brow(x1, b1), r, r);
    for sx in [-1.0, 1.0] {
        ridge = ridge.min(cone_capsule(
            p,
            brow(x1 * sx, b1),
            brow(x2 * sx, b2),
            r,
            r * BROW_END_R,
        ));
    }
    d = smooth_union(d, ridge, 14.0);
    for sx in [-1.0, 1.0] {
        let c = mirror(EYE_CENTRE, sx);
        // The socket stops short of the brow's underside: cut up into it (to 25 mm, not
        // 22), it left a pocket above the lid that no ray from the face mesh's centre
        // reaches, and the triangles bridging it drew crossed dark lines over the upper lid
        // (practitioner reviews, stops 10 and 11).
        let socket = ellipsoid(
            p,
            c + Vec3::new(0.0, -1.0, 13.0),
            Vec3::new(17.0, 10.0, 9.0),
        );
        // Cut with a 7 mm fillet, the socket's rim under the inner brow was a crease finer than
        // the mesh, drawn as a zigzag (practitioner review, stop 18).
        d = smooth_subtract(d, socket, 11.0);
        // Lids: a shell just proud of the eyeball, opened by an almond-shaped slit.
        let lids = (p - c).length() - (EYE_RADIUS + LID_SHELL_MM);
        d = smooth_union(d, lids, 4.0);
        let slit = slit_sdf(mirror(p - c, sx));
        d = smooth_subtract(d, slit, 1.5);
    }
    // Nose: bridge to tip, then the alae.
    d = smooth_union(
        d,
        cone_capsule(
            p,
            Vec3::new(0.0, 16.0, 91.0),
            s.nose_tip,
            5.5,
            s.nose_radius,
        ),
        8.0,
    );
    for sx in [-1.0, 1.0] {
        let ala = ellipsoid(
            p,
            Vec3::new(10.5 * sx, s.nose_tip.y - 3.0, s.nose_tip.z - 13.0),
            Vec3::new(6.5, 6.0, 7.5),
        );
        d = smooth_union(d, ala, 10.0);
    }
    d = smooth_union(d, lips_sdf(p, s), 10.0);
    for sx in [-1.0, 1.0] {
        let column = cone_capsule(
            p,
            mirror(PHILTRUM_TOP, sx),
            mirror(PHILTRUM_FOOT, sx),
            PHILTRUM_R,
            PHILTRUM_R,
        );
        d = smooth_union(d, column, PHILTRUM_BLEND);
    }
    // The line between the lips.
    d = smooth_subtract(d, mouth_line(p), 2.0);
    d * s.size
}

/// The parietal fullness (unscaled mm): a skull is broad over its top, a rounded box from the
/// front and behind, not the one ellipsoid's pointed arch ("a pointed skull top",
/// practitioner review, stop 36). With it the skull's own ellipsoid is 6 mm shorter (92, was
/// 98), so the head is no taller and its hair-bearing scalp stays at 545 cm² (tests/head.rs:
/// §4.1's 500–520 cm², ±5 %); blended more broadly (25 mm) the fillet alone added 45 cm².
const PARIETAL_CENTRE: Vec3 = Vec3::new(0.0, 68.0, -5.0);
const PARIETAL_AXES: Vec3 = Vec3::new(68.0, 56.0, 80.0);
const PARIETAL_BLEND: f32 = 10.0;
const SKULL_HALF_HEIGHT: f32 = 92.0;

/// The skull, forehead, occiput and maxilla (unscaled mm): the mass the face and the hull
/// ([`hull`]) both start from, in one place so the two agree to the bit.
#[inline(never)]
fn cranium(p: Vec3) -> f32 {
    let mut d = ellipsoid(
        p,
        Vec3::new(0.0, 32.0, 0.0),
        Vec3::new(77.0, SKULL_HALF_HEIGHT, 95.0),
    );
    // Forehead fullness: a rounder, more upright front than one ellipsoid gives.
    d = smooth_union(
        d,
        ellipsoid(p, Vec3::new(0.0, 46.0, 28.0), Vec3::new(66.0, 62.0, 70.0)),
        20.0,
    );
    // Parietal fullness.
    d = smooth_union(
        d,
        ellipsoid(p, PARIETAL_CENTRE, PARIETAL_AXES),
        PARIETAL_BLEND,
    );
    // Occiput.
    d = smooth_union(
        d,
        ellipsoid(p, Vec3::new(0.0, 12.0, -42.0), Vec3::new(60.0, 58.0, 52.0)),
        25.0,
    );
    // Maxilla and cheeks: tall enough that the lower cheek faces forward, not down (a
    // shorter one left a hollow that a downlight turned into a dark blot).
    smooth_union(
        d,
        ellipsoid(p, Vec3::new(0.0, -34.0, 36.0), Vec3::new(56.0, 58.0, 56.0)),
        26.0,
    )
}

/// The cheekbone and masseter on side `sx`, blended into `d` (unscaled mm).
#[inline(never)]
fn cheek(d: f32, p: Vec3, sx: f32) -> f32 {
    let d = smooth_union(
        d,
        ellipsoid(
            p,
            Vec3::new(44.0 * sx, -14.0, 40.0),
            Vec3::new(24.0, 28.0, 22.0),
        ),
        24.0,
    );
    // Ramus and masseter: the side of the lower face stands upright from the cheekbone
    // down to the jaw. Without them the cheek's mass sloped in under itself from the
    // cheekbone, faced down there, and a downlight drew that as a dark strap from the
    // mouth's corner to the ear; from the front the outline pinched in below the mouth
    // (practitioner reviews, stops 16 and 18). [estimate, by eye]
    smooth_union(
        d,
        ellipsoid(p, MASSETER_CENTRE * Vec3::new(sx, 1.0, 1.0), MASSETER_AXES),
        20.0,
    )
}

/// The masseter over the ramus (unscaled mm, centre mirrored in x): a flattened mass from just
/// under the cheekbone to the jaw, about 6 cm tall and 6 cm front to back. 24 mm front to
/// back, centred 6 mm further back, it left the cheek in front of it facing down, and a
/// downlight still drew the strap across it. Centred 4 mm further out it bulged the face's
/// outline past the jaw (review of the front view, stop 22).
const MASSETER_CENTRE: Vec3 = Vec3::new(45.0, -42.0, 32.0);
const MASSETER_AXES: Vec3 = Vec3::new(12.0, 30.0, 30.0);

/// How broadly the jaw's ridge blends into the cheek (mm). At 22 a groove ran between them
/// from the mouth's corner to the ear, which a downlight filled with a dark strap across the
/// face (practitioner reviews, stop 16).
const JAW_BLEND: f32 = 32.0;

/// How fast the jaw's lower border rises away from the midline at the chin (mm per mm²). At
/// 0.006 the border bent up so soon that the jaw line read concave from the front and the chin
/// hung below it as a pouch; at 0.003 the border runs nearly straight from chin to gonion.
const JAW_CURVE: f32 = 0.003;

/// How broadly the cut under the jaw ends behind its angle (mm).
const JAW_CUT_END_BLEND: f32 = 10.0;

/// Below the mandible's lower border (unscaled mm; negative inside): a plane through the
/// gonion and the menton, cut off behind the ramus so the skull and nape keep their shape.
fn under_jaw(p: Vec3, s: &Shape) -> f32 {
    let (gonion, menton) = (
        glam::Vec2::new(-6.0, -64.0),
        glam::Vec2::new(78.0, s.chin_bottom),
    );
    let along = (menton - gonion).normalize();
    // Toward the chin the border rises to each side, so the chin is round from the front.
    let rise = JAW_CURVE * p.x * p.x * smoothstep(20.0, 78.0, p.z);
    let q = glam::Vec2::new(p.z, p.y - rise) - gonion;
    let below = q.y * along.x - q.x * along.y;
    // It ends 20 mm behind the ear canals, by a smooth maximum: by a plain one, the plane's
    // edge was a crease down the side of the neck that the mesh drew as saw-teeth.
    -smooth_union(-below, p.z + 20.0, JAW_CUT_END_BLEND)
}

/// The brow ridge's path (unscaled mm): out to x at the bend, then to its lateral end, and
/// how far behind its midline depth each lies; the end's radius as a share of the midline's.
/// [estimate, by eye: the lateral orbital rim sits well behind the eyeball's front]
const BROW_BEND: (f32, f32) = (20.0, 0.0);
const BROW_END: (f32, f32) = (38.0, 10.0);
const BROW_END_R: f32 = 0.7;

/// The neck's axis (unscaled mm), shared by the head and the body.
const NECK_TOP: Vec3 = Vec3::new(0.0, -10.0, -20.0);
const NECK_BOTTOM: Vec3 = Vec3::new(0.0, -260.0, 0.0);
/// Where along the neck's axis the Adam's apple sits: about 2.5 cm below the jaw's angle.
const LARYNX_AT: f32 = 0.45;
/// The neck is wider than deep (about 12 by 11 cm): its depth's share of its width.
const NECK_DEPTH: f32 = 0.9;

/// The neck, `inset` mm thinner than its radius: a column widening a little toward the
/// shoulders, wider than deep.
fn neck(p: Vec3, s: &Shape, inset: f32) -> f32 {
    let q = Vec3::new(p.x * NECK_DEPTH, p.y, p.z);
    let r = s.neck_radius * NECK_DEPTH - inset;
    cone_capsule(q, NECK_TOP, NECK_BOTTOM, r, r + 4.0)
}
/// The body mesh starts high in the neck, hidden inside the head mesh, and the head mesh
/// stops lower down (unscaled mm), above the shoulders' flare: where they overlap both are the
/// same cylinder, and the body's coarse rim stays far from where it could show.
const BODY_TOP_Y: f32 = -60.0;
const HEAD_BOTTOM_Y: f32 = -135.0;
/// Under the chin the head mesh stops this much lower, reached from [`THROAT_Z`]'s first
/// figure forward to its second (unscaled mm). At -135 its cut, a saw-tooth of stretched
/// throat triangles, still lay in the jaw's fillet, whose normals the body's plain cylinder
/// lacks: the teeth showed as dark stripes down the throat under the downlight. Lowered all
/// round, it reached the flare at the sides of the neck, where the teeth came out bright
/// (practitioner reviews, stops 10 and 11).
const THROAT_DROP: f32 = 15.0;
const THROAT_Z: (f32, f32) = (20.0, 45.0);
/// Behind the neck the cut rises this much, reached from [`NAPE_Z`]'s second figure back
/// to its first (unscaled mm): there the head mesh's rays meet the neck edge-on, and at the
/// cut they already sampled the trapezius' flare in steps of 7 mm.
const NAPE_RISE: f32 = 20.0;
const NAPE_Z: (f32, f32) = (-30.0, -10.0);
/// The upper lids' creases, from the lid's margin up to the brow, are folds narrower than the
/// face mesh's 2 mm grid and run across its rows at a slant: their vertices' normals, each
/// side of the fold, interpolated along the triangles' edges, drew the fold as a staircase
/// of 2.7 mm steps (face close-ups, stop 29). Averaged with their grid neighbours
/// [`LID_SMOOTHING`] times, the fold's turn spreads over more than a grid step. `size` is the
/// head's scale in all.
#[inline(never)]
fn smooth_lid_creases(face: &mut Mesh, segments: usize, size: f32) {
    for _ in 0..LID_SMOOTHING {
        let was = face.normals.clone();
        // Grid vertex k's neighbours are k ± 1 along its ring and k ± segments across: the
        // folds lie far from the ring's seam (under the chin) and from the poles (the ears).
        for (k, &p) in face.positions.iter().enumerate() {
            let q = (p / size).with_x(p.x.abs() / size) - EYE_CENTRE;
            if q.y > LID_FOLD_Y.0
                && q.y < LID_FOLD_Y.1
                && q.x.abs() < LID_FOLD_HALF_WIDTH
                && q.z > 0.0
            {
                // Like normals summed: never near zero.
                let n =
                    was[k] * 2.0 + was[k - 1] + was[k + 1] + was[k - segments] + was[k + segments];
                face.normals[k] = n.normalize();
            }
        }
    }
}

/// Where [`smooth_lid_creases`] works, relative to the eye's centre (unscaled mm): from just
/// above the lid's margin (the slit's top is 3.6 mm up) to the brow, across the socket.
const LID_FOLD_Y: (f32, f32) = (5.0, 17.0);
const LID_FOLD_HALF_WIDTH: f32 = 20.0;
const LID_SMOOTHING: usize = 4;

/// Below the neck the body mesh takes over (see [`body_sdf`]): the face mesh keeps the
/// triangles reaching above its cut, their corners below it moved up the neck onto the cut
/// (`size` is the head's scale in all). Dropped whole instead, those triangles left a saw-tooth
/// edge whose teeth, where the grid's rays meet the back of the neck edge-on, ran 3–4 cm up
/// it: the body showed through in tongues, which the downlight, grazing the neck, lit
/// differently from the head's skin round them.
fn cut_neck(face: &mut Mesh, sdf: &dyn Fn(Vec3) -> f32, ao: &dyn Fn(Vec3, Vec3) -> f32, size: f32) {
    let cut = |p: Vec3| {
        let z = p.z / size;
        (HEAD_BOTTOM_Y - THROAT_DROP * smoothstep(THROAT_Z.0, THROAT_Z.1, z)
            + NAPE_RISE * (1.0 - smoothstep(NAPE_Z.0, NAPE_Z.1, z)))
            * size
    };
    let below: Vec<bool> = face.positions.iter().map(|&p| p.y < cut(p)).collect();
    face.triangles
        .retain(|t| t.iter().any(|&i| !below[i as usize]));
    let mut moved = vec![false; below.len()];
    for &i in face.triangles.iter().flatten() {
        let i = i as usize;
        if below[i] && !moved[i] {
            moved[i] = true;
            // Up onto the cut, then across onto the skin: the neck is near vertical there.
            // Taken back along the full gradient, corners from the shoulders' flare slid
            // down it again, 20 mm below the cut.
            let mut p = face.positions[i];
            for _ in 0..4 {
                p.y = cut(p);
                let g = mesh::gradient(sdf, p).with_y(0.0);
                p -= g * (sdf(p) / g.length_squared().max(0.25));
            }
            let n = mesh::gradient(sdf, p);
            face.positions[i] = p;
            face.normals[i] = n;
            face.visibility[i] = ao(p, n);
        }
    }
}

/// The shoulders, in both meshes' fields so the neck flares into them the same way: a broad
/// dome (biacromial breadth about 40 cm) with the trapezius sloping down from the neck's
/// sides to the acromion. The dome's top sat 3 cm lower and blended over 60 mm: the neck
/// stood as a long column on bottle shoulders (front, side and back views, stop 25).
#[inline(never)]
fn shoulders(p: Vec3) -> f32 {
    let mut d = ellipsoid(
        p,
        Vec3::new(0.0, -260.0, -20.0),
        Vec3::new(200.0, 100.0, 100.0),
    );
    for sx in [-1.0, 1.0] {
        let trapezius = cone_capsule(
            p,
            mirror(TRAPEZIUS_NECK, sx),
            mirror(TRAPEZIUS_END, sx),
            14.0,
            18.0,
        );
        d = smooth_union(d, trapezius, 30.0);
    }
    d
}
/// The trapezius' ridge (unscaled mm, mirrored in x). It starts well below the head mesh's
/// cut ([`HEAD_BOTTOM_Y`]): started 4 cm higher, its blend bulged the neck where the head
/// mesh's rays meet it edge-on, drawn as streaks and saw-teeth down the neck.
const TRAPEZIUS_NECK: Vec3 = Vec3::new(45.0, -175.0, -34.0);
const TRAPEZIUS_END: Vec3 = Vec3::new(130.0, -200.0, -30.0);
/// How broadly the neck flares into the shoulders (mm): enough to round the junction, little
/// enough that the flare starts below the head mesh's cut.
const SHOULDER_BLEND: f32 = 30.0;
/// How much thinner the body's neck is than the head's (mm).
const BODY_INSET: f32 = 0.3;
/// Centre of the body mesh's rays (unscaled mm).
const BODY_CENTRE: Vec3 = Vec3::new(0.0, -240.0, -12.0);

/// Trapezius and the tops of the shoulders, so the neck stands on a body. A mesh of its own:
/// rays from the head's centre meet the shoulders edge-on and streak, so the head mesh is cut
/// off above them. Its neck is [`BODY_INSET`] thinner than the head's, so where the two overlap the
/// head mesh wins without a visible step.
/// Not inlined, nor is [`shoulders`]: with the trapezius, LLVM copied the body's field into
/// [`Head::build`], 8 KB more of wasm.
#[inline(never)]
fn body_sdf(p: Vec3, s: &Shape) -> f32 {
    let p = p / s.size;
    smooth_union(neck(p, s, BODY_INSET), shoulders(p), SHOULDER_BLEND).max(p.y - BODY_TOP_Y)
        * s.size
}

/// Radius of the dental arch the lips wrap round (mm): the mouth's corners lie well behind
/// its centre. Ellipsoids in line across the face read as a slab, a bar of lips.
const LIP_ARCH_MM: f32 = 32.0;

/// `p` with the mouth's arch straightened out, so lips can be drawn as straight shapes.
fn unbent(p: Vec3) -> Vec3 {
    Vec3::new(p.x, p.y, p.z + p.x * p.x * (0.5 / LIP_ARCH_MM))
}

/// Where the face mesh's ring at polar angle `theta` (from +x) crosses the line between the
/// lips, as an angle about the x axis from +y toward +z, where it crosses the midline, and how
/// fully to move a row onto it (see [`mesh::radial_along`]): fully to 3 mm past the mouth's
/// corners (faded out from the corners themselves, the row bent away from the line's last
/// millimetres and drew a hook at each end), fading out 7 mm beyond. The face's scale
/// cancels, as the mesh's centre scales with it. Without this the line's last centimetre each
/// side, where the arch carries it back across the grid's rows (about 2.4 mm apart there),
/// was drawn as saw-teeth.
fn mouth_crease(theta: f32) -> Option<(f32, f32, f32)> {
    let y = MOUTH_Y - FACE_CENTRE.y;
    let z_at = |x: f32| MOUTH_FRONT - x * x * (0.5 / LIP_ARCH_MM) - FACE_CENTRE.z;
    let (sin_t, cos_t) = crate::math::sin_cos(theta);
    // Where the ring meets the mouth, x = |p - centre| cos(theta): solved by iterating.
    let mut x = 0.0;
    for _ in 0..4 {
        x = cos_t / sin_t * (y * y + z_at(x) * z_at(x)).sqrt();
    }
    let strength = 1.0 - smoothstep(MOUTH_HALF_MM + 3.0, MOUTH_HALF_MM + 10.0, x.abs());
    let home = libm::atan2f(z_at(0.0), y);
    (strength > 0.0).then(|| (libm::atan2f(z_at(x), y), home, strength))
}

/// The line between the lips: its height, how far forward it lies on the midline (where rays
/// from the face mesh's centre meet it, between the lips' fronts), and half its length along
/// the arch (unscaled mm). At -51.5, with the menton at -98, the skin of the upper lip was
/// 8 mm tall and the chin short under the lips: the mouth read as hung from the nose
/// (practitioner review, stop 36). 3 mm lower, and the chin 4 mm lower, the nose-to-mouth
/// distance is 21 mm of a 68 mm lower face, near the usual third [general knowledge: Farkas'
/// norms, subnasale–stomion about 22 mm and subnasale–menton about 70 mm in men].
const MOUTH_Y: f32 = -54.5;
const MOUTH_FRONT: f32 = 93.0;
const MOUTH_HALF_MM: f32 = 24.5;

/// The line between the lips: a slit along the arch, deep into the mouth, narrowing toward
/// the corners (a slit of one width ended in hooks there).
fn mouth_line(p: Vec3) -> f32 {
    let q = unbent(p);
    // Depth squeezed into the slit's radius, so a round slit reaches 8 mm into the mouth.
    let q = Vec3::new(q.x, q.y, (q.z - 97.0) * 0.125);
    let mid = Vec3::new(0.0, MOUTH_Y, 0.0);
    let end = |sx: f32| {
        cone_capsule(
            q,
            mid,
            Vec3::new(MOUTH_HALF_MM * sx, MOUTH_Y, 0.0),
            1.0,
            0.2,
        )
    };
    end(-1.0).min(end(1.0))
}

/// The lips: upper and lower, along the arch. At 25 and 22 mm half-widths, 2 mm further back,
/// the face buried their outer thirds: the red of the lips spanned 30 mm and the mouth read
/// as a short slit, where a man's is 50–55 mm corner to corner, and the lips sat 10–12 mm
/// behind the nose-to-chin line (about 2–4 mm in a usual profile), a toothless slope
/// (practitioner review, stop 16). Now the red spans 44 mm and the slit 49 mm. [estimate]
/// The upper lip reaches 6 mm above its centre, so its red's border (9.5 mm above the slit
/// at the bow's peaks) lies on its forward-facing front, the labrale superius, as on a face.
/// At 5 mm the border lay on the lip's top, where the skin faces up: seen from above, every
/// millimetre of the mesh's relief moved that line, and it was drawn jagged (practitioner
/// review, stop 37).
fn lips_sdf(p: Vec3, s: &Shape) -> f32 {
    let p = unbent(p);
    let upper = ellipsoid(
        p,
        Vec3::new(0.0, MOUTH_Y + 5.5, 93.0),
        Vec3::new(28.0, 6.0, s.lip_depth),
    );
    let lower = ellipsoid(
        p,
        Vec3::new(0.0, MOUTH_Y - 5.0, 91.0),
        Vec3::new(25.0, 5.5, s.lip_depth),
    );
    upper.min(lower)
}

fn ear_sdf(p: Vec3, s: &Shape, sx: f32) -> f32 {
    // Ear-local: out from the head, up, forward. The back edge stands off the skull (the
    // cranioauricular angle), so the ear is a plate set at a slant, not flat on the head.
    let q = p / s.size - mirror(EAR_CENTRE, sx);
    let (z, y) = (q.z, q.y);
    let out = q.x * sx - EAR_FLARE * (-z).max(0.0);
    let l = Vec3::new(out, y, z);
    // The plate: the broad upper ear and the lobe below.
    let upper = ellipsoid(l, Vec3::new(0.0, 5.0, -1.0), Vec3::new(6.5, 25.0, 16.5));
    let lobe = ellipsoid(l, Vec3::new(0.5, -19.0, 3.0), Vec3::new(5.0, 10.0, 8.5));
    let mut d = smooth_union(upper, lobe, 6.0);
    // The helix: a rolled rim round the top and back, open at the front below where it
    // springs from above the ear canal. Distances to the outline ellipse are approximate
    // (its radius times the normalised offset), which is all a 1.5 mm mesh needs.
    let (ey, ez) = ((y - 5.0) / 23.0, (z + 1.5) / 15.0);
    let ring = ((ey * ey + ez * ez).sqrt() - 1.0) * 15.0;
    let open = smoothstep(2.0, 9.0, z) * (1.0 - smoothstep(4.0, 14.0, y));
    let rim = (1.0 - open) * EAR_RIM_MM;
    let helix = ((out - 2.5) * (out - 2.5) + ring * ring).sqrt() - rim;
    d = smooth_union(d, helix, 2.0);
    // The scapha, a groove inside the rim, and the concha's bowl before the ear canal; the
    // ridge left between them is the antihelix.
    let inner = ring + 5.5;
    let groove = ((out - 6.0) * (out - 6.0) + inner * inner).sqrt() - 2.2 * (1.0 - open);
    d = smooth_subtract(d, groove, 1.5);
    let concha = ellipsoid(l, Vec3::new(6.5, -4.0, 3.5), Vec3::new(5.5, 8.5, 6.5));
    d = smooth_subtract(d, concha, 2.5);
    // The tragus, a small flap before the bowl.
    let tragus = ellipsoid(l, Vec3::new(2.5, -5.0, 12.5), Vec3::new(3.0, 4.5, 2.5));
    smooth_union(d, tragus, 1.5) * s.size
}

/// The cornea: a cap of this radius of curvature (mm) standing this far proud of the
/// eyeball's sphere at its apex [general knowledge: the cornea's radius is about 7.8 mm; it
/// meets the sclera at the limbus, about 6.4 mm off the axis here, just outside the iris].
/// On a plain sphere a lamp above the face mirrored about 4.5 mm above the iris's centre,
/// under the upper lid, and the eyes had no catchlight (practitioner review, stop 36); the
/// cornea's tighter curve brings it down onto the iris.
const CORNEA_RADIUS: f32 = 7.8;
const CORNEA_PROUD_MM: f32 = 1.5;

/// The eyeball with its cornea, for its mesh.
fn eye_sdf(p: Vec3, s: &Shape, sx: f32) -> f32 {
    let q = p / s.size - mirror(EYE_CENTRE, sx);
    let cornea_z = EYE_RADIUS + CORNEA_PROUD_MM - CORNEA_RADIUS;
    let cornea = (q - Vec3::new(0.0, 0.0, cornea_z)).length() - CORNEA_RADIUS;
    smooth_union(q.length() - EYE_RADIUS, cornea, 1.0) * s.size
}

/// The eyeball alone, for occlusion: the cornea's 1.5 mm changes no shadow.
fn ball_sdf(p: Vec3, s: &Shape, sx: f32) -> f32 {
    (p / s.size - mirror(EYE_CENTRE, sx)).length() * s.size - EYE_RADIUS * s.size
}

/// Everything solid, for ambient occlusion.
fn all_sdf(p: Vec3, s: &Shape) -> f32 {
    let mut d = head_sdf(p, s).min(body_sdf(p, s));
    for sx in [-1.0, 1.0] {
        d = d.min(ear_sdf(p, s, sx)).min(ball_sdf(p, s, sx));
    }
    d
}

/// What a mesh of the head is, so the scene can colour it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Skull, scalp, face and neck: the charted mesh.
    Face,
    Ear,
    Eye,
    /// Shoulders and the base of the neck.
    Body,
}

/// The head's geometry, independent of skin and hair, so it is built once per sex and size.
#[derive(Clone, Debug)]
pub struct Head {
    pub params: HeadParams,
    /// Meshes with neutral albedo (eyes are already coloured); `parts` says which is which.
    pub meshes: Vec<Mesh>,
    pub parts: Vec<Part>,
    /// Per face-mesh vertex: eyebrow and lip coverage, where a beard grows, and how flushed
    /// the skin runs (see [`flush_weight`]), 0..=1.
    pub brow: Vec<f32>,
    pub lip: Vec<f32>,
    pub beard: Vec<f32>,
    pub flush: Vec<f32>,
    /// The lips' red, over the face mesh's chart.
    pub lips: LipMap,
    /// Per mesh and vertex, the factor mottling takes the skin's colour by (see
    /// [`crate::look::skin::mottle`]): built with the head, once per sex and size, since
    /// evaluated at every preset change it cost about 10 ms of a rebuild in Chromium.
    pub mottle: Vec<Vec<Vec3>>,
    pub chart: ScalpChart,
    pub landmarks: Landmarks,
}

/// Skin highlight: a broad Blinn lobe, F0 0.028 (domain.md §7.3, "normal" scalp: roughness
/// 0.45 gives n ≈ 47, nearer 64 than 32 in ratio). At 32 a shaved scalp under the downlight
/// showed a broad glow and no shine (practitioner review, stop 10).
pub const SKIN_SURFACE: Surface = Surface {
    f0: 0.028,
    shininess_log2: 6,
    specular: 1.0,
    scatter: SKIN_SCATTER,
    relief: true,
    glint: SKIN_GLINT,
};

/// Share of skin's reflection in the sebum film's sharp lobe on normal skin (a dual-lobe
/// skin model, research/domain.md §7.3: highlights' high-frequency spread is what reads as
/// glossy). With the broad lobe alone the sun and the downlight drew a 5–7 cm glow on a
/// shaved scalp where a real one shows a tight 1–3 cm glint (practitioner review, stop
/// 15). [estimate]
pub const SKIN_GLINT: f32 = 0.25;

/// Shadowed skin stays warm instead of turning grey-olive: light that reaches it only from
/// around it has travelled further through it, and red travels furthest. Halved at stop 10:
/// at (1.12, 0.96, 0.84) the sun's shade under a blue sky read as orange mud (review).
/// [estimate, in the spirit of research/tech.md §3.4's per-channel wrap]
pub const SKIN_SCATTER: Vec3 = Vec3::new(1.06, 0.98, 0.92);
/// The wet cornea: a mirror's sharp highlight. At 2^8 and skin's weight (1), the keys'
/// weights, set for skin's rough sheen, left the catchlight a faint smudge under every preset;
/// at 2^10 and 1.5 the sun and the downlight put a bright point on the iris. Weighted 3 at
/// 2^8 instead, the room's reflection over the whole cornea greyed the iris from above.
/// [estimate, by eye]
/// The least of the open sky the white takes, however deep in the lids: light the lids
/// let through and the wet white scatters under them reaches it too. Occluded as skin, the
/// white read L* 62 against a forehead's 85, grey and dead (practitioner review, stop 40;
/// photographs: about 75–80); now 70.5. [estimate]
const EYE_AO_FLOOR: f32 = 0.5;
const EYE_SURFACE: Surface = Surface {
    f0: 0.05,
    shininess_log2: 10,
    specular: 1.5,
    scatter: Vec3::ONE,
    relief: false,
    glint: 0.0,
};

/// Seed of the skin's mottling: the head's own, not the consultation's.
const MOTTLE_SEED: u64 = 0x6d6f_7474_6c65;

/// The face mesh grid: an odd ring count gives the midline a ring of its own (the chart's
/// `s` axis); about 2 mm between vertices on the scalp.
const FACE_GRID: (usize, usize) = (151, 300);
/// The body mesh grid: about 8 mm between vertices over the shoulders, which are smooth;
/// its rings [`BODY_DENSE`] times as dense from its rays' polar angle (degrees off straight
/// up) where the neck starts to where it has flared into the shoulders. The neck, nearly
/// along the rays, took two rings 3 cm apart, whose normals, interpolated, lit the body's
/// neck under the downlight brighter than the head mesh's, in a patch below its cut.
const BODY_GRID: (usize, usize) = (61, 128);
const BODY_DENSE: (f32, f32, f32) = (10.0, 35.0, 3.0);

/// The body's ring at `u` (0..1): its polar angle (radians), see [`BODY_DENSE`].
fn body_ring(u: f32) -> f32 {
    let (a, b, dense) = BODY_DENSE;
    let s = u * (180.0 + (dense - 1.0) * (b - a));
    let deg = if s < a {
        s
    } else if s < a + dense * (b - a) {
        a + (s - a) / dense
    } else {
        s - (dense - 1.0) * (b - a)
    };
    deg.to_radians()
}
/// Centre of the face mesh's rays (unscaled mm): low and forward enough to see under the
/// brow and chin, inside the neck so the union stays star-shaped.
const FACE_CENTRE: Vec3 = Vec3::new(0.0, 3.0, -9.0);

impl Head {
    #[must_use]
    pub fn build(params: &HeadParams) -> Self {
        let s = Shape::of(params.sex);
        let k = params.scale;
        let scaled = move |f: &dyn Fn(Vec3) -> f32, p: Vec3| f(p / k) * k;
        let ao = |p: Vec3, n: Vec3| ambient_visibility(&|q| scaled(&|q| all_sdf(q, &s), q), p, n);
        let face_sdf = |p: Vec3| scaled(&|q| head_sdf(q, &s), p);

        let (rings, segments) = FACE_GRID;
        let mut face = mesh::radial_along(
            &face_sdf,
            FACE_CENTRE * k,
            [Vec3::X, Vec3::Y, Vec3::Z],
            mesh::Grid {
                rings,
                segments,
                reach: 340.0 * k,
            },
            &mouth_crease,
        );
        smooth_lid_creases(&mut face, segments, s.size * k);
        face.visibility = face
            .positions
            .iter()
            .zip(&face.normals)
            .map(|(&p, &n)| ao(p, n))
            .collect();
        let brow = face
            .positions
            .iter()
            .map(|&p| brow_weight(p / k, &s))
            .collect();
        let lip: Vec<f32> = face
            .positions
            .iter()
            .map(|&p| lip_weight(p / k, &s))
            .collect();
        // Beard and flush both stop where the lips begin.
        let off_lips = |weight: fn(Vec3, &Shape) -> f32| -> Vec<f32> {
            face.positions
                .iter()
                .zip(&lip)
                .map(|(&p, &l)| weight(p / k, &s) * (1.0 - l))
                .collect()
        };
        let (beard, flush) = (off_lips(beard_weight), off_lips(flush_weight));
        face.surface = SKIN_SURFACE;
        let glabella_seg = landmarks::glabella_segment(&face.positions, rings, segments, k);
        let chart = ScalpChart::new(
            &face.positions,
            &face.triangles,
            rings,
            segments,
            glabella_seg,
        );
        cut_neck(&mut face, &face_sdf, &ao, s.size * k);
        let lips = LipMap::bake(&chart, &face.positions, &face.triangles, k * s.size, &s);
        let mut meshes = vec![face];
        let mut parts = vec![Part::Face];

        for sx in [-1.0, 1.0] {
            let ear_fn = move |q: Vec3| ear_sdf(q, &s, sx);
            let mut ear = mesh::radial(
                &|p| scaled(&ear_fn, p),
                mirror(EAR_CENTRE, sx) * s.size * k,
                [Vec3::Y, Vec3::Z, Vec3::X * sx],
                mesh::Grid {
                    rings: EAR_GRID.0,
                    segments: EAR_GRID.1,
                    reach: 60.0 * k,
                },
            );
            ear.visibility = ear
                .positions
                .iter()
                .zip(&ear.normals)
                .map(|(&p, &n)| ao(p, n))
                .collect();
            ear.surface = SKIN_SURFACE;
            meshes.push(ear);
            parts.push(Part::Ear);

            let eye_fn = move |q: Vec3| eye_sdf(q, &s, sx);
            let centre = mirror(EYE_CENTRE, sx) * s.size * k;
            let mut eye = mesh::radial(
                &|p| scaled(&eye_fn, p),
                centre,
                [Vec3::Z, Vec3::X, Vec3::Y],
                mesh::Grid {
                    rings: EYE_GRID.0,
                    segments: EYE_GRID.1,
                    reach: 30.0 * k,
                },
            );
            eye.albedo = eye
                .positions
                .iter()
                .map(|&p| eye_albedo(p - centre, EYE_RADIUS * s.size * k))
                .collect();
            eye.visibility = eye
                .positions
                .iter()
                .zip(&eye.normals)
                .map(|(&p, &n)| EYE_AO_FLOOR + (1.0 - EYE_AO_FLOOR) * ao(p, n))
                .collect();
            eye.surface = EYE_SURFACE;
            meshes.push(eye);
            parts.push(Part::Eye);
        }
        let mut body = mesh::radial_dense(
            &|p| scaled(&|q| body_sdf(q, &s), p),
            BODY_CENTRE * s.size * k,
            [Vec3::Y, Vec3::Z, Vec3::X],
            mesh::Grid {
                rings: BODY_GRID.0,
                segments: BODY_GRID.1,
                reach: 260.0 * k,
            },
            &body_ring,
        );
        // Measured from the head mesh's skin, 0.3 mm out, so the two shade alike where they
        // meet (from its own surface the head's neck would count as an occluder).
        let lift = BODY_INSET * s.size * k;
        body.visibility = body
            .positions
            .iter()
            .zip(&body.normals)
            .map(|(&p, &n)| ao(p + n * lift, n))
            .collect();
        body.surface = SKIN_SURFACE;
        meshes.push(body);
        parts.push(Part::Body);
        let landmarks = Landmarks::find(&meshes, &parts, &chart, &face_sdf, k);
        let mottle = meshes
            .iter()
            .map(|m| {
                m.positions
                    .iter()
                    .map(|&p| crate::look::skin::mottle(MOTTLE_SEED, p))
                    .collect()
            })
            .collect();
        Self {
            params: *params,
            meshes,
            parts,
            brow,
            lip,
            beard,
            flush,
            lips,
            mottle,
            chart,
            landmarks,
        }
    }
}

/// Where an eyebrow grows: an arc over each socket, thicker at the inner end (unscaled
/// frame), its edges feathered as sparse hairs are (with the edge from 0.6 of the
/// half-height the brows read as painted bands, review, stop 11). 0..=1.
fn brow_weight(p: Vec3, s: &Shape) -> f32 {
    let q = p / s.size;
    if q.z < 50.0 {
        return 0.0;
    }
    let ax = q.x.abs();
    let (centre_y, half_h, t) = brow_arc(ax);
    let inside = 1.0 - smoothstep(0.3, 1.1, (q.y - centre_y).abs() / half_h);
    let span = smoothstep(12.0, 16.0, ax)
        * (1.0 - smoothstep(50.0, 54.0, ax))
        * (1.0 - BROW_TAIL_THIN * t);
    inside * span
}

/// How much sparser a brow grows at its tail than at its head. At 0.3 the tail, seen from
/// above where its hairs crowd together foreshortened, was a solid dark stroke past the eye,
/// "drawn with a marker" (practitioner review, stop 16); a brow thins to single hairs toward
/// its tail. [general knowledge, by eye]
const BROW_TAIL_THIN: f32 = 0.6;

/// The brow arc at `ax` mm from the midline (unscaled): its centre's height, half-height,
/// and how far along it is (0 at the inner end, 1 at the tail). About 8 mm tall at the
/// inner end and 4 mm at the tail where hairs show: at 6 and 3 the hair-drawn brows read as
/// thin pencil lines (practitioner review, stop 13; a man's brow is 8–12 mm tall).
/// [general knowledge, by eye]
fn brow_arc(ax: f32) -> (f32, f32, f32) {
    let t = ((ax - 14.0) / 38.0).clamp(0.0, 1.0);
    (BROW_INNER_Y + 5.0 * t - 7.0 * t * t, 5.8 - 3.0 * t, t)
}

/// Height of the eyebrows' inner ends (unscaled mm): the glabella's height.
const BROW_INNER_Y: f32 = 27.5;

/// How far an eyebrow's upper and lower hairs slant toward its centre line, as a rise per
/// unit run at the brow's edge. [general knowledge: the herringbone of a natural brow]
const BROW_HERRINGBONE: f32 = 0.25;

impl Head {
    /// How far `p` (head frame, mm) lies inside the lips' red (unscaled mm; negative
    /// outside).
    #[must_use]
    pub fn in_lips_mm(&self, p: Vec3) -> f32 {
        let s = Shape::of(self.params.sex);
        lips::inside(p / (self.params.scale * s.size), &s).0
    }

    /// Which way eyebrow hair lies at `p` (head frame, mm), in the x–y plane for the caller
    /// to lay along the skin: up and a little out at the inner end, then out along the arc,
    /// the upper hairs slanting down onto its centre line and the lower ones up.
    /// [general knowledge; research/domain.md has no eyebrow geometry]
    #[must_use]
    pub fn brow_heading(&self, p: Vec3) -> Vec3 {
        let s = Shape::of(self.params.sex);
        let q = p / (self.params.scale * s.size);
        let sx = if q.x < 0.0 { -1.0 } else { 1.0 };
        let (centre_y, half_h, t) = brow_arc(q.x.abs());
        let slope = (5.0 - 14.0 * t) / 38.0;
        let off = ((q.y - centre_y) / half_h).clamp(-1.0, 1.0);
        let along = Vec3::new(sx, slope - BROW_HERRINGBONE * off, 0.0).normalize();
        let inner = 1.0 - smoothstep(0.0, 0.3, t);
        (along * (1.0 - inner) + Vec3::new(0.35 * sx, 1.0, 0.0).normalize() * inner).normalize()
    }

    /// A point of a lid's free margin (head frame, mm) and the unit direction straight out
    /// of the eye there: `sx` −1 or 1 picks the eye, `upper` the lid, and `t` runs from the
    /// inner corner (0) to the outer (1). Where the lid shell meets the slit (see
    /// [`face_sdf`]), found by bisection; the slit's soft edge leaves it within a millimetre
    /// of the drawn margin.
    #[must_use]
    pub fn lid_margin(&self, sx: f32, upper: bool, t: f32) -> (Vec3, Vec3) {
        let s = Shape::of(self.params.sex);
        let r = EYE_RADIUS + LID_SHELL_MM;
        // On the shell only the lens in (x, y) opens the slit (the shell lies past its floor
        // and in front of the eye's centre). The lens is convex: the segment between its
        // corners lies inside it, and from there each margin lies straight up or down.
        let [(x0, y0), (x1, y1)] = SLIT_CORNERS;
        let u = PUNCTUM + (0.98 - PUNCTUM) * t;
        let (x, mid) = (x0 + (x1 - x0) * u, y0 + (y1 - y0) * u);
        let (mut lo, mut hi) = (mid, if upper { mid + 10.0 } else { mid - 10.0 });
        for _ in 0..20 {
            let m = 0.5 * (lo + hi);
            if slit_sdf(Vec3::new(x, m, r)) < 0.0 {
                lo = m
            } else {
                hi = m
            }
        }
        let z = (r * r - x * x - lo * lo).max(0.0).sqrt();
        // Mirrored so t runs outward on both sides.
        let local = Vec3::new(x * sx, lo, z);
        let scale = s.size * self.params.scale;
        ((mirror(EYE_CENTRE, sx) + local) * scale, local.normalize())
    }
}

/// Where the lips are, per vertex, for the beard and flush to stop at them: from 1 mm inside
/// the vermilion's border to 3 mm inside it, under the red the lips' layer draws over them.
/// Stopped from 1.5 mm outside instead (the vertices are about 2 mm apart there), the beard
/// left a pale ring round the mouth, and the lips read as a decal (review, stop 35); from the
/// border itself, a thinner ring still showed (stop 36). 0..=1.
fn lip_weight(p: Vec3, s: &Shape) -> f32 {
    smoothstep(1.0, 3.0, lips::inside(p / s.size, s).0)
}

/// How far the beard's cheek line rises per mm back from the mouth's corner: it meets the
/// sideburn at about the ear canal. Rising across the face instead, it ran level from the
/// nose to the ear in a side view, a grey band over the cheek. [estimate, by eye]
const BEARD_CHEEK_RISE: f32 = 0.75;

/// Where a man's beard grows (unscaled mm): the upper lip, chin and jaw, up the cheek along a
/// line from below the nose to the sideburn, down the neck to about 2 cm above the larynx,
/// in front of the ear canals. Shaved, it is the grey-blue cast that told a clean-shaven
/// dark-haired man from a mannequin (practitioner review, stop 10). [estimate: the usual
/// barber's beard lines; research/domain.md has no beard geometry]
fn beard_weight(p: Vec3, s: &Shape) -> f32 {
    let q = p / s.size;
    // The moustache up to the nose's base (from 7 mm lower, the upper lip read almost bare,
    // review stop 35); beside the mouth the cheek line, from the mouth's corner up to the
    // sideburn, fading over 14 mm (over 9 its edge read as a mask's, review stop 36). The
    // moustache's top drops to the cheek line over 16 mm out from the midline: over 8 its
    // edge was a vertical seam under the nostril (review, stop 37). Down the neck it fades
    // out 2 cm under the chin.
    let ax = q.x.abs();
    let corner = smoothstep(14.0, 30.0, ax);
    let cheek = -52.0 + BEARD_CHEEK_RISE * (80.0 - q.z);
    let top = (-29.0 + (-60.0 + 29.0) * corner).max(cheek).min(-5.0);
    (1.0 - smoothstep(top - 8.0, top + 6.0, q.y))
        * smoothstep(-126.0, -108.0, q.y)
        * smoothstep(-8.0, 8.0, q.z)
}

/// Where light skin runs pinker (unscaled mm): the nose's tip and wings, and the cheeks
/// over the cheekbones, where the skin is thin over dense small vessels. Drawn one colour,
/// the face read as a mannequin's (practitioner reviews, stops 10 and 11). [estimate: by
/// eye; research/domain.md has no facial colour map]
fn flush_weight(p: Vec3, s: &Shape) -> f32 {
    let q = p / s.size;
    if q.z < 40.0 {
        return 0.0;
    }
    let nose = 1.0 - smoothstep(6.0, 17.0, (q - s.nose_tip).length());
    let ax = q.x.abs();
    let (dx, dy) = (ax - 38.0, q.y + 22.0);
    // Broad and faint: a 44 mm patch at 0.7 read as rouge once flushed skin ran redder.
    let cheek = 0.55 * (1.0 - smoothstep(4.0, 30.0, (dx * dx + dy * dy).sqrt()));
    nose.max(cheek)
}

/// Sclera, iris and pupil on an eyeball looking straight ahead (+z). The iris is 11.3 mm
/// across and the pupil 4 mm, as in a lit room [general knowledge: an adult's visible iris
/// is 11–12 mm]. At 12 and 4.8 mm, with the mesh's vertex colours spreading the edge, it
/// read 13.5 mm, too large for the slit (practitioner review, stop 37).
fn eye_albedo(local: Vec3, radius: f32) -> Vec3 {
    let r = (local.x * local.x + local.y * local.y).sqrt() / radius;
    if local.z <= 0.0 || r > 0.47 {
        // A white, not a grey: at 0.70 it read grey under the lids (review, stop 15).
        Vec3::new(0.80, 0.77, 0.72)
    } else if r > 0.17 {
        Vec3::new(0.10, 0.055, 0.03)
    } else {
        Vec3::splat(0.01)
    }
}

/// Fraction of the hemisphere that is open, from SDF samples along the normal (0..=1).
fn ambient_visibility(f: &dyn Fn(Vec3) -> f32, p: Vec3, n: Vec3) -> f32 {
    let mut occ = 0.0;
    let mut w = 1.0;
    for h in [2.0, 5.0, 9.0, 14.0, 20.0] {
        occ += w * (h - f(p + n * h)).max(0.0) / h;
        w *= 0.75;
    }
    (1.0 - 0.45 * occ).clamp(0.15, 1.0)
}
#[cfg(test)]
mod tests {
    use super::*;

    /// How far forward the skin lies at (x, y) on the face (unscaled mm), marched in.
    fn front_z(s: &Shape, x: f32, y: f32) -> f32 {
        let mut z = 130.0;
        while head_sdf(Vec3::new(x, y, z) * s.size, s) > 0.0 {
            z -= 0.05;
        }
        z
    }

    /// [`SLIT_CORNERS`] are the lens's tips: open just inside them along the segment between,
    /// shut everywhere 0.05 mm beyond them.
    #[test]
    fn slit_corners_are_the_lens_tips() {
        let open = |x: f32, y: f32| slit_sdf(Vec3::new(x, y, 13.0)) < 0.0;
        let opens_at = |x: f32| (0..4000).any(|i| open(x, -10.0 + 0.005 * i as f32));
        let [a, b] = SLIT_CORNERS;
        let inside =
            |p: (f32, f32), q: (f32, f32)| (p.0 + 0.01 * (q.0 - p.0), p.1 + 0.01 * (q.1 - p.1));
        for (c, other, out) in [(a, b, -0.05), (b, a, 0.05)] {
            let (x, y) = inside(c, other);
            assert!(open(x, y), "shut just inside the corner {c:?}");
            assert!(!opens_at(c.0 + out), "opens beyond the corner {c:?}");
            assert!(opens_at(c.0 - out), "shut 0.05 mm inside the corner {c:?}");
        }
        // The outer corner within a millimetre of the globe's edge; the inner 2–4 mm past it
        // (the caruncle's recess), and the lashes begin over the globe.
        assert!(b.0 < EYE_RADIUS + 1.0, "{b:?}");
        assert!(
            (EYE_RADIUS + 2.0..EYE_RADIUS + 4.0).contains(&-a.0),
            "{a:?}"
        );
        let punctum = a.0 + (b.0 - a.0) * PUNCTUM;
        assert!(punctum.abs() < EYE_RADIUS, "the lashes begin at {punctum}");
    }

    /// Distance from the eye's centre to its surface along `dir` (unscaled mm), marched out.
    fn eye_reach(dir: Vec3) -> f32 {
        let s = Shape::of(Sex::Male);
        let c = mirror(EYE_CENTRE, 1.0);
        let mut r = 5.0;
        while eye_sdf(c + dir.normalize() * r, &s, 1.0) < 0.0 {
            r += 0.01;
        }
        r
    }

    /// The cornea stands proud at the front and meets the sclera just outside the iris, whose
    /// radius is 0.47 of the eyeball's (see `eye_albedo`).
    #[test]
    fn the_cornea_bulges_over_the_iris_alone() {
        let apex = eye_reach(Vec3::Z) - EYE_RADIUS;
        assert!((1.3..=1.7).contains(&apex), "apex {apex:.2} mm proud");
        // 40° off the axis, past the limbus (32°) and its fillet, the eyeball's own sphere.
        let side = eye_reach(Vec3::new(0.0, 0.643, 0.766)) - EYE_RADIUS;
        assert!(side.abs() < 0.1, "{side:.2} mm proud 40° off the axis");
    }

    /// Over the upper lip's skin the groove lies 0.7–2 mm behind its columns [general
    /// knowledge]: without them the lip was a plain slope (review, stop 36).
    #[test]
    fn the_philtrum_is_a_groove_between_columns() {
        for sex in [Sex::Male, Sex::Female] {
            let s = Shape::of(sex);
            for y in [MOUTH_Y + 12.0, MOUTH_Y + 16.0] {
                let groove = front_z(&s, 0.0, y);
                let column = front_z(&s, 4.5, y);
                let depth = column - groove;
                assert!(
                    (0.7..=2.0).contains(&depth),
                    "{sex:?} at y {y}: {depth:.2} mm"
                );
            }
        }
    }
}
