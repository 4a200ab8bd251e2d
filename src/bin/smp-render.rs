//! `smp-render`: render a consultation to PNG natively, with the same pixels as the browser.
//!
//! Exit status: 0 on success, 2 on bad input (the message names the flag and the accepted
//! values), 1 when the output cannot be written.

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
    use smp_visualiser::render::camera::{PITCH_RANGE, SIDE_RANGE};
    use smp_visualiser::{png_io, render_consultation, View};
    use std::process::ExitCode;

    const USAGE: &str = "usage: smp-render --out FILE.png [--width W] [--height H] [--yaw DEG] \
    [--pitch DEG] [--consultation FILE.json] [--skin 1-10] [--sex male|female] [--seed N]";
    const FLAGS: &str = "--out, --width, --height, --yaw, --pitch, --consultation, --skin, --sex, \
    --seed, --help";

    struct Args {
        out: String,
        view: View,
        consultation: Consultation,
    }

    fn parse_num<T: std::str::FromStr>(flag: &str, v: &str, accepted: &str) -> Result<T, String> {
        v.parse()
            .map_err(|_| format!("{flag}: `{v}` is not a number; accepted: {accepted}"))
    }

    fn parse(argv: &[String]) -> Result<Option<Args>, String> {
        let mut out = None;
        let mut view = View {
            width: 1024,
            height: 1024,
            yaw_deg: 0.0,
            pitch_deg: 0.0,
        };
        let mut consultation = Consultation::default();
        let mut overrides: Vec<(String, String)> = Vec::new();
        let sides = format!("{} to {} pixels", SIDE_RANGE.0, SIDE_RANGE.1);
        let pitches = format!("{} to {} degrees", PITCH_RANGE.0, PITCH_RANGE.1);
        let mut it = argv.iter();
        while let Some(flag) = it.next() {
            if flag == "--help" || flag == "-h" {
                return Ok(None);
            }
            let known = [
                "--out",
                "--width",
                "--height",
                "--yaw",
                "--pitch",
                "--consultation",
                "--skin",
                "--sex",
                "--seed",
            ];
            if !known.contains(&flag.as_str()) {
                return Err(format!("unknown flag `{flag}`; accepted: {FLAGS}"));
            }
            let v = it.next().ok_or_else(|| format!("{flag}: missing value"))?;
            match flag.as_str() {
                "--out" => out = Some(v.clone()),
                "--width" => view.width = parse_num(flag, v, &sides)?,
                "--height" => view.height = parse_num(flag, v, &sides)?,
                "--yaw" => view.yaw_deg = parse_num(flag, v, "any number of degrees")?,
                "--pitch" => view.pitch_deg = parse_num(flag, v, &pitches)?,
                "--consultation" => {
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
                "--sex" => consultation.sex = Sex::parse(&v).map_err(|e| format!("--{e}"))?,
                "--seed" => consultation.seed = parse_num(&flag, &v, "0 to 18446744073709551615")?,
                _ => unreachable!("checked against the known flags"),
            }
        }
        consultation.validate().map_err(|e| format!("--{e}"))?;
        view.validate().map_err(|e| format!("--{e}"))?;
        let out = out.ok_or_else(|| "--out: required; give the PNG file to write".to_string())?;
        Ok(Some(Args {
            out,
            view,
            consultation,
        }))
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
        let rgba = match render_consultation(&args.consultation, &args.view) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("smp-render: {e}");
                return ExitCode::from(2);
            }
        };
        let png = png_io::encode(args.view.width, args.view.height, &rgba).expect("valid RGBA");
        if let Err(e) = std::fs::write(&args.out, png) {
            eprintln!("smp-render: --out: cannot write `{}`: {e}", args.out);
            return ExitCode::from(1);
        }
        ExitCode::SUCCESS
    }
}
