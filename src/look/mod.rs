//! How things look: skin colour, light and the scalp layer, as data (no rendering here).

pub mod light;
pub mod lips;
pub mod pigment;
pub mod scalp;
pub mod skin;
