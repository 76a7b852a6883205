//! Words every English section shares: invented countries, cities, people
//! and clubs, and the sentences that fit any story.

use crate::words::{CommonWords, CountryWords, E, G::*};

const fn country(name: &'static str, cities: [&'static str; 3]) -> CountryWords {
    CountryWords {
        name: E(name, N),
        cities: [E(cities[0], N), E(cities[1], N), E(cities[2], N)],
    }
}

pub static COMMON: CommonWords = CommonWords {
    countries: &[
        country("Valmora", ["Portaven", "Selmouth", "Arlecca"]),
        country("Kestria", ["Ostreva", "Brenholt", "Vessling"]),
        country("Dorvania", ["Kellan", "Sorenza", "Velmar"]),
        country("Ellund", ["Norrvik", "Hessby", "Tallmark"]),
        country("Norvessa", ["Lindgard", "Pellerin", "Korvala"]),
        country("Brunland", ["Altmoor", "Wenzig", "Feldhaven"]),
        country("Sarvelia", ["Teodra", "Casavent", "Rivora"]),
        country("Kessar", ["Amrun", "Zedra", "Tilsa"]),
        country("Altenor", ["Mostrand", "Corvenna", "Hallis"]),
        country("Lirenza", ["Palvera", "Orvino", "Castrella"]),
    ],
    men: &[
        "Oskar Brandel", "Tomas Verhaal", "Anton Relling", "Matteo Scarvi", "Ivo Danek",
        "Lukas Orvald", "Henrik Solvang", "Pavel Strenko", "Rafael Ostin", "Jonas Mellberg",
        "Dario Ventris", "Aleksander Vorne", "Felix Arnhal", "Milan Kostrec", "Samuel Okoro",
        "Viktor Halloran",
    ],
    women: &[
        "Marta Ilvesson", "Elena Dravik", "Ingrid Salo", "Sofia Marrant", "Nadia Ferrow",
        "Clara Venn", "Agnes Vellmar", "Lucia Tarveni", "Hanna Brisk", "Irene Castellan",
        "Amara Keteku", "Petra Aulenk", "Yara Mendel", "Olga Tessarin", "Beatrix Colm",
        "Zofia Rennick",
    ],
    teams: &[
        E("Portaven Lighthouse", P),
        E("Arlecca Arrows", P),
        E("Ostreva Pennant", P),
        E("Kellan Stars", P),
        E("Norrvik Anchor", P),
        E("Altmoor Comets", P),
        E("Teodra Lightning", P),
        E("Amrun Volcano", P),
        E("Corvenna Tide", P),
        E("Palvera Granite", P),
        E("Lindgard Rapids", P),
        E("Brenholt Forge", P),
    ],
    weekdays: ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday"],
    months: [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ],
    context: &[
        "The announcement came {onday}, {date}, after several days of speculation in {capital}.",
        "Officials in {capital} did not give a timetable for the next steps.",
        "{^org} did not immediately respond to a request for comment.",
        "Similar measures were discussed in {country2} last year but were shelved after a public consultation.",
        "Local media in {city} reported that the issue had been debated for {years#year|years}.",
        "According to figures published by {org}, the number has risen by {pct}% over the past twelve months.",
        "Opposition politicians in {capital} called for more details to be made public.",
        "The decision is due to be reviewed in {n#month|months}.",
        "Residents of {city} who spoke to Dateline gave a mixed reaction.",
        "{^r2} {p2} urged caution in interpreting the figures.",
        "The subject has been widely discussed on social media in {country} since the beginning of the week.",
        "Dateline was unable to verify all of the details independently.",
    ],
    closers: &[
        "{^org} is due to publish a full report in {n#week|weeks}.",
        "The next round of talks is scheduled to take place in {capital} before the end of the month.",
        "Dateline will update this story as more information becomes available.",
        "A final decision is expected before the end of the year.",
        "{^p1s} is expected to return to the subject at a press conference later this week.",
        "Representatives of {org2} said they would study the details before commenting.",
    ],
    attributions: &[
        "{r1} {p1} told reporters",
        "{r1} {p1} said at a briefing in {capital}",
        "{p1s} said, as quoted by the press service of {org}",
        "reads a statement by {r2} {p2}",
        "{r2} {p2} told Dateline",
        "{p2s} wrote on social media",
        "{p1s} said in an interview with local television in {city}",
        "the {r1} told reporters",
    ],
    corrections: &[
        "Correction: an earlier version of this article gave an incorrect figure attributed to {org}. The text has been corrected.",
        "Correction: an earlier version of this article misspelled the name of {p2}.",
        "Correction: an earlier version of this article gave the wrong date for the announcement.",
    ],
};
