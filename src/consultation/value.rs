//! A value as JSON holds it, and the typed reads every field makes of one.
//!
//! Natively the tree comes from serde_json's value, in the browser from the JavaScript object;
//! [`super::read`] then fills a Consultation from it, so both ways in share one reader and its
//! messages. The reads are plain functions, not generic per field type, and every error is
//! built out of line: serde's derived reader, monomorphised over a tree like this one, was
//! the largest function in the wasm (29 KB of a 250 KB budget). Numbers in messages go
//! through [`Decimal`]: `{}` on a float links core's float formatting, about 20 KB more.

use crate::decimal::Decimal;

/// What JSON can hold.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// Any number JavaScript holds, and natively every number that is not a whole u64.
    Num(f64),
    /// A whole number written in JSON text, exactly: a seed uses all 64 bits.
    Int(u64),
    Str(String),
    Seq(Vec<Value>),
    Map(Vec<(String, Value)>),
}

/// A reading error: the field's path (`plan.dot-mm`; empty at the top) and what was wrong
/// there, with what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub path: String,
    pub message: String,
}

impl ReadError {
    #[cold]
    #[must_use]
    pub fn new(message: String) -> Self {
        Self {
            path: String::new(),
            message,
        }
    }

    /// The same error seen from the object holding `key`.
    #[cold]
    #[inline(never)]
    fn at(mut self, key: &str) -> Self {
        self.path = if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{key}.{}", self.path)
        };
        self
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

/// `unknown field `skn`, expected one of `seed`, `sex`, …`: serde's wording, which saved
/// imports and the app's tests already know.
#[cold]
#[inline(never)]
fn unknown(what: &str, name: &str, names: &mut dyn Iterator<Item = &str>) -> ReadError {
    let list: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    ReadError::new(format!(
        "unknown {what} `{name}`, expected one of {}",
        list.join(", ")
    ))
}

/// Whole numbers f64 holds exactly: below 2⁵³.
const EXACT: f64 = 9_007_199_254_740_992.0;

impl Value {
    /// What was found, for a message: `number `4.5``, `an object`.
    fn what(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => format!("boolean `{b}`"),
            Value::Num(x) => format!("number `{}`", Decimal(*x as f32)),
            Value::Int(n) => format!("integer `{n}`"),
            Value::Str(s) => format!("string `{s}`"),
            Value::Seq(_) => "an array".into(),
            Value::Map(_) => "an object".into(),
        }
    }

    /// The error for a value of the wrong kind.
    #[cold]
    #[inline(never)]
    fn wrong(&self, expected: &str) -> ReadError {
        ReadError::new(format!(
            "invalid type: {}, expected {expected}",
            self.what()
        ))
    }

    /// `None` for null: how every optional field says "not set".
    #[must_use]
    pub fn some(&self) -> Option<&Value> {
        match self {
            Value::Null => None,
            v => Some(v),
        }
    }

    pub fn bool(&self) -> Result<bool, ReadError> {
        match *self {
            Value::Bool(b) => Ok(b),
            _ => Err(self.wrong("a boolean")),
        }
    }

    pub fn f32(&self) -> Result<f32, ReadError> {
        match *self {
            Value::Num(x) => Ok(x as f32),
            Value::Int(n) => Ok(n as f32),
            _ => Err(self.wrong("f32")),
        }
    }

    /// A whole number from 0 to `max`; `ty` names the type for messages (`u8`).
    fn whole(&self, max: u64, ty: &str) -> Result<u64, ReadError> {
        let n = match *self {
            Value::Int(n) => n,
            Value::Num(x) if x.fract() == 0.0 && x.abs() < EXACT => {
                if x < 0.0 {
                    return Err(out_of(&(x as i64), ty));
                }
                x as u64
            }
            _ => return Err(self.wrong(ty)),
        };
        if n > max {
            return Err(out_of(&n, ty));
        }
        Ok(n)
    }

    pub fn u8(&self) -> Result<u8, ReadError> {
        self.whole(u8::MAX.into(), "u8").map(|n| n as u8)
    }

    pub fn u32(&self) -> Result<u32, ReadError> {
        self.whole(u32::MAX.into(), "u32").map(|n| n as u32)
    }

    pub fn u64(&self) -> Result<u64, ReadError> {
        self.whole(u64::MAX, "u64")
    }

    pub fn str(&self, expected: &str) -> Result<&str, ReadError> {
        match self {
            Value::Str(s) => Ok(s),
            _ => Err(self.wrong(expected)),
        }
    }

    /// One of the names `all` has (an enum's variants); `expected` names the enum.
    pub fn choice<T: Copy>(
        &self,
        all: &[T],
        name: fn(T) -> &'static str,
        expected: &str,
    ) -> Result<T, ReadError> {
        let i = self.pick(all.len(), &|i| name(all[i]), expected)?;
        Ok(all[i])
    }

    /// Where the string is among `n` names; not generic, so each enum adds only its table.
    fn pick(
        &self,
        n: usize,
        name: &dyn Fn(usize) -> &'static str,
        expected: &str,
    ) -> Result<usize, ReadError> {
        let s = self.str(expected)?;
        (0..n)
            .find(|&i| name(i) == s)
            .ok_or_else(|| unknown("variant", s, &mut (0..n).map(name)))
    }

    /// Hands each field of an object to `field`, which says whether it knows the name; an
    /// unknown one is an error listing `names`, and an error in a field gets its name in
    /// front of its path. `expected` names the struct for a value that is not an object.
    pub fn fields(
        &self,
        expected: &str,
        names: &[&str],
        field: &mut dyn FnMut(&str, &Value) -> Result<bool, ReadError>,
    ) -> Result<(), ReadError> {
        let Value::Map(pairs) = self else {
            return Err(self.wrong(expected));
        };
        for (key, v) in pairs {
            match field(key, v) {
                Ok(true) => {}
                Ok(false) => return Err(unknown("field", key, &mut names.iter().copied())),
                Err(e) => return Err(e.at(key)),
            }
        }
        Ok(())
    }
}

/// `invalid value: integer `300`, expected u8`.
#[cold]
#[inline(never)]
fn out_of(n: &dyn core::fmt::Display, ty: &str) -> ReadError {
    ReadError::new(format!("invalid value: integer `{n}`, expected {ty}"))
}

#[cfg(not(target_arch = "wasm32"))]
impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Self {
        use serde_json::Value as J;
        match v {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(b),
            J::Number(n) => n
                .as_u64()
                .map_or_else(|| Value::Num(n.as_f64().unwrap_or(f64::NAN)), Value::Int),
            J::String(s) => Value::Str(s),
            J::Array(items) => Value::Seq(items.into_iter().map(Value::from).collect()),
            J::Object(m) => Value::Map(m.into_iter().map(|(k, v)| (k, v.into())).collect()),
        }
    }
}
