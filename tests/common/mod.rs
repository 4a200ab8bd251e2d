//! Shared by the native golden test and the wasm test, so both render exactly the same frames.
#![allow(dead_code)]

use smp_visualiser::View;

/// Golden views of the default consultation: name, view. The names are file stems in
/// `tests/golden/` (`NAME.png` pixels and `NAME.fnv`, the FNV-1a hash of the RGBA bytes).
pub const GOLDEN_VIEWS: [(&str, View); 3] = [
    (
        "three-quarter",
        View {
            width: 320,
            height: 320,
            yaw_deg: 30.0,
            pitch_deg: 8.0,
        },
    ),
    (
        "profile",
        View {
            width: 256,
            height: 256,
            yaw_deg: 90.0,
            pitch_deg: 0.0,
        },
    ),
    (
        "top",
        View {
            width: 256,
            height: 256,
            yaw_deg: 0.0,
            pitch_deg: 90.0,
        },
    ),
];

/// The hashes, compiled in so the wasm test needs no file system.
pub const GOLDEN_HASHES: [&str; 3] = [
    include_str!("../golden/three-quarter.fnv"),
    include_str!("../golden/profile.fnv"),
    include_str!("../golden/top.fnv"),
];
