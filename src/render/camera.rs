//! Orbit camera: yaw and pitch about the scene's framing target, perspective projection.

use crate::decimal::Decimal;
use crate::math::sin_cos_deg;
use crate::scene::Framing;
use glam::Vec3;

/// Conversation distance (research/domain.md §7, issue "viewing distance": about 1 m).
pub const DISTANCE_MM: f32 = 1000.0;
/// Accepted zoom: from across a room (0.25: the viewer 4 m away) to a loupe on the scalp
/// (16: a 0.15 mm dot is 3.7 px across in a 512 px view, 7 px at 1024).
pub const ZOOM_RANGE: (f32, f32) = (0.25, 16.0);
/// Zoom for "across the room", about 3 m away.
pub const ZOOM_ROOM: f32 = 1.0 / 3.0;
/// Zoom for the close-up that resolves single follicles and dots.
pub const ZOOM_CLOSE: f32 = 16.0;
/// Accepted output size per side, in pixels.
pub const SIDE_RANGE: (u32, u32) = (16, 4096);
/// Accepted pitch in degrees: from below the chin to straight down on the crown.
pub const PITCH_RANGE: (f32, f32) = (-60.0, 90.0);

/// What to render: output size and where the camera sits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub width: u32,
    pub height: u32,
    /// Degrees around the vertical axis; 0 faces the client, 90 sees their left side.
    pub yaw_deg: f32,
    /// Degrees above the horizon; 90 looks straight down on the crown.
    pub pitch_deg: f32,
    /// 1 frames the head at conversation distance. Below 1 the viewer steps back (the head
    /// gets smaller and flatter in perspective); above 1 a lens magnifies the centre of the
    /// view from where the viewer stands.
    pub zoom: f32,
}

impl View {
    /// Checks the view, naming the bad field and its accepted range.
    pub fn validate(&self) -> Result<(), String> {
        let (lo, hi) = SIDE_RANGE;
        for (name, v) in [("width", self.width), ("height", self.height)] {
            if !(lo..=hi).contains(&v) {
                return Err(format!(
                    "{name}: {v} is out of range; accepted: {lo} to {hi} pixels"
                ));
            }
        }
        if !self.yaw_deg.is_finite() {
            return Err("yaw: must be a finite number of degrees".into());
        }
        let (lo, hi) = PITCH_RANGE;
        if !(lo..=hi).contains(&self.pitch_deg) {
            return Err(format!(
                "pitch: {} is out of range; accepted: {} to {} degrees",
                Decimal(self.pitch_deg),
                Decimal(lo),
                Decimal(hi)
            ));
        }
        let (lo, hi) = ZOOM_RANGE;
        if !(lo..=hi).contains(&self.zoom) {
            return Err(format!(
                "zoom: {} is out of range; accepted: {} to {}",
                Decimal(self.zoom),
                Decimal(lo),
                Decimal(hi)
            ));
        }
        Ok(())
    }
}

/// A ready-to-project camera.
#[derive(Clone, Copy, Debug)]
pub struct Camera {
    /// The orbit centre, at the centre of the view.
    pub target: Vec3,
    pub eye: Vec3,
    pub right: Vec3,
    pub up: Vec3,
    pub forward: Vec3,
    /// Focal length in pixels.
    pub focal: f32,
    pub cx: f32,
    pub cy: f32,
}

impl Camera {
    #[must_use]
    pub fn new(view: &View, framing: &Framing) -> Self {
        let (sy, cy) = sin_cos_deg(view.yaw_deg);
        let (sp, cp) = sin_cos_deg(view.pitch_deg);
        // Built from the angles directly so pitch 90 needs no "up" hint.
        let back = Vec3::new(cp * sy, sp, cp * cy);
        let forward = -back;
        let right = Vec3::new(cy, 0.0, -sy);
        let up = right.cross(forward);
        let side = view.width.min(view.height) as f32;
        let distance = DISTANCE_MM / view.zoom.min(1.0);
        // Zooming in moves the orbit centre up to the scalp over zoom 1 to 4.
        let target = framing.target.lerp(
            framing.close_target,
            ((view.zoom - 1.0) / 3.0).clamp(0.0, 1.0),
        );
        Self {
            target,
            eye: target + back * distance,
            right,
            up,
            forward,
            focal: side * DISTANCE_MM * view.zoom.max(1.0) / framing.extent,
            cx: view.width as f32 * 0.5,
            cy: view.height as f32 * 0.5,
        }
    }

    /// Millimetres a pixel spans at the orbit centre.
    #[must_use]
    pub fn mm_per_px(&self) -> f32 {
        (self.eye - self.target).length() / self.focal
    }

    /// Screen position (pixels, y down) and reciprocal depth; `None` behind the near plane.
    #[must_use]
    pub fn project(&self, p: Vec3) -> Option<(f32, f32, f32)> {
        let v = p - self.eye;
        let z = v.dot(self.forward);
        if z < 1.0 {
            return None;
        }
        let iz = 1.0 / z;
        Some((
            self.cx + self.focal * v.dot(self.right) * iz,
            self.cy - self.focal * v.dot(self.up) * iz,
            iz,
        ))
    }
}
