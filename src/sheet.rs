//! Contact sheets: many renders on one labelled image (native CLI only).
//!
//! Labels use a built-in 5×7 pixel font so the sheet needs no font files and its bytes are
//! the same everywhere.

/// Glyph rows (5 bits each, MSB left) for the characters labels use.
fn glyph(c: char) -> [u8; 7] {
    match c.to_ascii_uppercase() {
        'A' => [0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
        'B' => [0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e],
        'C' => [0x0e, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0e],
        'D' => [0x1e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1e],
        'E' => [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x1f],
        'F' => [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x10],
        'G' => [0x0e, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0f],
        'H' => [0x11, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
        'I' => [0x0e, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e],
        'J' => [0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0c],
        'K' => [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11],
        'L' => [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f],
        'M' => [0x11, 0x1b, 0x15, 0x15, 0x11, 0x11, 0x11],
        'N' => [0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11],
        'O' => [0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
        'P' => [0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10, 0x10],
        'Q' => [0x0e, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0d],
        'R' => [0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11],
        'S' => [0x0f, 0x10, 0x10, 0x0e, 0x01, 0x01, 0x1e],
        'T' => [0x1f, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
        'U' => [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
        'V' => [0x11, 0x11, 0x11, 0x11, 0x11, 0x0a, 0x04],
        'W' => [0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0a],
        'X' => [0x11, 0x11, 0x0a, 0x04, 0x0a, 0x11, 0x11],
        'Y' => [0x11, 0x11, 0x0a, 0x04, 0x04, 0x04, 0x04],
        'Z' => [0x1f, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1f],
        '0' => [0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e],
        '1' => [0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e],
        '2' => [0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f],
        '3' => [0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e],
        '4' => [0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02],
        '5' => [0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e],
        '6' => [0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e],
        '7' => [0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
        '8' => [0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e],
        '9' => [0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c],
        '-' => [0x00, 0x00, 0x00, 0x1f, 0x00, 0x00, 0x00],
        '.' => [0x00, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x0c],
        ':' => [0x00, 0x0c, 0x0c, 0x00, 0x0c, 0x0c, 0x00],
        '/' => [0x01, 0x01, 0x02, 0x04, 0x08, 0x10, 0x10],
        _ => [0; 7],
    }
}

/// An RGBA8 canvas to compose onto.
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

impl Canvas {
    #[must_use]
    pub fn new(width: u32, height: u32, fill: [u8; 3]) -> Self {
        let mut rgba = Vec::with_capacity(width as usize * height as usize * 4);
        for _ in 0..width * height {
            rgba.extend_from_slice(&[fill[0], fill[1], fill[2], 255]);
        }
        Self {
            width,
            height,
            rgba,
        }
    }

    /// Copies an RGBA8 image with its top-left corner at (x, y).
    pub fn blit(&mut self, x: u32, y: u32, w: u32, h: u32, src: &[u8]) {
        for row in 0..h.min(self.height.saturating_sub(y)) {
            let cols = w.min(self.width.saturating_sub(x)) as usize;
            let d = ((y + row) * self.width + x) as usize * 4;
            let s = (row * w) as usize * 4;
            self.rgba[d..d + cols * 4].copy_from_slice(&src[s..s + cols * 4]);
        }
    }

    /// Draws `text` with its top-left at (x, y), each font pixel `scale` pixels square.
    pub fn text(&mut self, x: u32, y: u32, text: &str, scale: u32, colour: [u8; 3]) {
        for (i, c) in text.chars().enumerate() {
            let g = glyph(c);
            let gx = x + i as u32 * 6 * scale;
            for (row, bits) in g.iter().enumerate() {
                for col in 0..5u32 {
                    if bits & (0x10 >> col) == 0 {
                        continue;
                    }
                    for dy in 0..scale {
                        for dx in 0..scale {
                            let (px, py) = (gx + col * scale + dx, y + row as u32 * scale + dy);
                            if px < self.width && py < self.height {
                                let o = (py * self.width + px) as usize * 4;
                                self.rgba[o..o + 3].copy_from_slice(&colour);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One labelled strip of the plan's timeline (`crate::plan::timeline`): `base` at each stop,
/// rendered from `view`, a label above each cell.
#[must_use]
pub fn timeline_strip(base: &crate::Consultation, view: &crate::View) -> Canvas {
    const LABEL: u32 = 22;
    let stops = crate::plan::timeline();
    let (w, h) = (view.width, view.height);
    let mut canvas = Canvas::new(w * stops.len() as u32, h + LABEL, [24, 26, 30]);
    let mut builder = crate::scene::SceneBuilder::default();
    for (i, (label, t)) in stops.iter().enumerate() {
        let c = crate::Consultation {
            session: t.session,
            fresh: t.fresh,
            years: t.years,
            touch_up: t.touch_up,
            ..base.clone()
        };
        let scene = builder.build(&c).expect("timeline stops are valid");
        canvas.blit(
            i as u32 * w,
            LABEL,
            w,
            h,
            &crate::render::render_rgba(&scene, view),
        );
        // Double-size labels need about 110 px; narrow cells get single size.
        let scale = if w >= 160 { 2 } else { 1 };
        canvas.text(i as u32 * w + 6, 4, label, scale, [236, 239, 243]);
    }
    canvas
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_draws_pixels_inside_the_canvas_only() {
        let mut c = Canvas::new(20, 10, [0, 0, 0]);
        c.text(0, 0, "N-7", 1, [255, 255, 255]);
        let lit = c.rgba.chunks_exact(4).filter(|p| p[0] == 255).count();
        // N has 19 set pixels, '-' 5, '7' 11; the '7' is cut at x = 20.
        assert!(lit > 24 && lit < 35, "{lit}");
    }
}
