//! The browser binding: the only module that touches wasm-bindgen and web-sys.
//!
//! JavaScript owns the DOM and gestures; Rust owns state and pixels. A `Visualiser` keeps the
//! built Scene and a reusable Frame, so orbiting re-renders without rebuilding anything, and a
//! rejected consultation leaves the last good one in place.

use crate::consultation::Consultation;
use crate::math::fnv1a64;
use crate::render::{render, Frame, View};
use crate::scene::{Scene, SceneBuilder};
use serde::de::value::SeqDeserializer;
use serde::de::{self, Deserialize, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, ImageData};

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// One head on one canvas.
#[wasm_bindgen]
pub struct Visualiser {
    consultation: Consultation,
    builder: SceneBuilder,
    scene: Scene,
    frame: Frame,
}

fn parse_consultation(value: JsValue) -> Result<Consultation, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Consultation::default());
    }
    let c = read(value)
        .and_then(Consultation::deserialize)
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
    /// Renders the scene into the internal frame (every entry point that draws goes here).
    fn render_view(&mut self, view: View) {
        render(&self.scene, &view, &mut self.frame);
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
        })
    }

    /// Replaces the consultation; on error the previous one stays in force.
    #[wasm_bindgen(js_name = setConsultation)]
    pub fn set_consultation(&mut self, consultation: JsValue) -> Result<(), JsError> {
        let c = parse_consultation(consultation)?;
        if c != self.consultation {
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
    pub fn consultation(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.consultation).map_err(|e| JsError::new(&e.to_string()))
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
        self.render_view(view(width, height, yaw_deg, pitch_deg, zoom)?);
        let img =
            ImageData::new_with_u8_clamped_array_and_sh(Clamped(&self.frame.rgba), width, height)?;
        ctx.put_image_data(&img, 0.0, 0.0)
    }

    /// Renders into the internal frame without presenting it (benchmarks time this).
    pub fn render(
        &mut self,
        width: u32,
        height: u32,
        yaw_deg: f32,
        pitch_deg: f32,
        zoom: Option<f32>,
    ) -> Result<(), JsError> {
        self.render_view(view(width, height, yaw_deg, pitch_deg, zoom)?);
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
    ) -> Result<Vec<u8>, JsError> {
        self.render_view(view(width, height, yaw_deg, pitch_deg, zoom)?);
        Ok(self.frame.rgba.clone())
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
        self.render_view(view(width, height, yaw_deg, pitch_deg, zoom)?);
        Ok(format!("{:016x}", fnv1a64(&self.frame.rgba)))
    }

    /// The consultation's cautions (research/domain.md §8): `[{ code, message }]`.
    pub fn cautions(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&crate::plan::cautions(&self.consultation))
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The plan's estimates, labelled as such in the UI: `{ treated-cm2, impressions-total,
    /// impressions-per-session, sessions, hours, touch-up-years }`.
    pub fn estimate(&self) -> Result<JsValue, JsError> {
        let e = crate::plan::estimate(&self.consultation.plan, &self.scene.head, &self.scene.loss);
        serde_wasm_bindgen::to_value(&e).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Triangles in the scene (shown by the benchmark page).
    #[wasm_bindgen(js_name = triangleCount)]
    pub fn triangle_count(&self) -> usize {
        self.scene.triangle_count()
    }
}

/// Every preset for a picker: `{ name, label, female, next }` in display order.
#[wasm_bindgen]
pub fn presets() -> Result<JsValue, JsError> {
    #[derive(serde::Serialize)]
    struct Info {
        name: &'static str,
        label: String,
        female: bool,
        next: Option<&'static str>,
    }
    let list: Vec<Info> = crate::loss::preset::ALL
        .iter()
        .map(|(p, name)| Info {
            name,
            label: p.label(),
            female: p.is_female_pattern(),
            next: p.next_stage().map(|n| n.name()),
        })
        .collect();
    serde_wasm_bindgen::to_value(&list).map_err(|e| JsError::new(&e.to_string()))
}

/// One option of a picker.
#[derive(serde::Serialize)]
struct Option_ {
    name: &'static str,
    label: &'static str,
}

/// A picker's options as `[{ name, label }]`. Takes a list, not an iterator: generic, it was
/// compiled once per picker (1.3 KB of wasm).
fn options(list: Vec<Option_>) -> Result<JsValue, JsError> {
    serde_wasm_bindgen::to_value(&list).map_err(|e| JsError::new(&e.to_string()))
}

/// Every hairstyle for a picker: `[{ name, label }]`.
#[wasm_bindgen]
pub fn hairstyles() -> Result<JsValue, JsError> {
    let all = crate::hair::Hairstyle::ALL.iter();
    options(
        all.map(|h| Option_ {
            name: h.name(),
            label: h.label(),
        })
        .collect(),
    )
}

/// Every natural hair colour for a picker: `[{ name, label }]`.
#[wasm_bindgen(js_name = hairColours)]
pub fn hair_colours() -> Result<JsValue, JsError> {
    let all = crate::hair::HairColour::ALL.iter();
    options(
        all.map(|h| Option_ {
            name: h.name(),
            label: h.label(),
        })
        .collect(),
    )
}

/// Every lighting preset for a picker: `[{ name, label }]`.
#[wasm_bindgen]
pub fn lightings() -> Result<JsValue, JsError> {
    let all = crate::look::light::LightingPreset::ALL.iter();
    options(
        all.map(|p| Option_ {
            name: p.name(),
            label: p.label(),
        })
        .collect(),
    )
}

/// Panics on purpose, so the end-to-end test can prove a panic becomes a visible error state.
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic() {
    panic!("debugPanic called: deliberate panic to exercise the error state");
}

// Reading a consultation from JavaScript. serde-wasm-bindgen's deserializer worked, but its
// error messages print serde's `Unexpected`, whose float arm links core's float formatting:
// about 20 KB of wasm, 8 KB gzipped, with the whole budget at 100 (issue #4). This reads the
// value into a small tree first and deserialises that with serde's own value types.

/// A JavaScript value as data: what JSON can hold.
enum Js {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Seq(Vec<Js>),
    Map(Vec<(String, Js)>),
}

/// A reading error: the field's path (`plan.dot-mm`; empty at the top) and what was wrong
/// there, with what was expected.
#[derive(Debug)]
struct ReadError {
    path: String,
    message: String,
}

impl ReadError {
    fn new(message: String) -> Self {
        Self {
            path: String::new(),
            message,
        }
    }
}

impl core::fmt::Display for ReadError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

impl de::Error for ReadError {
    fn custom<T: core::fmt::Display>(msg: T) -> Self {
        Self::new(msg.to_string())
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::new(format!("invalid type: {}, expected {exp}", what(&unexp)))
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::new(format!("invalid value: {}, expected {exp}", what(&unexp)))
    }
}

/// Names an unexpected value without `Unexpected`'s `Display` (see above): numbers that are
/// not whole are shown to three decimals by [`crate::decimal::Decimal`].
fn what(u: &Unexpected<'_>) -> String {
    match *u {
        Unexpected::Bool(b) => format!("boolean `{b}`"),
        Unexpected::Unsigned(n) => format!("integer `{n}`"),
        Unexpected::Signed(n) => format!("integer `{n}`"),
        Unexpected::Float(x) => format!("number `{}`", crate::decimal::Decimal(x as f32)),
        Unexpected::Str(s) => format!("string `{s}`"),
        Unexpected::Unit => "null".into(),
        Unexpected::Seq => "an array".into(),
        Unexpected::Map => "an object".into(),
        _ => "a value of another kind".into(),
    }
}

/// Reads a JavaScript value; functions, symbols and BigInts are refused.
fn read(v: JsValue) -> Result<Js, ReadError> {
    if v.is_null() || v.is_undefined() {
        return Ok(Js::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Js::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        return Ok(Js::Num(n));
    }
    if let Some(s) = v.as_string() {
        return Ok(Js::Str(s));
    }
    if js_sys::Array::is_array(&v) {
        let items = js_sys::Array::from(&v);
        return items
            .iter()
            .map(read)
            .collect::<Result<_, _>>()
            .map(Js::Seq);
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
        return pairs.collect::<Result<_, _>>().map(Js::Map);
    }
    Err(ReadError::new(
        "a function, symbol or BigInt cannot be read; accepted: JSON values".into(),
    ))
}

impl Js {
    fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Js::Null => Unexpected::Unit,
            Js::Bool(b) => Unexpected::Bool(*b),
            Js::Num(n) => Unexpected::Float(*n),
            Js::Str(s) => Unexpected::Str(s),
            Js::Seq(_) => Unexpected::Seq,
            Js::Map(_) => Unexpected::Map,
        }
    }

    /// The error for a value of the wrong kind; out of line, as every field type calls it.
    #[inline(never)]
    fn wrong<T>(&self, exp: &dyn de::Expected) -> Result<T, ReadError> {
        Err(de::Error::invalid_type(self.unexpected(), exp))
    }

    /// A whole number that f64 holds exactly.
    fn whole(&self) -> Option<f64> {
        match *self {
            Js::Num(n) if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 => Some(n),
            _ => None,
        }
    }
}

/// Integer fields: whole numbers only. Each type reads only its own kind of value, so no
/// field type compiles the whole of `deserialize_any` (7 KB of wasm per field type).
macro_rules! integers {
    ($($name:ident)*) => {$(
        fn $name<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ReadError> {
            match self.whole() {
                Some(n) if n >= 0.0 => v.visit_u64(n as u64),
                Some(n) => v.visit_i64(n as i64),
                None => self.wrong(&v),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Js {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ReadError> {
        match self {
            Js::Null => v.visit_unit(),
            Js::Bool(b) => v.visit_bool(b),
            Js::Num(n) => v.visit_f64(n),
            Js::Str(s) => v.visit_string(s),
            Js::Seq(items) => v.visit_seq(SeqDeserializer::new(items.into_iter())),
            Js::Map(pairs) => v.visit_map(Fields::new(pairs)),
        }
    }

    integers! {
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
    }

    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ReadError> {
        self.deserialize_f64(v)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ReadError> {
        match self {
            Js::Num(n) => v.visit_f64(n),
            other => other.wrong(&v),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ReadError> {
        match self {
            Js::Bool(b) => v.visit_bool(b),
            other => other.wrong(&v),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ReadError> {
        match self {
            Js::Str(s) => v.visit_string(s),
            other => other.wrong(&v),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ReadError> {
        self.deserialize_string(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ReadError> {
        self.deserialize_string(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ReadError> {
        match self {
            Js::Map(pairs) => v.visit_map(Fields::new(pairs)),
            other => other.wrong(&v),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_map(v)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ReadError> {
        match self {
            Js::Seq(items) => v.visit_seq(SeqDeserializer::new(items.into_iter())),
            other => other.wrong(&v),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, ReadError> {
        self.deserialize_seq(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ReadError> {
        match self {
            Js::Null => v.visit_none(),
            some => v.visit_some(some),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, ReadError> {
        match self {
            Js::Str(s) => v.visit_enum(s.into_deserializer()),
            other => other.wrong(&v),
        }
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit unit_struct newtype_struct tuple_struct ignored_any
    }
}

/// An object's fields, one at a time; an error in a value gets the field's name in front
/// of its path.
struct Fields {
    pairs: std::vec::IntoIter<(String, Js)>,
    value: Option<(String, Js)>,
}

impl Fields {
    fn new(pairs: Vec<(String, Js)>) -> Self {
        Self {
            pairs: pairs.into_iter(),
            value: None,
        }
    }
}

impl<'de> de::MapAccess<'de> for Fields {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ReadError> {
        let Some((name, value)) = self.pairs.next() else {
            return Ok(None);
        };
        let key = seed.deserialize(Js::Str(name.clone()))?;
        self.value = Some((name, value));
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ReadError> {
        let (name, value) = self.value.take().unwrap_or((String::new(), Js::Null));
        seed.deserialize(value).map_err(|mut e| {
            e.path = if e.path.is_empty() {
                name
            } else {
                format!("{name}.{}", e.path)
            };
            e
        })
    }
}

impl IntoDeserializer<'_, ReadError> for Js {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}
