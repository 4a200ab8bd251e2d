//! Long hair combed from a centre part: polylines lying on the scalp, then falling free.
//!
//! Each hair leaves its root away from the midline part (the side of its root; roots on the
//! part pick a side at random), drifts back toward the nape behind the vertex, and follows
//! the scalp through the chart, rising off the skin as hair from higher up piles over it.
//! Where the scalp turns to face the floor, the hair reaches bare skin, or the comb's way
//! climbs round the ear, it leaves the scalp and hangs: bending toward the floor, sliding
//! over the ears, neck and shoulders (the head's [hull](crate::head::Head::hull)), to a
//! one-length cut at the shoulders.
//! Drawn only on the scalp, down to the ears, long hair read as a skullcap (stops 20–26).
//! Only geometry in mm: the renderer decides what covers what.

use super::LONG_SEGMENT_MM;
use crate::head::{Landmarks, ScalpChart, ScalpPoint};
use crate::math::normalize_or;
use glam::Vec3;

/// Height of the hair above the skin at the root (mm), its growth per mm along the hair, and
/// its most: hair from higher up lies over hair from lower down, a centimetre of mass over
/// the ears and nape. [estimate, by eye against photographs of shoulder-length hair]
const LIFT_ROOT_MM: f32 = 0.15;
const LIFT_PER_MM: f32 = 0.06;
pub const LIFT_MAX_MM: f32 = 12.0;

/// A hair leaves the scalp where the skin under it faces this far toward the floor (the
/// radial direction's downward share): below the skull's widest, hair falls free of it.
const LEAVE_BELOW: f32 = -0.1;

/// How far each segment of a hanging hair turns toward the floor, as a share of its length:
/// within about three segments a hair leaving the scalp sideways hangs nearly plumb.
/// [estimate: long hair is limp at this scale]
const GRAVITY: f32 = 0.45;

/// Hair hanging in front of this plane (head frame, mm: the ears' front edge; both sexes'
/// ears span z −29…6 mm) is combed back to it, turning back this much a segment from 20 mm
/// in front of it: hair left to fall from the temples hung across the cheeks in stray
/// lines. Behind the ear's middle (−15 mm, stops 20–30) the tuck held the hair over the
/// ear back too, and the ear showed through the few strands left crossing it.
const TUCK_BEHIND_Z_MM: f32 = 5.0;
const TUCK: f32 = 0.6;

/// Over the ear, within this far of its middle front to back (mm), fading out over the next
/// two distances in front and behind, hair is combed down the side instead of back, and
/// leaves the scalp at the hairline's arch over the ear to fall over it. Combed back like
/// the rest of the side it went round the ear, and from the side the ear showed pink
/// through the temples' hair alone: 71 % of its outline was hidden (female), 98 % now (see
/// the tests). Faded in over 10 mm in front, hair turned down 60° within a segment there.
const OVER_EAR_MM: (f32, f32, f32) = (15.0, 16.0, 10.0);

/// Hair reaching bare skin in front of this plane (head frame, mm) is combed back along the
/// hairline, except over the ear ([`OVER_EAR_MM`]), where it falls: combed along the arch
/// of the hairline there, 12 % of the ear's outline showed from the side, not 2 %.
const HAIRLINE_BACK_Z_MM: f32 = -15.0;

/// Nearer the midline than this (mm), or outside these heights, the hull is the skull
/// itself, so hair on the scalp there need not be tested against it (the hull's ears and
/// their blend lie within).
const HULL_FROM_X_MM: f32 = 50.0;
const EAR_ZONE_Y_MM: (f32, f32) = (-45.0, 75.0);

/// A hanging hair's segments are this many times [`LONG_SEGMENT_MM`]: it runs nearly
/// straight, and two-thirds of the segments are less work laying and drawing it.
pub const HANG_SEGMENTS: f32 = 1.5;

/// Most a hair combed over the scalp climbs a segment, as a share of it. Round the ears and
/// at the front corners of the top it climbs more, and falls from there; kept to the ears,
/// the corners' hair lay back over the temples so thin they showed pale.
const CLIMB: f32 = 0.15;

/// Most first-order steps [`Comb::clear`] takes out of the hull, and how short of its gap
/// it may stop (mm).
const CLEAR_STEPS: usize = 3;
const CLEAR_SLACK_MM: f32 = 0.25;

/// How one hair is laid: the head it lies on, and where its length stops.
pub struct Comb<'a> {
    pub chart: &'a ScalpChart,
    pub landmarks: &'a Landmarks,
    /// Signed distance (mm) from what the hair rests on and hangs round.
    pub hull: &'a dyn Fn(Vec3) -> f32,
    /// Where no hair grows: a hair reaching bare skin leaves the scalp there.
    pub bare: &'a dyn Fn(&ScalpPoint) -> bool,
    /// The head scale.
    pub k: f32,
}

/// One long hair to lay.
pub struct LongHair {
    /// Chart coordinates of the root (mm).
    pub st: [f32; 2],
    /// Which side of the part it is combed to: +1 toward the client's left, −1 right.
    pub side: f32,
    /// How far its heading over the scalp strays from the comb's (radians, small): combed
    /// hairs are not parallel, and all alike they drew the head's sheen as one smooth band.
    pub swerve: f32,
    /// Longest it runs (unscaled mm).
    pub reach_mm: f32,
    /// Hanging, it ends below this height (head frame, mm).
    pub end_y: f32,
}

/// A laid hair: its points, the first `on_scalp` of them lying on the scalp.
pub struct Laid {
    pub points: Vec<Vec3>,
    pub on_scalp: usize,
}

impl Laid {
    /// How far along the hair (in [`LONG_SEGMENT_MM`] segments of reach) segment `i` ends.
    #[must_use]
    pub fn reach_at(&self, i: usize) -> f32 {
        if i + 1 < self.on_scalp {
            (i + 1) as f32
        } else {
            (self.on_scalp - 1) as f32 + (i + 2 - self.on_scalp) as f32 * HANG_SEGMENTS
        }
    }
}

impl Comb<'_> {
    /// Points of one hair laid as `hair` says.
    #[must_use]
    pub fn lay(&self, hair: &LongHair) -> Laid {
        let k = self.k;
        let (front, back) = (self.landmarks.vertex_st[0], self.landmarks.whorl_st[0]);
        let steps = (hair.reach_mm / LONG_SEGMENT_MM) as usize;
        let seg = LONG_SEGMENT_MM * k;
        // By segments of [`LONG_SEGMENT_MM`] from the root.
        let lift = |along: f32| {
            (LIFT_ROOT_MM + LIFT_PER_MM * along * LONG_SEGMENT_MM).min(LIFT_MAX_MM) * k
        };
        let mut points: Vec<Vec3> = Vec::with_capacity(steps + 1);
        let haired = |s: f32, t: f32| self.chart.point(s, t).filter(|q| !(self.bare)(q));
        let [mut s, mut t] = hair.st;
        let Some(mut q) = self.chart.point(s, t) else {
            return Laid {
                points,
                on_scalp: 0,
            };
        };
        // Where the comb was taking the hair when it left the scalp (see below).
        let mut aim = None;
        loop {
            // The head frame's origin lies between the ear canals: its radial direction
            // stands in for the skin normal, which is all a lift of a few millimetres needs.
            let up = normalize_or(q.p - Vec3::new(0.0, 0.0, 5.0 * k), Vec3::Y);
            let mut p = q.p + up * lift(points.len() as f32);
            // Over the sides the hull stands off the skin round the ears.
            // Pushed out along the skin's normal: the hull's own gradient is four more samples.
            if self.by_ear(p) {
                p += up * (lift(points.len() as f32) - (self.hull)(p)).max(0.0);
            }
            points.push(p);
            if points.len() > steps {
                let on_scalp = points.len();
                return Laid { points, on_scalp };
            }
            if up.y < LEAVE_BELOW {
                break;
            }
            // Sideways over the top; toward the back down the sides (hair is swept back
            // from the temples, not across them) but down over the ear ([`OVER_EAR_MM`]);
            // from the vertex to the whorl, down the back.
            let w = ((s - front) / (back - front).max(1.0)).clamp(0.0, 1.0);
            let over = self.over_ear(q.p);
            let sweep = ((t.abs() / k - 30.0) / 35.0).clamp(0.0, 1.0) * 0.9 * (1.0 - over);
            let back_share = w.max(sweep);
            let (ds, dt) = (0.15 + 0.85 * back_share, hair.side * (1.0 - back_share));
            let (ds, dt) = (ds - hair.swerve * dt, dt + hair.swerve * ds);
            let n = (ds * ds + dt * dt).sqrt();
            let (ns, nt) = (s + seg * ds / n, t + seg * dt / n);
            let next = match haired(ns, nt) {
                // Round the ear canal's pole, where the chart's meridians close in, the comb's
                // way back climbs round the pole: followed, it curled up over the ears in
                // loops. The hair leaves the scalp there instead, and is combed back above
                // the ear before it falls (see [`CLIMB`]).
                Some(next) if next.p.y > q.p.y + CLIMB * seg => None,
                Some(next) => Some((ns, nt, next)),
                // In front of the ear, hair reaching the hairline is combed back along it,
                // over the ear, or ends under the hair above it: left to fall from the
                // temples it hung across the cheeks in stray lines. Over the ear, from the
                // hairline's arch round it, it falls.
                None if q.p.z > HAIRLINE_BACK_Z_MM * k && over < 0.5 => match haired(s + seg, t) {
                    Some(next) => Some((s + seg, t, next)),
                    None => {
                        let on_scalp = points.len();
                        return Laid { points, on_scalp };
                    }
                },
                None => None,
            };
            let Some((ns, nt, next)) = next else {
                aim = self.chart.point(ns, nt).map(|n| n.p - q.p);
                break;
            };
            (s, t, q) = (ns, nt, next);
        }
        let on_scalp = points.len();
        // Leaving the scalp it goes on the comb's way, but does not climb on. From the last
        // segment on the scalp, hair leaving at its root (the temples' climb round the ear)
        // started plumb and hung over the temple's skin in thin kinked strands.
        let mut heading = match (&points[..], aim) {
            ([.., a, b], _) => normalize_or((*b - *a).with_y((b.y - a.y).min(0.0)), Vec3::NEG_Y),
            (_, Some(d)) => normalize_or(d.with_y(d.y.min(0.0)), Vec3::NEG_Y),
            _ => Vec3::NEG_Y,
        };
        // Hanging, a segment stands for [`HANG_SEGMENTS`] of the reach (counted in scalp
        // segments from the root), so a shorter reach lays a prefix of a longer one.
        let mut along = (points.len() - 1) as f32;
        while along + HANG_SEGMENTS <= steps as f32 {
            along += HANG_SEGMENTS;
            let last = points[points.len() - 1];
            if last.y < hair.end_y {
                break;
            }
            // Still in front of the ear, the hair is combed back over it, held up till it is
            // past it (falling as it went back, it hung across the temple in thin strands).
            let ahead = ((last.z - TUCK_BEHIND_Z_MM * k).max(0.0) / (20.0 * k)).min(1.0);
            let pull = Vec3::NEG_Y * (GRAVITY * (1.0 - ahead)) + Vec3::NEG_Z * (TUCK * ahead);
            // Nor does it stand out from the head (the hull holds it off the skin), climb
            // where the hull pushes it up, or run forward over the face.
            let heading_in = if ahead > 0.0 {
                heading
                    .with_x(heading.x * (1.0 - 0.8 * ahead))
                    .with_y(heading.y.min(0.0))
                    .with_z(heading.z.min(0.0))
            } else {
                heading
            };
            heading = normalize_or(heading_in + pull, Vec3::NEG_Y);
            let (p, normal) = self.clear(last + heading * (seg * HANG_SEGMENTS), lift(along));
            // Pushed out of the hull, it goes on along it, not off it: keeping the push, hair
            // falling onto the top of the ear shot out sideways, 25 mm clear of it.
            let step = p - last;
            let off = normal.map_or(0.0, |n| step.dot(n).max(0.0));
            heading = normalize_or(step - normal.unwrap_or(Vec3::ZERO) * off, heading);
            points.push(p);
        }
        Laid { points, on_scalp }
    }

    /// How far `p` lies over the ear, front to back: 1 within [`OVER_EAR_MM`]`.0` of its
    /// middle, fading to 0 over `.1` more in front and `.2` behind.
    fn over_ear(&self, p: Vec3) -> f32 {
        let off = p.z - self.landmarks.ear_centre[0].z;
        let soft = if off > 0.0 {
            OVER_EAR_MM.1
        } else {
            OVER_EAR_MM.2
        } * self.k;
        ((OVER_EAR_MM.0 * self.k + soft - off.abs()) / soft).clamp(0.0, 1.0)
    }

    /// Whether `p` lies over the side of the head by the ear, where the hull stands off the
    /// skin round it.
    fn by_ear(&self, p: Vec3) -> bool {
        let k = self.k;
        p.x.abs() > HULL_FROM_X_MM * k && (EAR_ZONE_Y_MM.0 * k..EAR_ZONE_Y_MM.1 * k).contains(&p.y)
    }

    /// `p` pushed out of the hull until it stands `gap` mm clear of it, by up to
    /// [`CLEAR_STEPS`] first-order steps, and the hull's normal it was last pushed along:
    /// round the ears' blend the hull is not a true distance, and one step left hair combed
    /// back from the sideburns inside the tragus.
    fn clear(&self, mut p: Vec3, gap: f32) -> (Vec3, Option<Vec3>) {
        let mut normal = None;
        for _ in 0..CLEAR_STEPS {
            let d = (self.hull)(p);
            if d >= gap - CLEAR_SLACK_MM * self.k {
                break;
            }
            // The gradient by forward differences from `d`.
            let h = 0.5 * self.k;
            let g = Vec3::new(
                (self.hull)(p + Vec3::X * h),
                (self.hull)(p + Vec3::Y * h),
                (self.hull)(p + Vec3::Z * h),
            ) - Vec3::splat(d);
            let n = normalize_or(g, Vec3::Y);
            p += n * (gap - d);
            normal = Some(n);
        }
        (p, normal)
    }
}
