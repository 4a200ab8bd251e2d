//! Natural hair: follicular units placed by blue noise at the native density, thinned by the
//! loss field, growing along a whorl-centred direction field, cut to the client's hairstyle.
//!
//! Defaults from research/domain.md §4.2–4.4 and §9 rows 8–10: 80 FU/cm² with 25/50/20/5 %
//! one- to four-hair units (2.05 hairs per unit), 70 µm shafts, 0.35 mm growth a day. A shaved
//! head's grey-blue shadow is mostly the 2–4 mm of shaft still inside the skin, slanted and
//! seen through the epidermis (§4.4), so every hair also has an under-skin part.

pub mod beard;
pub mod brows;
pub mod canopy;
mod follicles;
pub mod lashes;
pub mod long;

pub use follicles::{grow, grow_from, Hair, Units};

/// Hairstyles the client will actually wear (DESIGN §8 names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Hairstyle {
    /// Razor shaved: cut shafts at the skin and the shadow of shafts under it.
    Razor,
    /// One day after a razor shave (0.35 mm), the default (§9 row 10).
    #[default]
    Stubble1d,
    Stubble2d,
    Stubble3d,
    /// Clipper without a guard (0.5–1 mm).
    Clipper0,
    /// #1 guard, 3 mm.
    Clipper1,
    /// #2 guard, 6 mm.
    Clipper2,
    /// Long hair combed away from a centre part (the female presets): the scalp shows along
    /// the part and wherever the hair is too thin to cover it.
    LongPart,
}

impl Hairstyle {
    pub const ALL: [Hairstyle; 8] = [
        Self::Razor,
        Self::Stubble1d,
        Self::Stubble2d,
        Self::Stubble3d,
        Self::Clipper0,
        Self::Clipper1,
        Self::Clipper2,
        Self::LongPart,
    ];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Razor => "razor",
            Self::Stubble1d => "stubble-1d",
            Self::Stubble2d => "stubble-2d",
            Self::Stubble3d => "stubble-3d",
            Self::Clipper0 => "clipper-0",
            Self::Clipper1 => "clipper-1",
            Self::Clipper2 => "clipper-2",
            Self::LongPart => "long-part",
        }
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Razor => "Razor shaved",
            Self::Stubble1d => "1 day stubble",
            Self::Stubble2d => "2 days stubble",
            Self::Stubble3d => "3 days stubble",
            Self::Clipper0 => "Clipper, no guard",
            Self::Clipper1 => "Clipper #1 (3 mm)",
            Self::Clipper2 => "Clipper #2 (6 mm)",
            Self::LongPart => "Long hair, centre part",
        }
    }

    /// Parses the kebab-case name, listing the accepted ones on error.
    pub fn parse(name: &str) -> Result<Self, String> {
        crate::consultation::parse_named(&Self::ALL, Self::name, name)
    }

    /// Length of shaft above the skin (mm): §4.4 growth 0.35 mm/day and clipper guards; for
    /// long hair, the length drawn for every unit ([`LONG_ON_SCALP_MM`]).
    #[must_use]
    pub fn length_mm(self) -> f32 {
        match self {
            Self::Razor => 0.0,
            Self::Stubble1d => 0.35,
            Self::Stubble2d => 0.7,
            Self::Stubble3d => 1.05,
            Self::Clipper0 => 0.75,
            Self::Clipper1 => 3.0,
            Self::Clipper2 => 6.0,
            Self::LongPart => LONG_ON_SCALP_MM,
        }
    }

    /// Clipped: cut hair long enough (#1, #2) to stand as a canopy over the skin.
    #[must_use]
    pub fn is_clipped(self) -> bool {
        self.length_mm() >= 2.0 && self != Self::LongPart
    }
}

/// Natural hair colour (domain.md §9 row 11: black → blond, default dark brown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HairColour {
    Black,
    #[default]
    DarkBrown,
    Brown,
    LightBrown,
    Blond,
}

impl HairColour {
    pub const ALL: [HairColour; 5] = [
        Self::Black,
        Self::DarkBrown,
        Self::Brown,
        Self::LightBrown,
        Self::Blond,
    ];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Black => "black",
            Self::DarkBrown => "dark-brown",
            Self::Brown => "brown",
            Self::LightBrown => "light-brown",
            Self::Blond => "blond",
        }
    }

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Black => "Black",
            Self::DarkBrown => "Dark brown",
            Self::Brown => "Brown",
            Self::LightBrown => "Light brown",
            Self::Blond => "Blond",
        }
    }

    /// Parses the kebab-case name, listing the accepted ones on error.
    pub fn parse(name: &str) -> Result<Self, String> {
        crate::consultation::parse_named(&Self::ALL, Self::name, name)
    }

    /// sRGB of a shaft of this colour.
    #[must_use]
    pub fn hex(self) -> u32 {
        match self {
            Self::Black => 0x18120f,
            Self::DarkBrown => 0x2a1d16,
            Self::Brown => 0x4a3426,
            Self::LightBrown => 0x76583e,
            Self::Blond => 0xb39468,
        }
    }
}

/// How much of every unit's long hair is drawn from its root (mm), mostly lying on the
/// scalp: what the part and the crown show is decided within it. Beyond, hair lies under
/// hair from higher up or hangs, drawn for fewer units ([`LONG_HANG_SHARE`]).
pub const LONG_ON_SCALP_MM: f32 = 80.0;
/// Segment length of a long hair following the scalp's curvature (mm).
pub const LONG_SEGMENT_MM: f32 = 10.0;
/// Longest a long hair is (mm): enough for hair from the front of the part to run over the
/// side of the head and hang to [`LONG_CUT_Y_MM`].
pub const LONG_HAIR_MM: f32 = 400.0;
/// Height of the one-length cut (unscaled head frame mm, 0 at the ear canals), and how far
/// each unit's ends stray from it: hair to the top of the shoulders.
pub const LONG_CUT_Y_MM: f32 = -135.0;
pub const LONG_CUT_STRAY_MM: f32 = 5.0;
/// Beyond [`LONG_ON_SCALP_MM`] one unit in [`LONG_HANG_SHARE`] is drawn on, as wide as
/// [`LONG_HANG_UNITS`] units: half the hanging hair's covered area, still an opaque curtain
/// six strands deep, at a twelfth of the strands. Drawn for every unit, the hanging lengths
/// took a 1024² frame natively from 82 to 300 ms; one in six as wide as six, 165 ms; so,
/// 130 ms, no different to the eye but at the curtain's thinnest edges.
pub const LONG_HANG_SHARE: usize = 12;
pub const LONG_HANG_UNITS: f32 = 6.0;

/// A grey (unpigmented) shaft.
pub const GREY_HEX: u32 = 0xcfcbc4;

/// A hair's width, and so its shade, against a terminal one's at miniaturisation `m`: a
/// fully miniaturised hair is 40 % as wide.
#[must_use]
pub fn fineness(m: f32) -> f32 {
    1.0 - 0.6 * m
}

/// How much of a full head of hair's shade the hair where the loss field says `f` casts, on
/// the skin and through it: in proportion to the hair present, finer miniaturised hairs
/// shading less.
#[must_use]
pub fn shade(f: &crate::loss::LossSample) -> f32 {
    f.density * fineness(f.miniaturised)
}

/// Share of the clipped length a fully miniaturised hair falls short by. Thinning shortens
/// the growth phase, so miniaturised hairs stop at a few millimetres (§1.1: the pattern's
/// edge is a fringe of miniaturised hairs); cut to a full 6 mm, the last few on a Norwood V
/// top stood out of its outline as stray long hairs (practitioner reviews, stops 9 to 11),
/// and at 2.4 mm (0.6 short) still as wisps on the skyline (stop 12): vellus hairs are under
/// 2 mm. [estimate: research/domain.md gives no length for miniaturised hair]
pub const MINIATURISED_SHORT: f32 = 0.75;

/// [`shade`] as the hair shows worn as `style`: clipped, miniaturised hairs are shorter as
/// well as finer (see [`MINIATURISED_SHORT`]), so they cover less of the skin. Counted as
/// full length, the plan left a pale wedge of short fine hairs without dots at the top of
/// a Norwood V fringe under #1 and #2 hair (practitioner reviews, stops 14 and 15).
#[must_use]
pub fn shade_worn(f: &crate::loss::LossSample, style: Hairstyle) -> f32 {
    if style.is_clipped() {
        shade(f) * (1.0 - MINIATURISED_SHORT * f.miniaturised)
    } else {
        shade(f)
    }
}

/// Native follicular-unit density (FU/cm², §4.2 Caucasian default).
pub const FU_PER_CM2: f32 = 80.0;
/// Shares of one- to four-hair units (§4.2 "FU mix").
pub const FU_MIX: [f32; 4] = [0.25, 0.50, 0.20, 0.05];
/// Shaft diameter (mm, §4.3 generic default 70 µm).
pub const SHAFT_MM: f32 = 0.07;
/// Length of shaft inside the skin that shows through it (mm, §4.4: 2–4 mm).
pub const UNDER_SKIN_MM: f32 = 2.5;
