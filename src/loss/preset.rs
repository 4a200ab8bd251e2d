//! Preset names: the shared kebab-case vocabulary (DESIGN §8) and "next stage" progressions.

use core::fmt;
use core::str::FromStr;

/// Every hair-loss preset the app offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    Norwood1,
    Norwood2,
    Norwood2a,
    Norwood3,
    Norwood3a,
    Norwood3Vertex,
    Norwood4,
    Norwood4a,
    Norwood5,
    Norwood5a,
    Norwood6,
    Norwood7,
    Ludwig1,
    Ludwig2,
    Ludwig3,
    SavinI1,
    SavinI2,
    SavinI3,
    SavinI4,
    SavinII1,
    SavinII2,
    SavinIII,
    SavinAdvanced,
    SavinFrontal,
    OlsenChristmasTree,
    Diffuse1,
    Diffuse2,
    Diffuse3,
    AlopeciaAreata,
    FutScar,
    FueScars,
}

use Preset::*;

/// All presets with their names, in the order a picker lists them.
pub const ALL: [(Preset, &str); 31] = [
    (Norwood1, "norwood-1"),
    (Norwood2, "norwood-2"),
    (Norwood2a, "norwood-2a"),
    (Norwood3, "norwood-3"),
    (Norwood3a, "norwood-3a"),
    (Norwood3Vertex, "norwood-3-vertex"),
    (Norwood4, "norwood-4"),
    (Norwood4a, "norwood-4a"),
    (Norwood5, "norwood-5"),
    (Norwood5a, "norwood-5a"),
    (Norwood6, "norwood-6"),
    (Norwood7, "norwood-7"),
    (Ludwig1, "ludwig-1"),
    (Ludwig2, "ludwig-2"),
    (Ludwig3, "ludwig-3"),
    (SavinI1, "savin-i-1"),
    (SavinI2, "savin-i-2"),
    (SavinI3, "savin-i-3"),
    (SavinI4, "savin-i-4"),
    (SavinII1, "savin-ii-1"),
    (SavinII2, "savin-ii-2"),
    (SavinIII, "savin-iii"),
    (SavinAdvanced, "savin-advanced"),
    (SavinFrontal, "savin-frontal"),
    (OlsenChristmasTree, "olsen-christmas-tree"),
    (Diffuse1, "diffuse-1"),
    (Diffuse2, "diffuse-2"),
    (Diffuse3, "diffuse-3"),
    (AlopeciaAreata, "alopecia-areata"),
    (FutScar, "fut-scar"),
    (FueScars, "fue-scars"),
];

impl Preset {
    #[must_use]
    pub fn name(self) -> &'static str {
        ALL.iter()
            .find(|(p, _)| *p == self)
            .map(|(_, n)| *n)
            .expect("every preset is named")
    }

    /// A label for people: "Norwood III vertex", "Savin I-2", "FUT strip scar". A table, not
    /// built from the name: building them took 2.8 KB of wasm.
    #[must_use]
    pub fn label(self) -> String {
        match self {
            Norwood1 => "Norwood I",
            Norwood2 => "Norwood II",
            Norwood2a => "Norwood IIa",
            Norwood3 => "Norwood III",
            Norwood3a => "Norwood IIIa",
            Norwood3Vertex => "Norwood III vertex",
            Norwood4 => "Norwood IV",
            Norwood4a => "Norwood IVa",
            Norwood5 => "Norwood V",
            Norwood5a => "Norwood Va",
            Norwood6 => "Norwood VI",
            Norwood7 => "Norwood VII",
            Ludwig1 => "Ludwig I",
            Ludwig2 => "Ludwig II",
            Ludwig3 => "Ludwig III",
            SavinI1 => "Savin I-1",
            SavinI2 => "Savin I-2",
            SavinI3 => "Savin I-3",
            SavinI4 => "Savin I-4",
            SavinII1 => "Savin II-1",
            SavinII2 => "Savin II-2",
            SavinIII => "Savin III",
            SavinAdvanced => "Savin advanced",
            SavinFrontal => "Savin frontal",
            OlsenChristmasTree => "Olsen \"Christmas tree\"",
            Diffuse1 => "Diffuse thinning, grade 1",
            Diffuse2 => "Diffuse thinning, grade 2",
            Diffuse3 => "Diffuse thinning, grade 3",
            AlopeciaAreata => "Alopecia areata patches",
            FutScar => "FUT strip scar",
            FueScars => "FUE dot scars",
        }
        .into()
    }

    /// The accepted names, comma-separated, for error messages.
    #[must_use]
    pub fn names() -> String {
        ALL.iter().map(|(_, n)| *n).collect::<Vec<_>>().join(", ")
    }

    /// Female-pattern presets: drawn on the female head by default.
    #[must_use]
    pub fn is_female_pattern(self) -> bool {
        matches!(
            self,
            Ludwig1
                | Ludwig2
                | Ludwig3
                | SavinI1
                | SavinI2
                | SavinI3
                | SavinI4
                | SavinII1
                | SavinII2
                | SavinIII
                | SavinAdvanced
                | SavinFrontal
                | OlsenChristmasTree
        )
    }

    /// The pattern this one is likely to progress to; `None` where nothing further is
    /// predictable (Norwood VII, Ludwig III, Savin advanced, diffuse 3) or loss is not
    /// progressive (scars) or not predictable in shape (alopecia areata).
    #[must_use]
    pub fn next_stage(self) -> Option<Preset> {
        Some(match self {
            Norwood1 => Norwood2,
            Norwood2 => Norwood3,
            Norwood2a => Norwood3a,
            Norwood3 | Norwood3Vertex => Norwood4,
            Norwood3a => Norwood4a,
            Norwood4 => Norwood5,
            Norwood4a => Norwood5a,
            Norwood5 | Norwood5a => Norwood6,
            Norwood6 => Norwood7,
            Ludwig1 => Ludwig2,
            Ludwig2 => Ludwig3,
            SavinI1 => SavinI2,
            SavinI2 => SavinI3,
            SavinI3 => SavinI4,
            SavinI4 => SavinII1,
            SavinII1 => SavinII2,
            SavinII2 | SavinFrontal => SavinIII,
            SavinIII => SavinAdvanced,
            OlsenChristmasTree => Ludwig2,
            Diffuse1 => Diffuse2,
            Diffuse2 => Diffuse3,
            Norwood7 | Ludwig3 | SavinAdvanced | Diffuse3 | AlopeciaAreata | FutScar | FueScars => {
                return None
            }
        })
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown preset name; the message lists the accepted ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownPreset(pub String);

impl fmt::Display for UnknownPreset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown preset `{}`; accepted: {}",
            self.0,
            Preset::names()
        )
    }
}

impl std::error::Error for UnknownPreset {}

impl FromStr for Preset {
    type Err = UnknownPreset;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ALL.iter()
            .find(|(_, n)| *n == s)
            .map(|(p, _)| *p)
            .ok_or_else(|| UnknownPreset(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_lists_all() {
        for (p, n) in ALL {
            assert_eq!(n.parse::<Preset>().unwrap(), p);
            assert_eq!(p.to_string(), n);
        }
        let e = "norwood-8".parse::<Preset>().unwrap_err().to_string();
        assert!(
            e.contains("norwood-8") && e.contains("norwood-7") && e.contains("fue-scars"),
            "{e}"
        );
    }

    #[test]
    fn labels_read_like_the_scales() {
        assert_eq!(Norwood3Vertex.label(), "Norwood III vertex");
        assert_eq!(Norwood5a.label(), "Norwood Va");
        assert_eq!(Norwood7.label(), "Norwood VII");
        assert_eq!(Ludwig2.label(), "Ludwig II");
        assert_eq!(SavinI3.label(), "Savin I-3");
        assert_eq!(SavinII1.label(), "Savin II-1");
        assert_eq!(Diffuse2.label(), "Diffuse thinning, grade 2");
    }

    #[test]
    fn next_stage_never_loops_back() {
        for (p, _) in ALL {
            let mut seen = vec![p];
            let mut q = p;
            while let Some(n) = q.next_stage() {
                assert!(!seen.contains(&n), "{p} loops");
                seen.push(n);
                q = n;
            }
        }
    }
}
