//! `smp-render`: render a consultation to PNG natively, with the same pixels as the browser.
//!
//! Modes: `--out FILE.png` renders one view; `--sheet FILE.png` renders a labelled contact
//! sheet of every preset (three-quarter front and top view each); `--measure` prints every
//! preset's measurements in real units. Exit status: 0 on success, 2 on bad input (the
//! message names the flag and the accepted values), 1 when the output cannot be written.

// Cargo also builds binaries when testing for wasm32; the CLI itself is native only.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use smp_visualiser::consultation::{Consultation, Sex};
    use smp_visualiser::hair::{HairColour, Hairstyle};
    use smp_visualiser::look::light::LightingPreset;
    use smp_visualiser::look::skin::Gloss;
    use smp_visualiser::plan::{Coverage, HairlineStyle};

    use smp_visualiser::loss::preset::ALL;
    use smp_visualiser::render::camera::{PITCH_RANGE, SIDE_RANGE, ZOOM_RANGE};
    use smp_visualiser::render::render_rgba;
    use smp_visualiser::scene::SceneBuilder;
    use smp_visualiser::sheet::Canvas;
    use smp_visualiser::{png_io, View};
    use std::process::ExitCode;

    const USAGE: &str = "usage: smp-render (--out FILE.png | --sheet FILE.png | --timeline FILE.png | --measure) \
[--width W] [--height H] [--yaw DEG] [--pitch DEG] [--zoom 0.25-16] [--consultation FILE.json] [--preset NAME] \
[--hairstyle NAME] [--hair-colour NAME] [--grey-fraction 0-1] [--coverage thinning|full-scalp] [--session 0-3] [--fresh] [--years 0-6] [--touch-up] [--hairline-style NAME] [--hairline-mm 55-100] [--mistake NAME] [--density N] [--lighting NAME] \
[--gloss matte|normal|oily] [--skin 1-10] [--sex male|female] \
[--seed N]";

    const FLAGS: &str = "--out, --sheet, --timeline, --measure, --width, --height, --yaw, --pitch, --zoom, \
--consultation, --preset, --hairstyle, --hair-colour, --grey-fraction, --coverage, --session, --fresh, --years, --touch-up, --hairline-style, --hairline-mm, --mistake, --density, --lighting, --gloss, --skin, --sex, \
--seed, --help";
    /// Flags that take a value.
    const VALUED: [&str; 25] = [
        "--session",
        "--density",
        "--hairstyle",
        "--hair-colour",
        "--grey-fraction",
        "--coverage",
        "--years",
        "--hairline-style",
        "--hairline-mm",
        "--mistake",
        "--lighting",
        "--gloss",
        "--out",
        "--sheet",
        "--timeline",
        "--width",
        "--height",
        "--yaw",
        "--pitch",
        "--zoom",
        "--consultation",
        "--preset",
        "--skin",
        "--sex",
        "--seed",
    ];

    enum Mode {
        Render(String),
        Sheet(String),
        Timeline(String),
        Measure,
    }

    struct Args {
        mode: Mode,
        view: View,
        consultation: Consultation,
        /// Whether `--hairstyle` (or a consultation file) chose the hairstyle.
        hairstyle_chosen: bool,
        /// Whether `--yaw` or `--pitch` chose the view, and `--width` or `--height` its size.
        view_chosen: bool,
        size_chosen: bool,
    }

    fn parse_num<T: std::str::FromStr>(flag: &str, v: &str, accepted: &str) -> Result<T, String> {
        v.parse()
            .map_err(|_| format!("{flag}: `{v}` is not a number; accepted: {accepted}"))
    }

    fn parse(argv: &[String]) -> Result<Option<Args>, String> {
        let mut mode = None;
        let mut view = View {
            width: 1024,
            height: 1024,
            yaw_deg: 0.0,
            pitch_deg: 0.0,
            zoom: 1.0,
        };
        let mut consultation = Consultation::default();
        let mut overrides: Vec<(String, String)> = Vec::new();
        let mut file_given = false;
        let sides = format!("{} to {} pixels", SIDE_RANGE.0, SIDE_RANGE.1);
        let pitches = format!("{} to {} degrees", PITCH_RANGE.0, PITCH_RANGE.1);
        let zooms = format!(
            "{} (across the room) to {} (close-up)",
            ZOOM_RANGE.0, ZOOM_RANGE.1
        );
        let mut it = argv.iter();
        while let Some(flag) = it.next() {
            match flag.as_str() {
                "--help" | "-h" => return Ok(None),
                "--measure" => {
                    mode = Some(Mode::Measure);
                    continue;
                }
                "--fresh" | "--touch-up" => {
                    overrides.push((flag.clone(), String::new()));
                    continue;
                }
                f if !VALUED.contains(&f) => {
                    return Err(format!("unknown flag `{flag}`; accepted: {FLAGS}"))
                }
                _ => {}
            }
            let v = it.next().ok_or_else(|| format!("{flag}: missing value"))?;
            match flag.as_str() {
                "--out" => mode = Some(Mode::Render(v.clone())),
                "--sheet" => mode = Some(Mode::Sheet(v.clone())),
                "--timeline" => mode = Some(Mode::Timeline(v.clone())),
                "--width" => view.width = parse_num(flag, v, &sides)?,
                "--height" => view.height = parse_num(flag, v, &sides)?,
                "--yaw" => view.yaw_deg = parse_num(flag, v, "any number of degrees")?,
                "--pitch" => view.pitch_deg = parse_num(flag, v, &pitches)?,
                "--zoom" => view.zoom = parse_num(flag, v, &zooms)?,
                "--consultation" => {
                    file_given = true;
                    let text = std::fs::read_to_string(v)
                        .map_err(|e| format!("--consultation: cannot read `{v}`: {e}"))?;
                    consultation = Consultation::from_json(&text)
                        .map_err(|e| format!("--consultation `{v}`: {e}"))?;
                }
                _ => overrides.push((flag.clone(), v.clone())),
            }
        }
        // Flags override the file, whichever order they came in.
        for (flag, v) in overrides {
            match flag.as_str() {
                "--skin" => consultation.skin = parse_num(&flag, &v, "Monk 1 to 10")?,
                "--preset" => {
                    consultation.preset = v.parse().map_err(|e| format!("--preset: {e}"))?
                }
                "--sex" => consultation.sex = Sex::parse(&v).map_err(|e| format!("--{e}"))?,
                "--session" => consultation.session = parse_num(&flag, &v, "0 (before) to 3")?,
                "--density" => {
                    consultation.plan.density_per_cm2 = parse_num(&flag, &v, "20 to 120 per cm²")?
                }
                "--hairstyle" => {
                    consultation.hairstyle =
                        Hairstyle::parse(&v).map_err(|e| format!("--hairstyle: {e}"))?
                }
                "--fresh" => consultation.fresh = true,
                "--touch-up" => consultation.touch_up = true,
                "--years" => consultation.years = parse_num(&flag, &v, "0 to 6 years")?,
                "--hairline-mm" => {
                    consultation.plan.hairline_mm = parse_num(&flag, &v, "55 to 100 mm")?
                }
                "--hairline-style" => {
                    consultation.plan.hairline_style =
                        HairlineStyle::parse(&v).map_err(|e| format!("--hairline-style: {e}"))?
                }
                "--mistake" => {
                    let m = &mut consultation.plan.mistakes;
                    match v.as_str() {
                        "too-deep" => m.too_deep = true,
                        "too-dense" => m.too_dense = true,
                        "too-dark" => m.too_dark = true,
                        "ruler-hairline" => m.ruler_hairline = true,
                        "too-low" => m.too_low = true,
                        _ => return Err(format!("--mistake: unknown value `{v}`; accepted: too-deep, too-dense, too-dark, ruler-hairline, too-low")),
                    }
                }
                "--hair-colour" => {
                    consultation.hair_colour =
                        HairColour::parse(&v).map_err(|e| format!("--hair-colour: {e}"))?
                }
                "--grey-fraction" => {
                    consultation.grey_fraction =
                        parse_num(&flag, &v, "0 (no grey) to 1 (all grey)")?
                }
                "--coverage" => {
                    consultation.plan.coverage =
                        Coverage::parse(&v).map_err(|e| format!("--coverage: {e}"))?
                }
                "--lighting" => {
                    consultation.lighting =
                        LightingPreset::parse(&v).map_err(|e| format!("--lighting: {e}"))?
                }
                "--gloss" => {
                    consultation.gloss = Gloss::parse(&v).map_err(|e| format!("--gloss: {e}"))?
                }
                "--seed" => consultation.seed = parse_num(&flag, &v, "0 to 18446744073709551615")?,
                _ => unreachable!("checked against the known flags"),
            }
        }
        consultation.validate().map_err(|e| format!("--{e}"))?;
        view.validate().map_err(|e| format!("--{e}"))?;
        let mode = mode.ok_or_else(|| {
            "--out: required (or --sheet FILE.png, or --measure); give the PNG file to write"
                .to_string()
        })?;
        let hairstyle_chosen = file_given || argv.iter().any(|a| a == "--hairstyle");
        let view_chosen = argv.iter().any(|a| a == "--yaw" || a == "--pitch");
        let size_chosen = argv.iter().any(|a| a == "--width" || a == "--height");
        Ok(Some(Args {
            mode,
            view,
            consultation,
            hairstyle_chosen,
            view_chosen,
            size_chosen,
        }))
    }

    fn write_png(path: &str, flag: &str, w: u32, h: u32, rgba: &[u8]) -> Result<(), ExitCode> {
        let png = png_io::encode(w, h, rgba).expect("valid RGBA");
        std::fs::write(path, png).map_err(|e| {
            eprintln!("smp-render: {flag}: cannot write `{path}`: {e}");
            ExitCode::from(1)
        })
    }

    /// The consultation for one preset on the sheet: its own sex of head.
    fn for_preset(base: &Consultation, p: smp_visualiser::loss::Preset) -> Consultation {
        let sex = if p.is_female_pattern() {
            Sex::Female
        } else {
            Sex::Male
        };
        Consultation {
            preset: p,
            sex,
            ..base.clone()
        }
    }

    fn sheet(base: &Consultation, path: &str) -> Result<(), ExitCode> {
        const CELL: u32 = 256;
        const LABEL: u32 = 22;
        const PER_ROW: u32 = 4;
        let rows = (ALL.len() as u32).div_ceil(PER_ROW);
        let mut canvas = Canvas::new(CELL * 2 * PER_ROW, (CELL + LABEL) * rows, [24, 26, 30]);
        let mut builder = SceneBuilder::default();
        // Female presets last, so each head is built once.
        let mut order: Vec<_> = ALL.iter().enumerate().collect();
        order.sort_by_key(|(_, (p, _))| p.is_female_pattern());
        for (i, (p, name)) in order {
            let scene = builder
                .build(&for_preset(base, *p))
                .expect("presets are valid");
            let (x, y) = (
                (i as u32 % PER_ROW) * CELL * 2,
                (i as u32 / PER_ROW) * (CELL + LABEL),
            );
            for (k, (yaw, pitch)) in [(35.0, 18.0), (0.0, 90.0)].into_iter().enumerate() {
                let view = View {
                    width: CELL,
                    height: CELL,
                    yaw_deg: yaw,
                    pitch_deg: pitch,
                    zoom: 1.0,
                };
                canvas.blit(
                    x + k as u32 * CELL,
                    y + LABEL,
                    CELL,
                    CELL,
                    &render_rgba(&scene, &view),
                );
            }
            canvas.text(x + 6, y + 4, name, 2, [236, 239, 243]);
        }
        write_png(path, "--sheet", canvas.width, canvas.height, &canvas.rgba)
    }

    fn timeline(base: &Consultation, view: &View, path: &str) -> Result<(), ExitCode> {
        let canvas = smp_visualiser::sheet::timeline_strip(base, view);
        write_png(
            path,
            "--timeline",
            canvas.width,
            canvas.height,
            &canvas.rgba,
        )
    }

    fn measure(base: &Consultation) {
        let mut builder = SceneBuilder::default();
        println!(
            "{:<22} {:>9} {:>15} {:>9} {:>10} {:>7} {:>8} {:>10} {:>15}",
            "preset",
            "hairline",
            "temple L/R",
            "crown",
            "front-to",
            "bridge",
            "bald",
            "fringe-b",
            "fringe-side L/R"
        );
        println!(
            "{:<22} {:>9} {:>15} {:>9} {:>10} {:>7} {:>8} {:>10} {:>15}",
            "", "mm", "mm", "mm", "mm", "frac", "cm2", "mm", "mm"
        );
        let opt = |v: Option<f32>| v.map_or("-".to_string(), |v| format!("{v:.0}"));
        for (p, name) in ALL {
            let scene = builder
                .build(&for_preset(base, p))
                .expect("presets are valid");
            let m = scene.loss.measure(&scene.head);
            let temple = format!("{:.0}/{:.0}", m.temple_depth_mm[0], m.temple_depth_mm[1]);
            let side = format!("{}/{}", opt(m.fringe_side_mm[0]), opt(m.fringe_side_mm[1]));
            println!(
                "{name:<22} {:>9.1} {temple:>15} {:>9.1} {:>10.1} {:>7.2} {:>8.1} {:>10} {side:>15}",
                m.hairline_mm, m.crown_mm, m.front_bald_to_mm, m.bridge_density, m.bald_cm2,
                opt(m.fringe_back_mm)
            );
        }
    }

    pub fn main() -> ExitCode {
        let argv: Vec<String> = std::env::args().skip(1).collect();
        let args = match parse(&argv) {
            Ok(Some(a)) => a,
            Ok(None) => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            Err(e) => {
                eprintln!("smp-render: {e}\n{USAGE}");
                return ExitCode::from(2);
            }
        };
        let result = match &args.mode {
            Mode::Render(path) => {
                let scene = SceneBuilder::default()
                    .build(&args.consultation)
                    .expect("validated");
                let rgba = render_rgba(&scene, &args.view);
                write_png(path, "--out", args.view.width, args.view.height, &rgba)
            }
            Mode::Sheet(path) => {
                // Patterns read best with some length: a #1 cut unless a hairstyle was chosen.
                let mut base = args.consultation.clone();
                if !args.hairstyle_chosen {
                    base.hairstyle = Hairstyle::Clipper1;
                }
                sheet(&base, path)
            }
            Mode::Timeline(path) => {
                // SMP clients shave; female clients keep long hair with a part. A view that
                // shows the frontal hairline and the crown, unless one was chosen.
                let mut base = args.consultation.clone();
                if !args.hairstyle_chosen {
                    base.hairstyle = if base.sex == Sex::Female {
                        Hairstyle::LongPart
                    } else {
                        Hairstyle::Razor
                    };
                }
                let mut view = args.view;
                if !args.view_chosen {
                    (view.yaw_deg, view.pitch_deg) = (20.0, 50.0);
                }
                if !args.size_chosen {
                    (view.width, view.height) = (256, 256);
                }
                timeline(&base, &view, path)
            }
            Mode::Measure => {
                measure(&args.consultation);
                Ok(())
            }
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        }
    }
}
