//! The full head of hair: where hair grows before any loss.
//!
//! Front: the hairline at `mfp` mm along the midline, a little further back toward the
//! frontotemporal corners. Sides: the temporal hairline runs down in front of the ear to the
//! sideburn; a hairless margin circles each ear; behind, the nape hairline sits at about jaw
//! height on the midline and rises behind the ears. Edges are sharp-ish (a few mm of fine
//! hairs) and wander slightly.

use super::{ramp, Ctx};
use crate::head::ScalpPoint;
use crate::math::smoothstep;

/// The hairless margin around an ear (mm, unscaled): over the helix, and behind the ear's
/// centre beyond its half-width. At 10 and 12 a shaved or clipped side wore a bare ring
/// about 1.5 cm wide round each ear, "a mask cut-out" (practitioner reviews, stops 14 and
/// 16), where hair grows to within a few millimetres of the ear's root. At 6 and 8 a #1 side
/// still wore a bare ring about a centimetre wide in side view (review, stop 36).
/// [estimate, by eye]
const EAR_MARGIN_MM: (f32, f32) = (4.0, 5.0);
/// How far the nape hairline sits above the nape landmark (mm, unscaled): with the narrower
/// ear margins it keeps the hair-bearing scalp within §4.1's 500–520 cm² (±5 %), under 546
/// (with the mature hairline at 78 mm from the glabella between the brows).
const NAPE_RAISE_MM: f32 = 7.0;
/// Width of native hairline edges (mm, unscaled): a narrow transition of fine hairs.
const NATIVE_EDGE: f32 = 5.0;
/// The temples', wider: vellus and fine hairs run a centimetre into the bare temple, and at
/// the front edge's 5 mm the #1 and #2 side hair stopped at a line like a wig's
/// (practitioner review, stop 35). [estimate, by eye]
const TEMPLE_EDGE: f32 = 9.0;
/// The nape's, wider.
const NAPE_EDGE: f32 = 10.0;
/// Most the nape line's two scales of wander move it (mm): the coarse wander's ±2.5 × 1.6
/// plus its own ±2.5.
const NAPE_RAGGED_MM: f32 = COARSE_WANDER_MM * 1.6 + 2.5;

/// The shape of a frontal hairline: natural, or as an SMP practitioner draws it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HairlineShape {
    /// Mid-frontal point, mm along the midline from the glabella (scaled).
    pub mfp: f32,
    /// Width of the density ramp across the front line and along the temples (mm).
    pub front_edge: f32,
    pub temple_edge: f32,
    /// Scale of the line's irregular wander (1 = a natural hairline, about ±2.5 mm).
    pub wander: f32,
    /// Depth of a widow's peak (mm the midline dips toward the brow), 0 for none.
    pub widows_peak: f32,
    /// How far (mm) the line curves back at the frontotemporal corners (45 mm out).
    pub corner: f32,
    /// Ruler-straight: no curve back toward the corners.
    pub straight: bool,
}

impl HairlineShape {
    /// A natural hairline at `mfp`.
    #[must_use]
    pub fn natural(mfp: f32) -> Self {
        Self {
            mfp,
            front_edge: NATIVE_EDGE,
            temple_edge: TEMPLE_EDGE,
            wander: 1.0,
            widows_peak: 0.0,
            corner: NATIVE_CORNER,
            straight: false,
        }
    }
}

/// A native hairline's curve back to its corners (mm): a juvenile line, nearly straight; the
/// patterns recede the temples themselves.
pub const NATIVE_CORNER: f32 = 3.0;

/// How far a front line's fine jags wander either way (mm), and how far out (in 45 mm) its
/// curve back toward the corners keeps going. [estimate, by eye]
const FINE_WANDER_MM: f32 = 1.3;
/// Distance from the line (mm) beyond which nothing reads its jags: every ramp, boost and
/// stray zone drawn about it is narrower.
const FINE_REACH_MM: f32 = 30.0;
const CORNER_REACH: f32 = 1.35;

/// Native hair presence at q for a head whose midline hairline is at `mfp` (mm).
pub(super) fn native(q: &ScalpPoint, c: &Ctx, mfp: f32) -> f32 {
    shaped(q, c, &HairlineShape::natural(mfp))
}

/// Signed distance (mm) of q behind the front hairline of `h` (negative: ahead of it, on
/// the forehead), with the line's wander; meaningful within the frontotemporal corners.
pub(super) fn behind_front_line(q: &ScalpPoint, c: &Ctx, h: &HairlineShape) -> f32 {
    front_line(q, c, h, coarse_wander(q, c))
}

/// The hairlines' wander over centimetres at q, ±2.5 mm at full strength (shared by the
/// front, temple and sideburn lines, so their corners meet).
fn coarse_wander(q: &ScalpPoint, c: &Ctx) -> f32 {
    c.noise.channel(1).at(q.s, q.t, 14.0 * c.k) * COARSE_WANDER_MM
}

/// The most [`coarse_wander`] moves a line either way (mm).
const COARSE_WANDER_MM: f32 = 2.5;

/// [`behind_front_line`] given q's [`coarse_wander`].
fn front_line(q: &ScalpPoint, c: &Ctx, h: &HairlineShape, coarse: f32) -> f32 {
    front_line_from(front_line_bare(q, c, h), q, c, h, coarse)
}

/// How far (mm) q is behind the front line of `h` before any wander.
fn front_line_bare(q: &ScalpPoint, c: &Ctx, h: &HairlineShape) -> f32 {
    let k = c.k;
    // Past 45 mm out the line keeps curving back into the frontotemporal corner: held level
    // there, it met the temple line at a square corner, a boxed-in hairline (review, stop 15).
    let tn = (q.t / (45.0 * k)).clamp(-CORNER_REACH, CORNER_REACH);
    // The line curves back a little toward the corners; a widow's peak dips at the midline.
    let curve = if h.straight { 0.0 } else { h.corner * tn * tn };
    let peak = h.widows_peak * (1.0 - (q.t.abs() / (12.0 * k)).min(1.0));
    q.s / k - (h.mfp / k + curve - peak / k)
}

/// [`front_line`] from its [`front_line_bare`] distance.
fn front_line_from(bare: f32, q: &ScalpPoint, c: &Ctx, h: &HairlineShape, coarse: f32) -> f32 {
    let k = c.k;
    let behind = bare + coarse * h.wander;
    // Two scales: mounds and recesses over centimetres, and the few-millimetre jags of
    // single hairs and small clusters (research/domain.md §5.6, macro- and
    // micro-irregularity). With the first alone a drawn line ran straight within ±1.5 mm
    // across 7 cm (practitioner review, stop 15). The jags matter only near the line, and
    // looked up everywhere they made a pattern change a sixth dearer.
    if behind.abs() < FINE_REACH_MM {
        behind + c.noise.channel(6).at(q.s, q.t, 4.5 * k) * (FINE_WANDER_MM * h.wander)
    } else {
        behind
    }
}

/// Hair presence at q for a full head with the frontal hairline `h`.
pub(super) fn shaped(q: &ScalpPoint, c: &Ctx, h: &HairlineShape) -> f32 {
    let k = c.k;
    let p = q.p / k; // unscaled millimetres from here on
    let edge = NATIVE_EDGE;

    // Past the frontotemporal corner the temple line takes over (meridians there run down
    // the side of the head, where s no longer means "how far back").
    let corner = smoothstep(55.0, 80.0, q.t.abs() / k);
    // Temples: lateral to the corner, hair lies behind a line running down and back to the
    // sideburn (about 2.5–3 cm in front of the ear at eye level).
    // Below the brows the line holds at any width: the cheeks under the outer eye (|x| about
    // 50) are face, however close to the midline they sit.
    let lateral = smoothstep(40.0, 56.0, p.x.abs()).max(1.0 - smoothstep(20.0, 35.0, p.y));
    let temple_z = 22.0 + 0.42 * (p.y + 12.0) + temple_peak(p.y);
    // Sideburn bottom in front of the ear; the nape behind it.
    let in_front = smoothstep(-6.0, 6.0, p.z);
    let behind = 1.0 - in_front;
    let xr = (p.x / 62.0).min(1.0);
    let nape_y = c.lm.nape.y / k + NAPE_RAISE_MM + 20.0 * xr * xr;

    // Every edge's ramp is exactly 0 or 1 more than its wander's reach from its line, so the
    // wander's noise is looked up only where some edge is that near (over the crown and top
    // none is: a pattern change, budget scene, 550 → 396 M instructions with the nape's
    // test below).
    let near = |d: f32, width: f32, reach: f32| d.abs() <= 0.5 * width + reach + 1.0;
    let bare = front_line_bare(q, c, h);
    let nape_near = behind > 0.0 && p.y - nape_y < 0.5 * NAPE_EDGE + NAPE_RAGGED_MM + 1.0;
    let wander = if (corner < 1.0
        && near(
            bare,
            h.front_edge,
            (COARSE_WANDER_MM + FINE_WANDER_MM) * h.wander,
        ))
        || (lateral > 0.0 && near(temple_z - p.z, h.temple_edge, COARSE_WANDER_MM * h.wander))
        || (in_front > 0.0 && near(p.y + 4.0, edge, COARSE_WANDER_MM))
        || nape_near
    {
        coarse_wander(q, c)
    } else {
        0.0
    };

    let front = if corner < 1.0 {
        1.0 - (1.0 - ramp(front_line_from(bare, q, c, h, wander), h.front_edge)) * (1.0 - corner)
    } else {
        1.0
    };
    let temple = 1.0 - lateral * (1.0 - ramp(temple_z - p.z + wander * h.wander, h.temple_edge));
    let sideburn = 1.0 - in_front * (1.0 - ramp(p.y + 4.0 + wander, edge));

    // Nape: low on the midline, rising behind the ears. It wanders more than the front line,
    // at two scales, and fades over a wider band of fine hairs: drawn like the front, it was
    // a smooth helmet edge from behind (practitioner review, stop 10). [estimate, by eye]
    // Its own noise, too, only where it can move the ramp.
    let nape = if nape_near {
        let ragged = wander * 1.6 + c.noise.channel(5).at(q.s, q.t, 4.0 * k) * 2.5;
        1.0 - behind * (1.0 - ramp(p.y - nape_y + ragged, NAPE_EDGE))
    } else {
        1.0
    };

    // A hairless margin around each ear.
    let lm = &c.lm;
    let ear = if p.x.abs() > 45.0 {
        let e = if p.x > 0.0 {
            lm.ear_centre[0]
        } else {
            lm.ear_centre[1]
        } / k;
        let top = if p.x > 0.0 {
            lm.ear_top[0]
        } else {
            lm.ear_top[1]
        } / k;
        let half_h = top.y - e.y;
        let dy = (p.y - e.y) / (half_h + EAR_MARGIN_MM.0);
        // Narrow in front, where the sideburn meets the tragus.
        let margin = if p.z > e.z { 2.0 } else { EAR_MARGIN_MM.1 };
        let dz = (p.z - e.z) / (half_h * 0.55 + margin);
        ramp((dy * dy + dz * dz).sqrt() - 1.0, 0.15)
    } else {
        1.0
    };
    // Where two edges' ramps overlap (the frontotemporal corner) their tails multiply into a
    // few per cent of hair far out on the forehead: strays no hairline has. Drop such tails.
    let v = front * temple * sideburn * nape * ear;
    v * smoothstep(TAIL.0, TAIL.1, v)
}

/// The temporal peak: the temple line juts forward to a point at about brow-top height,
/// with the frontotemporal recess behind it above (research/domain.md §5.6: "temporal
/// peaks", "do not flatten or fill" the angle). Without it the line ran straight down and
/// back to the sideburn, the look of a receded or badly restored temple (practitioner
/// review, stop 11). Returns how far forward (mm, +z) the line moves at height y.
fn temple_peak(y: f32) -> f32 {
    let (y0, half) = TEMPLE_PEAK_Y;
    let peak = TEMPLE_PEAK_MM * (1.0 - ((y - y0).abs() / half).min(1.0));
    let recess = TEMPLE_RECESS_MM * smoothstep(y0 + 4.0, y0 + 26.0, y);
    peak - recess
}

/// Temporal peak: how far forward of the straight temple line its point reaches (mm), and
/// its height and half-height (mm, unscaled: about the top of the brow, eye centre y 11,
/// brow y 28). [estimate, from side-view photographs: the point sits about a third of the
/// way from the lateral canthus back to the ear] 8 mm over a 15 mm half-height read as a
/// bulge, not a point, in the side view (practitioner review, stop 37); 11 over 11 points.
const TEMPLE_PEAK_MM: f32 = 11.0;
const TEMPLE_PEAK_Y: (f32, f32) = (40.0, 11.0);
/// How far the line steps back above the peak, into the frontotemporal recess (mm).
const TEMPLE_RECESS_MM: f32 = 7.0;

/// Presence below which the field fades to none (fractions of full density).
const TAIL: (f32, f32) = (0.02, 0.06);
