//! The drawn hairline: style, height, temple profile and density gradient (research/
//! domain.md §5.5–5.6).
//!
//! A style fixes the width of the density ramp across the line (1 mm defined … 10 mm broken,
//! §5.5 "gradient width 3–10 mm", defined work narrower), how much the line wanders, and a
//! widow's peak; the broken style also scatters stray impressions up to 5 mm ahead of the
//! line at about 10 % density (§5.5).

use crate::loss::HairlineShape;

/// Hairline styles an SMP practitioner draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HairlineStyle {
    /// A soft ramp of about 5 mm: the usual choice.
    #[default]
    Soft,
    /// Broken or feathered: a 10 mm ramp and stray dots ahead of the line.
    Broken,
    /// Defined (edge-up): a 1 mm ramp, a barely wandering line.
    Defined,
    /// A soft line with a 10 mm V at the midline.
    WidowsPeak,
    /// The irregular line of a natural mature hairline, ramp as native hair (5 mm).
    Natural,
}

/// The temple and side profile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TempleProfile {
    Soft,
    #[default]
    Medium,
    Defined,
}

impl HairlineStyle {
    pub const ALL: [HairlineStyle; 5] = [
        Self::Soft,
        Self::Broken,
        Self::Defined,
        Self::WidowsPeak,
        Self::Natural,
    ];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Soft => "soft",
            Self::Broken => "broken",
            Self::Defined => "defined",
            Self::WidowsPeak => "widows-peak",
            Self::Natural => "natural",
        }
    }

    /// Parses the kebab-case name, listing the accepted ones on error.
    pub fn parse(name: &str) -> Result<Self, String> {
        crate::consultation::parse_named(&Self::ALL, Self::name, name)
    }

    /// Default width of the density ramp across the line (mm): soft 6, defined 1, broken 10
    /// (research/domain.md §5.5–5.6 and its defaults table, row 20); natural and widow's
    /// peak, between. [estimate for those two]
    #[must_use]
    pub fn gradient_mm(self) -> f32 {
        match self {
            Self::Soft => 6.0,
            Self::Natural => 5.0,
            Self::Broken => 10.0,
            Self::Defined => 1.0,
            Self::WidowsPeak => 4.0,
        }
    }

    /// How far the drawn line wanders, over the natural line's: at 1 (and 1.2 broken), two
    /// reviews of stop 36 saw a line too regular and straight to be hand-drawn. [estimate]
    fn wander(self) -> f32 {
        match self {
            Self::Defined => 0.25,
            Self::Broken => 1.6,
            _ => 1.4,
        }
    }
}

impl TempleProfile {
    pub const ALL: [TempleProfile; 3] = [Self::Soft, Self::Medium, Self::Defined];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Soft => "soft",
            Self::Medium => "medium",
            Self::Defined => "defined",
        }
    }

    /// Width of the density ramp along the temples (mm).
    #[must_use]
    pub fn gradient_mm(self) -> f32 {
        match self {
            Self::Soft => 8.0,
            Self::Medium => 4.0,
            Self::Defined => 1.5,
        }
    }
}

/// Accepted density-gradient widths (mm): the 1 mm defined … 10 mm broken.
pub const GRADIENT_RANGE: (f32, f32) = (1.0, 10.0);
/// Stray dots of the broken style: how far ahead of the ramp (mm) and at what share of the
/// final density (§5.5: "a few stray dots up to 5 mm ahead").
pub const STRAY_MM: f32 = 5.0;
pub const STRAY_SHARE: f32 = 0.1;
/// How far a drawn line curves back at the frontotemporal corners (mm): a mature line, the
/// mid-frontal point lowest and the corners higher so it does not read as a bowl (§5.6
/// "Shape"). Drawn as nearly straight as a juvenile line (3 mm), reviewers saw a crisp arc
/// with no temple angle (practitioner review, stop 12); at 9 mm, two reviews of stop 36 still
/// saw a line straight across that rounded smoothly into the temples with no corner. 14 mm
/// 45 mm out from the midline: the frontotemporal recess of a mature line. [estimate]
pub const MATURE_CORNER_MM: f32 = 14.0;
/// A widow's peak's depth (mm).
pub const WIDOWS_PEAK_MM: f32 = 10.0;

/// The line a style draws at mid-frontal height `mfp` (mm, scaled) with ramp `gradient`.
#[must_use]
pub fn shape(
    style: HairlineStyle,
    temple: TempleProfile,
    mfp: f32,
    gradient: f32,
    ruler: bool,
) -> HairlineShape {
    if ruler {
        // Drawn with a ruler: straight across, hard, no wander (§5.5 "harsh straight line").
        return HairlineShape {
            mfp,
            front_edge: 0.5,
            temple_edge: 0.5,
            wander: 0.0,
            widows_peak: 0.0,
            corner: 0.0,
            straight: true,
        };
    }
    HairlineShape {
        mfp,
        front_edge: gradient,
        temple_edge: temple.gradient_mm(),
        wander: style.wander(),
        widows_peak: if style == HairlineStyle::WidowsPeak {
            WIDOWS_PEAK_MM
        } else {
            0.0
        },
        corner: MATURE_CORNER_MM,
        straight: false,
    }
}
