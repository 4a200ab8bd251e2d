//! Norwood–Hamilton stages I–VII with the type-A variants (research/domain.md §1.1–1.2).
//!
//! Each stage is a few numbers (midline hairline, temple apex, crown patch, bridge, fringe
//! heights) read from the §1.2 modelling table, combined by one rule set: the front recedes
//! to a line `S_f(t)` (an "M" for the classic stages, one piece for type A), a crown disc is
//! bald around the whorl, and from stage V on the top is bald above a horseshoe fringe whose
//! height is measured from the ear tops. A bridge band keeps partial density (IV, V).

use super::preset::Preset::{self, *};
use super::{ramp, Ctx};
use crate::head::sdf::smooth_union;
use crate::head::ScalpPoint;
use crate::math::smoothstep;

/// Chart distance of the temple recession apex from the midline (mm, unscaled): above the
/// lateral canthus, where the frontotemporal angle sits (§1.2 realism cues).
const TEMPLE_T: f32 = 45.0;

/// One stage as numbers (mm along the chart, unscaled; densities 0..=1).
#[derive(Clone, Copy, Debug)]
struct Stage {
    /// Midline hairline, s.
    mfp: f32,
    /// s of the front line at the temple apex (t = ±TEMPLE_T); equal to `mfp` for type A.
    temple_s: f32,
    /// Type A: the front recedes as one piece (no temple notch, no forelock island).
    one_piece: bool,
    /// Density left in the mid-frontal island between the temples (1 = untouched).
    forelock: f32,
    /// Crown patch diameter centred on the whorl (0 = none).
    crown: f32,
    /// Bridge band: centre s, width, density.
    bridge: Option<(f32, f32, f32)>,
    /// Thinning zone depth behind the front line (IVa) and its density.
    behind: (f32, f32),
    /// Horseshoe: bald above a fringe this high over the ear-top line (sides, back), from
    /// `top_from` s back to where the fringe rises above the head; `None` before stage V.
    fringe: Option<(f32, f32)>,
    /// The front bald zone ends here (s) laterally limited by the fringe, for V.
    top_to: f32,
    /// How far the fringe in front of the ear drops (VII: the pre-auricular hairline retreats
    /// back and down, §1.1).
    pre_auricular: f32,
}

const fn stage(mfp: f32, temple_s: f32) -> Stage {
    Stage {
        mfp,
        temple_s,
        one_piece: false,
        forelock: 1.0,
        crown: 0.0,
        bridge: None,
        behind: (0.0, 1.0),
        fringe: None,
        top_to: 0.0,
        pre_auricular: 0.0,
    }
}

fn stage_of(p: Preset, whorl_s: f32) -> Stage {
    let one = |mfp: f32| Stage {
        one_piece: true,
        ..stage(mfp, mfp)
    };
    match p {
        // I: juvenile hairline on the brow crease, barely any temple recession.
        Norwood1 => stage(60.0, 60.0),
        // II: mature hairline, triangular temple recessions 1–2.5 cm.
        Norwood2 => stage(75.0, 97.0),
        Norwood2a => one(90.0),
        // III: deep "M", apex behind the 2-cm-pre-EAM line; forelock persists. (80 and 136
        // from a glabella 9 mm up the forehead put the apex 23 mm before the EAM line.)
        Norwood3 => Stage {
            forelock: 0.85,
            ..stage(84.0, 142.0)
        },
        Norwood3Vertex => Stage {
            crown: 52.0,
            ..stage(78.0, 108.0)
        },
        Norwood3a => one(118.0),
        // IV: deeper temples, sparse forelock, crown 6–9 cm, a moderately dense bridge.
        Norwood4 => Stage {
            forelock: 0.6,
            crown: 76.0,
            bridge: Some((whorl_s - 55.0, 34.0, 0.65)),
            ..stage(88.0, 158.0)
        },
        // IVa: the front has passed the EAM line; thinning 1–2 cm behind the edge.
        Norwood4a => Stage {
            behind: (18.0, 0.6),
            ..one(158.0)
        },
        // V: front bald to s ≈ 12–14 cm, crown 9–12 cm, a narrow sparse bridge (1–2.5 cm:
        // at 30 mm wide it measured 30 mm, and under #2 hair stood up as a dense horn
        // between the bald areas; practitioner review, stop 13).
        Norwood5 => Stage {
            crown: 98.0,
            bridge: Some((whorl_s - 59.0, 22.0, 0.35)),
            fringe: Some((70.0, 76.0)),
            top_to: whorl_s - 66.0,

            forelock: 0.2,
            ..stage(95.0, 132.0)
        },
        // Va: bald from the front through the crown.
        Norwood5a => Stage {
            fringe: Some((58.0, 66.0)),
            top_to: whorl_s + 42.0,
            ..one(100.0)
        },
        // VI: one bald area from s ≈ 8 to s ≈ 25 cm; side fringe top 4–6 cm above the ears.
        Norwood6 => Stage {
            fringe: Some((48.0, 52.0)),
            top_to: 400.0,
            ..one(82.0)
        },
        // VII: only a horseshoe: back 3 cm, sides about 2 cm above the ear-top line.
        Norwood7 => Stage {
            fringe: Some((27.0, 38.0)),
            top_to: 400.0,
            ..one(82.0)
        },
        _ => unreachable!("not a Norwood preset"),
    }
}

/// Radius (mm) over which the V front bald area's rear edge turns into the fringe's top.
/// [estimate, by eye]
const TOP_CORNER_MM: f32 = 20.0;

/// The horseshoe's top thins over this many times the pattern's edge ramp (§1.2 realism
/// cues: a 1–2 cm fringe of miniaturised hairs). Hairs in a ramp are also shorter, finer and
/// lighter, so over the 15 mm ramp alone the hair's shade fell from 90 to 10 % of full in
/// 4.7 mm, and under #1 and #2 the fringe stood to a hard upper edge (practitioner review,
/// stop 33); over twice that, in 9.5 mm. Centred on the same line, it keeps the fringe heights
/// measured at half density: widened downward only, it lowered them 8 mm.
const FRINGE_SOFT: f32 = 2.0;

pub(super) fn is_norwood(p: Preset) -> bool {
    matches!(
        p,
        Norwood1
            | Norwood2
            | Norwood2a
            | Norwood3
            | Norwood3a
            | Norwood3Vertex
            | Norwood4
            | Norwood4a
            | Norwood5
            | Norwood5a
            | Norwood6
            | Norwood7
    )
}

/// The juvenile (Norwood I) hairline, mm.
pub(super) fn juvenile_mfp(c: &Ctx) -> f32 {
    stage_of(Norwood1, 0.0).mfp * c.k
}

/// Retained density and miniaturisation at q for Norwood preset `p`.
pub(super) fn retained(p: Preset, q: &ScalpPoint, c: &Ctx) -> (f32, f32) {
    let k = c.k;
    let whorl = c.lm.whorl_st;
    let st = stage_of(p, whorl[0] / k);
    let (s, t) = (q.s / k, q.t / k);
    let edge = c.edge / k;
    let wander = c.wander(q, 4.0) / k;

    // Front line: an "M" (notches at ±TEMPLE_T, returning forward down the temples), or one
    // gently convex piece for type A.
    let at = t.abs();
    let notch = if st.one_piece {
        0.0
    } else {
        smoothstep(12.0, TEMPLE_T, at) * (1.0 - smoothstep(TEMPLE_T + 4.0, TEMPLE_T + 34.0, at))
    };
    let depth = (st.temple_s - st.mfp) * c.side(q);
    let convex = if st.one_piece {
        10.0 * (at / 60.0) * (at / 60.0)
    } else {
        0.0
    };
    let front_line = st.mfp + depth * notch + convex;
    // Beyond the temple the side hair is governed by the fringe (V–VII) or untouched.
    let lateral = smoothstep(TEMPLE_T + 10.0, TEMPLE_T + 40.0, at);
    let mut keep = 1.0 - (1.0 - ramp(s - front_line + wander, edge)) * (1.0 - lateral);

    // The forelock island between the notches.
    if st.forelock < 1.0 {
        let island = (1.0 - ramp(at - 22.0, 14.0)) * (1.0 - ramp(s - st.temple_s, edge));
        keep *= 1.0 - island * (1.0 - st.forelock);
    }
    // Thinning behind a type-A edge.
    if st.behind.0 > 0.0 {
        let zone = 1.0 - ramp(s - front_line - st.behind.0, edge);
        keep *= 1.0 - zone * (1.0 - st.behind.1);
    }

    let y = q.p.y / k;
    let z = q.p.z / k;
    // How far q is above the horseshoe fringe's top (V–VII), in mm over [`FRINGE_SOFT`]:
    // worked out once, as three rules below read it.
    let over = st.fringe.map(|(side, back)| {
        let backness = smoothstep(-5.0, -60.0, z);
        // At VI–VII the hairline in front of the ear retreats back and down too (§1.1).
        let pre_auricular = smoothstep(0.0, 30.0, z) * st.pre_auricular;
        let fringe_top = c.lm.ear_top_y() / k + side + (back - side) * backness - pre_auricular;
        (y - fringe_top + c.wander(q, 5.0) / k) / FRINGE_SOFT
    });
    // Stages V–VII: the top is bald above the horseshoe fringe, from the front back to
    // `top_to` (VI and VII: as far as the fringe allows).
    if let Some(over) = over {
        // The rear edge of a V front area bows back in the middle.
        let bow = 18.0 * (t / 60.0) * (t / 60.0);
        // Inside both edges, with the corner where they meet rounded: as the product of the
        // two ramps, it was square, and clipped side hair stood in a square tab above the
        // temple (practitioner review, stop 19). `over` is in units of FRINGE_SOFT mm, and
        // at the full radius there the front area's rear edge widened the bridge to 26 mm.
        let inside = smooth_union(
            over,
            st.top_to - bow - wander - s,
            TOP_CORNER_MM / FRINGE_SOFT,
        );
        keep = keep.min(1.0 - ramp(inside, edge));
    }

    // Crown patch: a slightly oval disc on the whorl, edge wandering. At V its back edge is
    // the horseshoe's top, thinning as the sides' does: at 0.8 of the edge ramp the back stood
    // full to a hard wavy line (practitioner review, stop 34). Its front edge keeps the
    // bridge narrow: softened too, the bridge measured 28.5 mm.
    if st.crown > 0.0 {
        let ds = (s - whorl[0] / k) / 1.1;
        let dt = t - whorl[1] / k;
        let r = (ds * ds + dt * dt).sqrt();
        let soft = if st.fringe.is_some() {
            0.8 + (FRINGE_SOFT - 0.8) * smoothstep(0.0, 40.0, ds)
        } else {
            0.8
        };
        keep = keep.min(ramp(r - 0.5 * st.crown + wander, edge * soft));
    }

    // V: what hair is left on top between the bald areas, not only the bridge on the
    // midline, is thin (§1.1 Vecchio: parietal density falls to about a third with class).
    // Kept full beside the bridge, it stood up under #2 hair as a dense horn between the
    // bald areas (practitioner review, stop 13).
    if let (Some(over), Some((_, _, density))) = (over, st.bridge) {
        keep = keep.min(1.0 - (1.0 - density) * ramp(over, edge));
    }

    // The bridge: a band across the top, joining the side fringes, at partial density. Above
    // a horseshoe (V) only: run down into the fringe it thinned it to a pale bite above
    // the temple (practitioner review, stop 33).
    if let Some((centre, width, density)) = st.bridge {
        let on_top = over.map_or(1.0, |over| ramp(over, edge));
        let band = (1.0 - ramp((s - centre).abs() - 0.5 * width + wander * 0.5, edge * 0.6))
            * (1.0 - lateral)
            * on_top;
        keep += (density - keep) * band;
    }
    let keep = keep.clamp(0.0, 1.0);
    // Hairs across a receding edge are miniaturised (§1.1 Vecchio), the more the fewer are
    // left: the last hairs in a bald area are the finest. Most at mid-ramp instead
    // (`4 keep (1 - keep)`), the few hairs round the forelock island and the bridge were
    // terminal, dark 6 mm strands lying on the SMP like clippings (review, stop 35).
    (keep, 1.0 - keep * keep)
}
