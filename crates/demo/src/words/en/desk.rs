//! English words of the newsroom desk: bylines, photo credits and the
//! captions of the media bank's pictures.

use crate::words::DeskWords;

pub static DESK: DeskWords = DeskWords {
    edition_name: "Dateline International",
    authors: &[
        "Harriet Quill", "Daniel Ashcombe", "Mira Castellane", "Owen Threlfall", "Leonie Marwick",
        "Tobias Wrenfield", "Grace Adeyemo-Hart", "Samir Elhadi",
    ],
    author_bios: &[
        "Harriet Quill covers diplomacy and regional security from the Dateline International newsroom.",
        "Daniel Ashcombe writes about parliaments, elections and the people who run for office.",
        "Mira Castellane is Dateline's economics correspondent, following markets, trade and jobs.",
        "Owen Threlfall reports on science, space and technology.",
        "Leonie Marwick covers theatre, books and music, and edits the weekend culture pages.",
        "Tobias Wrenfield is a sports reporter who has covered four regional championships.",
        "Grace Adeyemo-Hart writes about housing, schools and health in the region's cities.",
        "Samir Elhadi is a general news reporter on the overnight desk.",
    ],
    photographers: &[
        "Lena Marrow", "Jakob Tessel", "Ines Carvallo", "Rupert Hale", "Aiko Brenner", "Marek Solano",
        "Petra Dunmore", "Karim Oulad",
    ],
    agencies: &["Northwind Pictures", "Harbourlight Photo", "Meridian Press Images", "Dateline"],
    credit_prefix: "© Photo: ",
    staff_source: "Dateline media bank",
    logo_caption: "Dateline International logo",
    scene_captions: &[
        &["Evening lights over {city}", "The skyline of {capital} at dusk"],
        &["Morning mist over the hills near {city}", "Hills outside {city} at sunrise"],
        &["The parliament building in {capital}", "The government quarter of {capital}"],
        &["Cargo cranes in the port of {city}", "The container terminal in {city} at sunset"],
        &["The observatory above {city} on a clear night", "Stars over the research station near {city}"],
        &["A visualisation of network traffic at a research laboratory in {city}", "Data lines on a screen at a technology centre in {city}"],
        &["The stage of the national theatre in {capital}", "Spotlights during a rehearsal in {city}"],
        &["An installation at the museum of modern art in {city}", "Works on display at a gallery in {capital}"],
        &["Floodlights at the stadium in {city}", "The national stadium in {capital} before kick-off"],
        &["The athletics track in {city}", "Running lanes at the sports centre in {city}"],
        &["Fields outside {city} in the late afternoon", "Farmland near {city} at harvest time"],
        &["A residential street in {city} in the evening", "Evening in an old district of {capital}"],
    ],
    scene_alts: &[
        "City skyline at dusk with lit windows reflected in the water",
        "Layered hills fading into haze under a low sun",
        "A government building with columns and a dome against the sky",
        "Silhouettes of port cranes and stacked containers by the water",
        "A starry night sky above a dark ridge with an observatory dome",
        "Glowing lines and nodes on a dark background",
        "A theatre stage with red curtains lit by spotlights",
        "Large coloured shapes on a gallery wall",
        "A floodlit football pitch and stands at night",
        "Curving lanes of an athletics track",
        "Rows of crops running towards a line of trees under a wide sky",
        "A row of houses with lit windows along an evening street",
    ],
};
