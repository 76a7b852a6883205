//! Arabic words: one file per section, plus shared words and the media desk's.

mod common;
mod culture;
mod desk;
mod economy;
mod politics;
mod science;
mod society;
mod sport;
mod world;

use crate::words::LanguageWords;

pub static WORDS: LanguageWords = LanguageWords {
    common: &common::COMMON,
    desk: &desk::DESK,
    sections: [
        &world::WORLD,
        &politics::POLITICS,
        &economy::ECONOMY,
        &science::SCIENCE,
        &culture::CULTURE,
        &sport::SPORT,
        &society::SOCIETY,
    ],
};
