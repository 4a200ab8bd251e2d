//! The browser binding: the only module that touches wasm-bindgen and web-sys.
//!
//! JavaScript owns the DOM and gestures; Rust owns state and pixels. A `Visualiser` keeps the
//! built Scene and a reusable Frame, so orbiting re-renders without rebuilding anything, and a
//! rejected consultation leaves the last good one in place.

use crate::consultation::value::{ReadError, Value};
use crate::consultation::write;
use crate::consultation::Consultation;
use crate::math::{fnv1a64_from, FNV1A64_START};
use crate::render::{render_rows_to, Frame, View};
use crate::scene::{Scene, SceneBuilder};
use js_sys::Uint8ClampedArray;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, ImageData};

// Panic messages go to the console; the browser adds the trap's own stack. (The
// console_error_panic_hook crate adds a JS stack too, for 0.44 KB of the 100 KB gzipped
// budget.)
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}

/// One head on one canvas.
#[wasm_bindgen]
pub struct Visualiser {
    consultation: Consultation,
    builder: SceneBuilder,
    scene: Scene,
    frame: Frame,
    /// The rows `renderRows` last rendered, not yet on a canvas: first row, width, RGBA.
    rows: Option<(u32, u32, Uint8ClampedArray)>,
}

fn parse_consultation(value: JsValue) -> Result<Consultation, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Consultation::default());
    }
    let c = read(value)
        .and_then(|v| crate::consultation::read::consultation(&v))
        .map_err(|e| JsError::new(&format!("consultation: {e}")))?;
    c.validate().map_err(|e| JsError::new(&e.to_string()))?;
    Ok(c)
}

fn view(
    width: u32,
    height: u32,
    yaw_deg: f32,
    pitch_deg: f32,
    zoom: Option<f32>,
) -> Result<View, JsError> {
    let v = View {
        width,
        height,
        yaw_deg,
        pitch_deg,
        zoom: zoom.unwrap_or(1.0),
    };
    v.validate().map_err(|e| JsError::new(&e))?;
    Ok(v)
}

impl Visualiser {
    /// Rows `rows` of `view` as RGBA bytes in a JavaScript array (every entry point that draws
    /// goes here). The image is only ever in JavaScript's memory, handed over a run of rows at
    /// a time: held in wasm memory too, which never shrinks, a 2048² frame needed 16 MB more
    /// of it, and after scene rebuilds a new 16 MB block besides (`make bench`: 106 MB, over
    /// issue #4's 96; 81 MB now).
    fn render_array(&mut self, view: &View, rows: std::ops::Range<u32>) -> Uint8ClampedArray {
        let (w, y0) = (view.width, rows.start);
        let image = Uint8ClampedArray::new_with_length(w * (rows.end - y0) * 4);
        render_rows_to(&self.scene, view, &mut self.frame, rows, &mut |y, run| {
            let at = (y - y0) * w * 4;
            image.subarray(at, at + run.len() as u32).copy_from(run);
        });
        image
    }
}

#[wasm_bindgen]
impl Visualiser {
    /// Builds the scene for `consultation` (an object in the JSON shape; `undefined` for the
    /// defaults). Throws an Error naming the bad field.
    #[wasm_bindgen(constructor)]
    pub fn new(consultation: JsValue) -> Result<Visualiser, JsError> {
        let consultation = parse_consultation(consultation)?;
        // The skin's relief tile lives for the session: built before the first scene, it
        // sits below the scene's buffers instead of splitting the free memory they leave.
        let _ = crate::render::relief::Relief::get();
        let mut builder = SceneBuilder::default();
        let scene = builder
            .build(&consultation)
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Self {
            consultation,
            builder,
            scene,
            frame: Frame::default(),
            rows: None,
        })
    }

    /// Replaces the consultation; on error the previous one stays in force.
    #[wasm_bindgen(js_name = setConsultation)]
    pub fn set_consultation(&mut self, consultation: JsValue) -> Result<(), JsError> {
        let c = parse_consultation(consultation)?;
        if c != self.consultation {
            let light_only = Consultation {
                lighting: self.consultation.lighting,
                ..c.clone()
            } == self.consultation;
            if !light_only && c.validate().is_ok() {
                // Give the frame's working buffers and caches to the rebuild, which otherwise
                // grew wasm memory past them (it never shrinks): after a 2048² frame a preset
                // change took 89.6 → 99.3 MB. The image is kept: freed too, a 2048² frame
                // after the rebuilds found no room for it (105.6 MB; now 95.4 at most).
                self.frame.release_work();
            }
            // Only the changed layers are rebuilt: a light change keeps the scene, a pattern
            // change keeps the head's geometry.
            self.builder
                .update(&mut self.scene, &self.consultation, &c)
                .map_err(|e| JsError::new(&e.to_string()))?;
            self.consultation = c;
        }

        Ok(())
    }

    /// The consultation in force, as a plain object.
    #[wasm_bindgen(getter)]
    pub fn consultation(&self) -> JsValue {
        to_js(&write::consultation(&self.consultation))
    }

    /// Renders at `width`×`height` device pixels and puts the frame on the context at (0, 0).
    pub fn draw(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        width: u32,
        height: u32,
        yaw_deg: f32,
        pitch_deg: f32,
        zoom: Option<f32>,
    ) -> Result<(), JsValue> {
        self.render_rows(width, height, yaw_deg, pitch_deg, zoom, 0, height)?;
        self.put_rows(ctx)
    }

    /// Renders rows `y0..y1` of the view, not yet presented (`putRows` does): the app shares a
    /// frame with a helper Worker that renders the other rows (`rowsRgba`).
    #[wasm_bindgen(js_name = renderRows)]
    #[allow(clippy::too_many_arguments)]
    pub fn render_rows(
        &mut self,
        width: u32,
        height: u32,
        yaw_deg: f32,
        pitch_deg: f32,
        zoom: Option<f32>,
        y0: u32,
        y1: u32,
    ) -> Result<(), JsError> {
        let image = self.rows_rgba(width, height, yaw_deg, pitch_deg, zoom, y0, y1)?;
        self.rows = Some((y0, width, image));
        Ok(())
    }

    /// Renders rows `y0..y1` of the view and returns their RGBA bytes (what the helper Worker
    /// sends).
    #[wasm_bindgen(js_name = rowsRgba)]
    #[allow(clippy::too_many_arguments)]
    pub fn rows_rgba(
        &mut self,
        width: u32,
        height: u32,
        yaw_deg: f32,
        pitch_deg: f32,
        zoom: Option<f32>,
        y0: u32,
        y1: u32,
    ) -> Result<Uint8ClampedArray, JsError> {
        let v = view(width, height, yaw_deg, pitch_deg, zoom)?;
        if y0 >= y1 || y1 > height {
            return Err(JsError::new(&format!(
                "rows: {y0}..{y1} is not a run of rows of a {height}-row frame"
            )));
        }
        Ok(self.render_array(&v, y0..y1))
    }

    /// Puts the rows `renderRows` last rendered on the context, where they belong in the frame
    /// (once: they are not kept after).
    #[wasm_bindgen(js_name = putRows)]
    pub fn put_rows(&mut self, ctx: &CanvasRenderingContext2d) -> Result<(), JsValue> {
        let Some((y0, width, image)) = self.rows.take() else {
            return Ok(());
        };
        let rows = image.length() / (width * 4);
        let img = ImageData::new_with_js_u8_clamped_array_and_sh(&image, width, rows)?;
        ctx.put_image_data(&img, 0.0, f64::from(y0))
    }

    /// Renders into a JavaScript array without presenting it (benchmarks time this).
    pub fn render(
        &mut self,
        width: u32,
        height: u32,
        yaw_deg: f32,
        pitch_deg: f32,
        zoom: Option<f32>,
    ) -> Result<(), JsError> {
        self.rgba(width, height, yaw_deg, pitch_deg, zoom)?;
        Ok(())
    }

    /// Renders and returns the RGBA bytes (for export, tests and benchmarks).
    pub fn rgba(
        &mut self,
        width: u32,
        height: u32,
        yaw_deg: f32,
        pitch_deg: f32,
        zoom: Option<f32>,
    ) -> Result<Uint8ClampedArray, JsError> {
        self.rows_rgba(width, height, yaw_deg, pitch_deg, zoom, 0, height)
    }

    /// Renders and returns the FNV-1a hash of the RGBA bytes as 16 hex digits.
    #[wasm_bindgen(js_name = frameHash)]
    pub fn frame_hash(
        &mut self,
        width: u32,
        height: u32,
        yaw_deg: f32,
        pitch_deg: f32,
        zoom: Option<f32>,
    ) -> Result<String, JsError> {
        let v = view(width, height, yaw_deg, pitch_deg, zoom)?;
        let mut hash = FNV1A64_START;
        render_rows_to(
            &self.scene,
            &v,
            &mut self.frame,
            0..height,
            &mut |_, run| {
                hash = fnv1a64_from(hash, run);
            },
        );
        Ok(format!("{hash:016x}"))
    }

    /// The consultation's cautions (research/domain.md §8): `[{ code, message }]`.
    pub fn cautions(&self) -> JsValue {
        to_js(&write::cautions(&crate::plan::cautions(&self.consultation)))
    }

    /// The plan's estimates, labelled as such in the UI: `{ treated-cm2, impressions-total,
    /// impressions-per-session, sessions, hours, touch-up-years }`.
    pub fn estimate(&self) -> JsValue {
        let e = crate::plan::estimate(
            &self.consultation.plan,
            self.consultation.hairstyle,
            &self.scene.head,
            &self.scene.loss,
        );
        to_js(&write::estimate(&e))
    }

    /// Triangles in the scene (shown by the benchmark page).
    #[wasm_bindgen(js_name = triangleCount)]
    pub fn triangle_count(&self) -> usize {
        self.scene.triangle_count()
    }
}

/// `{ name, label }` for a picker's option.
fn option(name: &str, label: String) -> Vec<(String, Value)> {
    vec![
        ("name".into(), Value::Str(name.into())),
        ("label".into(), Value::Str(label)),
    ]
}

/// Every preset for a picker: `{ name, label, female, next }` in display order.
#[wasm_bindgen]
pub fn presets() -> JsValue {
    let all = crate::loss::preset::ALL.iter().map(|(p, name)| {
        let mut o = option(name, p.label());
        let next = p.next_stage().map(|n| Value::Str(n.name().into()));
        o.push(("female".into(), Value::Bool(p.is_female_pattern())));
        o.push(("next".into(), next.unwrap_or(Value::Null)));
        Value::Map(o)
    });
    to_js(&Value::Seq(all.collect()))
}

/// A picker's options as `[{ name, label }]`. Takes a list, not an iterator: generic, it was
/// compiled once per picker (1.3 KB of wasm).
fn options(list: Vec<(&'static str, &'static str)>) -> JsValue {
    let all = list
        .into_iter()
        .map(|(n, l)| Value::Map(option(n, l.into())));
    to_js(&Value::Seq(all.collect()))
}

/// Every hairstyle for a picker: `[{ name, label }]`.
#[wasm_bindgen]
pub fn hairstyles() -> JsValue {
    let all = crate::hair::Hairstyle::ALL.iter();
    options(all.map(|h| (h.name(), h.label())).collect())
}

/// Every natural hair colour for a picker: `[{ name, label }]`.
#[wasm_bindgen(js_name = hairColours)]
pub fn hair_colours() -> JsValue {
    let all = crate::hair::HairColour::ALL.iter();
    options(all.map(|h| (h.name(), h.label())).collect())
}

/// Every lighting preset for a picker: `[{ name, label }]`.
#[wasm_bindgen]
pub fn lightings() -> JsValue {
    let all = crate::look::light::LightingPreset::ALL.iter();
    options(all.map(|p| (p.name(), p.label())).collect())
}

/// Panics on purpose, so the end-to-end test can prove a panic becomes a visible error state.
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic() {
    panic!("debugPanic called: deliberate panic to exercise the error state");
}

/// A tree as a JavaScript value: objects keep their field order. Whole numbers become
/// numbers, exact below 2⁵³; a consultation from JavaScript has no larger seed, since `read`
/// takes numbers as f64.
fn to_js(v: &Value) -> JsValue {
    match v {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Num(x) => JsValue::from_f64(*x),
        Value::Int(n) => JsValue::from_f64(*n as f64),
        Value::Str(s) => JsValue::from_str(s),
        Value::Seq(items) => items.iter().map(to_js).collect::<js_sys::Array>().into(),
        Value::Map(fields) => {
            let o = js_sys::Object::new();
            for (k, v) in fields {
                // Setting a data property on a fresh plain object cannot throw.
                let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &to_js(v));
            }
            o.into()
        }
    }
}

// Reading a consultation from JavaScript: the object becomes a `Value` tree, read by the
// same reader as native JSON (consultation/read.rs). Not serde-wasm-bindgen's deserializer:
// its messages link core's float formatting (about 20 KB of wasm, issue #4).

/// Reads a JavaScript value; functions, symbols and BigInts are refused.
fn read(v: JsValue) -> Result<Value, ReadError> {
    if v.is_null() || v.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        return Ok(Value::Num(n));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::Str(s));
    }
    if js_sys::Array::is_array(&v) {
        let items = js_sys::Array::from(&v);
        return items
            .iter()
            .map(read)
            .collect::<Result<_, _>>()
            .map(Value::Seq);
    }
    if v.is_object() && !v.is_function() {
        let entries = js_sys::Object::entries(v.unchecked_ref());
        let pairs = entries.iter().map(|e| {
            let pair = js_sys::Array::from(&e);
            Ok((
                pair.get(0).as_string().unwrap_or_default(),
                read(pair.get(1))?,
            ))
        });
        return pairs.collect::<Result<_, _>>().map(Value::Map);
    }
    Err(ReadError::new(
        "a function, symbol or BigInt cannot be read; accepted: JSON values".into(),
    ))
}
