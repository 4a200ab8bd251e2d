use smp_visualiser::consultation::{Consultation, Sex};
use smp_visualiser::loss::preset::ALL;
use smp_visualiser::scene::SceneBuilder;
fn main() {
    let mut b = SceneBuilder::default();
    let lm = {
        let s = b.build(&Consultation::default()).unwrap();
        let l = s.head.landmarks.clone();
        println!("{:?}", l);
        for y in [20.0, 30.0, 40.0, 50.0, 60.0] {
            println!("circ at y={y}: {:.1}", circumference(&s.head.meshes[0], y));
        }
        let m = &s.head.meshes[0];
        let br = m
            .positions
            .iter()
            .filter(|p| p.y > 0.0)
            .map(|p| p.x.abs())
            .fold(0.0, f32::max);
        let len = m
            .positions
            .iter()
            .filter(|p| p.y > 20.0 && p.y < 50.0)
            .map(|p| p.z)
            .fold(0.0, f32::max)
            - m.positions
                .iter()
                .filter(|p| p.y > 0.0)
                .map(|p| p.z)
                .fold(0.0, f32::min);
        println!("breadth {:.1} length {:.1}", 2.0 * br, len);
        l
    };
    let _ = lm;
    for (p, name) in ALL {
        let c = Consultation {
            preset: p,
            sex: if p.is_female_pattern() {
                Sex::Female
            } else {
                Sex::Male
            },
            ..Consultation::default()
        };
        let t = std::time::Instant::now();
        let s = b.build(&c).unwrap();
        let ms = t.elapsed().as_millis();
        let m = s.loss.measure(&s.head);
        println!("{name:22} hl {:6.1} temple {:5.1}/{:5.1} apexz {:5.1}/{:5.1} crown {:5.1} fbt {:5.1} bridge {:.2} bald {:6.1} bearing {:6.1} fringe back {:?} side {:?} ({ms} ms)",
          m.hairline_mm, m.temple_depth_mm[0], m.temple_depth_mm[1], m.temple_apex_z_mm[0], m.temple_apex_z_mm[1], m.crown_mm, m.front_bald_to_mm, m.bridge_density, m.bald_cm2, m.hair_bearing_cm2, m.fringe_back_mm, m.fringe_side_mm);
    }
}
#[allow(dead_code)]
pub fn circumference(m: &smp_visualiser::scene::Mesh, y0: f32) -> f32 {
    let mut len = 0.0;
    for t in &m.triangles {
        let p = t.map(|k| m.positions[k as usize]);
        let mut pts = vec![];
        for (a, b) in [(p[0], p[1]), (p[1], p[2]), (p[2], p[0])] {
            if (a.y - y0) * (b.y - y0) < 0.0 {
                let f = (y0 - a.y) / (b.y - a.y);
                pts.push(a + (b - a) * f);
            }
        }
        if pts.len() == 2 {
            len += pts[0].distance(pts[1]);
        }
    }
    len
}
