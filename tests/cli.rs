//! The CLI: bad input exits 2 naming the flag and accepted values; good input writes the PNG.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_smp-render"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn unknown_flag_exits_2_listing_accepted_flags() {
    let (code, err) = run(&["--colour", "red"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--colour") && err.contains("--width") && err.contains("--pitch"),
        "{err}"
    );
}

#[test]
fn out_of_range_values_exit_2_naming_flag_and_range() {
    for (args, needle) in [
        (
            vec!["--out", "x.png", "--width", "9000"],
            "--width: 9000 is out of range; accepted: 16 to 4096",
        ),
        (
            vec!["--out", "x.png", "--pitch", "120"],
            "--pitch: 120 is out of range; accepted: -60 to 90",
        ),
        (
            vec!["--out", "x.png", "--skin", "11"],
            "--skin: 11 is out of range; accepted: Monk 1 to 10",
        ),
        (
            vec!["--out", "x.png", "--yaw", "left"],
            "--yaw: `left` is not a number",
        ),
        (
            vec!["--out", "x.png", "--sex", "other"],
            "accepted: male, female",
        ),
        (vec!["--width", "64"], "--out: required"),
    ] {
        let (code, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn bad_consultation_file_exits_2_naming_the_field() {
    let dir = std::env::temp_dir().join(format!("smp-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("c.json");
    std::fs::write(&file, r#"{"skin": 4, "hair-dye": "blue"}"#).unwrap();
    let (code, err) = run(&["--out", "x.png", "--consultation", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("hairstyle") && err.contains("head-scale"),
        "{err}"
    );
}

#[test]
fn writes_a_png_of_the_requested_size() {
    let dir = std::env::temp_dir().join(format!("smp-cli-ok-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("head.png");
    let (code, err) = run(&[
        "--out",
        out.to_str().unwrap(),
        "--width",
        "96",
        "--height",
        "64",
        "--yaw",
        "-30",
    ]);
    assert_eq!(code, 0, "{err}");
    let (w, h, px) = smp_visualiser::png_io::decode(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!((w, h, px.len()), (96, 64, 96 * 64 * 4));
}

#[test]
fn unknown_preset_exits_2_listing_the_presets() {
    let (code, err) = run(&["--out", "x.png", "--preset", "norwood-9"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("norwood-9")
            && err.contains("norwood-3-vertex")
            && err.contains("savin-frontal"),
        "{err}"
    );
}

#[test]
fn sheet_has_a_labelled_cell_pair_for_every_preset() {
    let dir = std::env::temp_dir().join(format!("smp-cli-sheet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("sheet.png");
    let (code, err) = run(&["--sheet", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (w, h, px) = smp_visualiser::png_io::decode(&std::fs::read(&out).unwrap()).unwrap();
    // 4 presets per row, 2 cells of 256 px each; 31 presets → 8 rows of 256 + 22 px label.
    assert_eq!((w, h), (2048, 8 * 278));
    // The label strip of the first cell has white text pixels.
    let lit = (0..22 * 512).filter(|&i| {
        let (x, y) = (i % 512, i / 512);
        px[(y * 2048 + x) * 4] > 200
    });
    assert!(lit.count() > 100);
}

#[test]
fn measure_prints_every_preset_in_real_units() {
    let out = Command::new(env!("CARGO_BIN_EXE_smp-render"))
        .arg("--measure")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().count(),
        2 + smp_visualiser::loss::preset::ALL.len()
    );
    assert!(text.contains("norwood-7") && text.contains("cm2"));
}

#[test]
fn unknown_lighting_and_gloss_exit_2_listing_the_choices() {
    let (code, err) = run(&["--out", "x.png", "--lighting", "disco"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("disco") && err.contains("warm-home") && err.contains("flash"),
        "{err}"
    );
    let (code, err) = run(&["--out", "x.png", "--gloss", "wet"]);
    assert_eq!(code, 2);
    assert!(err.contains("matte, normal, oily"), "{err}");
}

#[test]
fn timeline_writes_a_labelled_strip_and_plan_flags_are_checked() {
    let path = std::env::temp_dir().join("smp-cli-timeline.png");
    let p = path.to_str().unwrap();
    let (code, err) = run(&[
        "--timeline",
        p,
        "--preset",
        "norwood-5",
        "--width",
        "64",
        "--height",
        "64",
        "--hairline-style",
        "broken",
    ]);
    assert_eq!(code, 0, "{err}");
    let (w, h, rgba) = smp_visualiser::png_io::decode(&std::fs::read(&path).unwrap()).unwrap();
    // Seven stops side by side, a label row above.
    assert_eq!((w, h), (7 * 64, 64 + 22));
    // Before and 5 years differ (pigment), cell by cell.
    let cell = |i: usize| -> Vec<u8> {
        (22..h as usize)
            .flat_map(|y| rgba[(y * w as usize + i * 64) * 4..][..64 * 4].to_vec())
            .collect()
    };
    assert_ne!(cell(0), cell(6));
    for (args, needle) in [
        (
            vec!["--out", "x.png", "--years", "9", "--session", "3"],
            "--years: 9 is out of range; accepted: 0 to 6",
        ),
        (
            vec!["--out", "x.png", "--fresh"],
            "--fresh: needs a session",
        ),
        (
            vec!["--out", "x.png", "--mistake", "sloppy"],
            "accepted: too-deep, too-dense",
        ),
        (vec!["--out", "x.png", "--hairline-mm", "30"], "55 to 100"),
    ] {
        let (code, err) = run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
