//! Procedural news pictures: scenes chosen by section (skylines, hills,
//! stadiums, stages…), painted from a seed and encoded as 1920×1080 JPEG.

mod canvas;
mod city;
mod civic;
mod land;
pub mod logo;
mod sky;
mod tech;
mod venues;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

pub use canvas::Canvas;

pub const WIDTH: u32 = 1920;
pub const HEIGHT: u32 = 1080;
pub const JPEG_QUALITY: u8 = 82;

/// What a picture shows. The order matches the caption lists in the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scene {
    Skyline,
    Hills,
    Parliament,
    Harbour,
    NightSky,
    Circuit,
    Stage,
    Gallery,
    Stadium,
    Track,
    Fields,
    Street,
}

impl Scene {
    pub const ALL: [Scene; 12] = [
        Scene::Skyline,
        Scene::Hills,
        Scene::Parliament,
        Scene::Harbour,
        Scene::NightSky,
        Scene::Circuit,
        Scene::Stage,
        Scene::Gallery,
        Scene::Stadium,
        Scene::Track,
        Scene::Fields,
        Scene::Street,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// Scenes that suit a section (World, Politics, Economy, Science,
    /// Culture, Sport, Society).
    pub fn for_section(section: usize) -> &'static [Scene] {
        match section {
            0 => &[Scene::Skyline, Scene::Hills, Scene::Harbour],
            1 => &[Scene::Parliament, Scene::Parliament, Scene::Skyline],
            2 => &[Scene::Harbour, Scene::Skyline, Scene::Fields],
            3 => &[Scene::NightSky, Scene::Circuit],
            4 => &[Scene::Stage, Scene::Gallery],
            5 => &[Scene::Stadium, Scene::Track],
            _ => &[Scene::Fields, Scene::Street, Scene::Hills],
        }
    }
}

/// Paints `scene` from `seed` at full size.
pub fn paint(scene: Scene, seed: u64) -> image::RgbImage {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut c = Canvas::new(WIDTH as usize, HEIGHT as usize);
    match scene {
        Scene::Skyline => city::skyline(&mut c, &mut rng),
        Scene::Hills => land::hills(&mut c, &mut rng),
        Scene::Parliament => civic::parliament(&mut c, &mut rng),
        Scene::Harbour => city::harbour(&mut c, &mut rng),
        Scene::NightSky => tech::night_sky(&mut c, &mut rng),
        Scene::Circuit => tech::circuit(&mut c, &mut rng),
        Scene::Stage => venues::stage(&mut c, &mut rng),
        Scene::Gallery => venues::gallery(&mut c, &mut rng),
        Scene::Stadium => venues::stadium(&mut c, &mut rng),
        Scene::Track => venues::track(&mut c, &mut rng),
        Scene::Fields => land::fields(&mut c, &mut rng),
        Scene::Street => civic::street(&mut c, &mut rng),
    }
    c.finish(&mut rng, 0.025)
}

/// Paints `scene` from `seed` and encodes it as a JPEG.
pub fn render_jpeg(scene: Scene, seed: u64) -> Result<Vec<u8>, jpeg_encoder::EncodingError> {
    let img = paint(scene, seed);
    let mut out = Vec::with_capacity(400_000);
    // The picture is 1920×1080, well inside the encoder's 16-bit sizes.
    jpeg_encoder::Encoder::new(&mut out, JPEG_QUALITY).encode(
        img.as_raw(),
        WIDTH as u16,
        HEIGHT as u16,
        jpeg_encoder::ColorType::Rgb,
    )?;
    Ok(out)
}
