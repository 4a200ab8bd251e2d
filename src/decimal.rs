//! Numbers in error messages, written by integer arithmetic.
//!
//! `{}` on an `f32` links core's shortest-float formatting (Grisu with a Dragon fallback,
//! about 14 KB of wasm, 6 % of the module) for a handful of messages that echo a bad value
//! ("120.5 is out of range; accepted: 55 to 100"). Three decimals say all they need to.

use core::fmt;

/// Displays a float rounded to at most three decimals, trailing zeros dropped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decimal(pub f32);

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if v.is_nan() {
            return f.write_str("NaN");
        }
        if v.abs() >= 1e15 {
            return f.write_str(if v > 0.0 {
                "a huge number"
            } else {
                "a huge negative number"
            });
        }
        // Round half away from zero at the third decimal, in f64 (exact for any f32 here).
        let m = f64::from(v.abs()) * 1000.0 + 0.5;
        let thousandths = m as u64;
        let (whole, mut frac) = (thousandths / 1000, thousandths % 1000);
        if v < 0.0 && thousandths != 0 {
            f.write_str("-")?;
        }
        write!(f, "{whole}")?;
        if frac != 0 {
            let mut digits = 3;
            while frac % 10 == 0 {
                frac /= 10;
                digits -= 1;
            }
            write!(f, ".{frac:0digits$}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Decimal;

    #[test]
    fn writes_what_a_person_would() {
        let s = |v: f32| Decimal(v).to_string();
        assert_eq!(s(55.0), "55");
        assert_eq!(s(120.5), "120.5");
        assert_eq!(s(0.25), "0.25");
        assert_eq!(s(0.05), "0.05");
        assert_eq!(s(1.0 / 3.0), "0.333");
        assert_eq!(s(2.0006), "2.001");
        assert_eq!(s(-7.5), "-7.5");
        assert_eq!(s(-0.0001), "0");
        assert_eq!(s(0.0), "0");
        assert_eq!(s(f32::NAN), "NaN");
        assert_eq!(s(f32::INFINITY), "a huge number");
        assert_eq!(s(123_456_789.0), "123456792");
    }
}
