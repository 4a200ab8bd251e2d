//! How things look: skin colour and light, as data in physical terms (no pixels here).

pub mod light;
pub mod skin;
