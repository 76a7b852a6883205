//! Culture section, English: premieres, museums, festivals, books,
//! orchestras and archaeology.

use crate::words::{Kind, SectionWords, E, G::*};

pub static CULTURE: SectionWords = SectionWords {
    slug: "culture",
    title: "Culture",
    description: "Stage and screen, books and music, museums and heritage: the arts and the people who make them.",
    roles: &["culture minister", "museum director", "festival director", "conductor", "art critic", "novelist"],
    orgs: &[
        E("the National Theatre", N),
        E("the Museum of Modern Art", N),
        E("the Philharmonic Orchestra", N),
        E("the National Library", N),
        E("the Open Screen film festival", N),
        E("the Harbour Gallery", N),
    ],
    things: &[
        E("the opera The Salt Road", N),
        E("the play The Quiet Harbour", N),
        E("the film The Last Ferry", N),
        E("the musical Northern Lights", N),
        E("the ballet The Glass Bird", N),
        E("the documentary Voices of the Valley", N),
    ],
    kinds: &[
        Kind {
            headlines: &[
                "{^thing} receives a standing ovation at its premiere in {capital}",
                "Critics praise {thing} after its premiere in {city}",
                "Tickets for {thing} sell out in {n#hour|hours}",
                "{^thing}: a bold premiere in {city}",
                "First night of {thing} in {city} plays to a full house",
            ],
            leads: &[
                "{^thing} was presented to the public in {city} {onday}, and a sold-out audience of {big#person|people} gave it a standing ovation.",
                "Critics have called {thing}, which had its premiere in {city} {onday}, one of the most ambitious productions in {country} in {years#year|years}.",
            ],
            paragraphs: &[
                "The production took {years#year|years} to prepare.",
                "{^r2} {p2} called the premiere \"a rare work that trusts its audience\".",
                "Further performances are planned in {country2} next season.",
            ],
            quotes: &[
                "We wanted to make something that people would still be arguing about on the tram home.",
                "Every night on stage is a conversation with the audience. Tonight they answered.",
            ],
        },
        Kind {
            headlines: &[
                "Painting stolen {years#year|years} ago returns to the museum in {city}",
                "Stolen landscape back on display in {city}",
                "Museum in {city} celebrates the return of a stolen painting",
                "How a stolen painting found its way back to {country}",
                "Police in {country2} recover painting taken from museum in {city}",
            ],
            leads: &[
                "A landscape stolen from the museum in {city} {years#year|years} ago went back on display {onday} after it was found by police in {country2}.",
                "A painting that disappeared from the museum in {city} {years#year|years} ago has come home, without its frame but with the canvas intact.",
            ],
            paragraphs: &[
                "The painting was found during a search of a warehouse in {country2}, together with {n#other work|other works}.",
                "Restorers say it needs only light cleaning before it can go on permanent display.",
                "The museum has since installed new alarms and doubled the number of guards.",
            ],
            quotes: &[
                "For years we walked past that empty wall every morning. Today it is not empty any more.",
                "Art belongs to the public. It has been a long journey, but the painting is home.",
            ],
        },
        Kind {
            headlines: &[
                "Arts festival opens in {city} with a record number of premieres",
                "{^thing} wins the top prize at the arts festival in {city}",
                "Arts festival in {city} draws {big#visitor|visitors} on its first weekend",
                "Open-air concerts and street theatre as festival begins in {city}",
                "Arts festival returns to {city} after {years#year|years}",
            ],
            leads: &[
                "The arts festival in {city} opened {onday} with {n#premiere|premieres}, open-air concerts, street theatre and film screenings.",
                "More than {big#visitor|visitors} attended the first weekend of the arts festival in {city}, where {thing} has been one of the most talked-about events.",
            ],
            paragraphs: &[
                "This year's programme features artists from {n#country|countries}.",
                "Organisers say the festival brings about {money} million crowns into the local economy.",
                "Hotels in {city} report that almost all rooms are booked until the end of the festival.",
            ],
            quotes: &[
                "A festival is a city's way of saying to strangers: come in, sit down, stay a while.",
                "We put the programme together for the curious, not for those looking for comfort.",
            ],
        },
        Kind {
            headlines: &[
                "{^p1} wins the national book prize",
                "Novel about life in {city} wins the national book prize",
                "{^p1} wins the national book prize for a novel about life in {city}",
                "{^p1} wins the national book prize with a debut novel",
                "National book prize goes to a novel about life in {city}",
            ],
            leads: &[
                "{^p1} has won the national book prize for a novel about three generations of a family from {city}, the jury announced {onday}.",
                "A debut novel about life in {city} has won the national book prize, beating {n#other finalist|other finalists}.",
            ],
            paragraphs: &[
                "The prize comes with a cash award and a grant for translating the book.",
                "Before turning to writing full time, {p1s} worked as a teacher in {city} for {years#year|years}.",
                "Sales of the novel have tripled since it was shortlisted.",
            ],
            quotes: &[
                "This book belongs to the people of {city}. All that was left to do was to write down what they told me.",
                "Literature is the slowest kind of news. It arrives late, but it stays.",
            ],
        },
        Kind {
            headlines: &[
                "Philharmonic orchestra of {country} announces a tour of {country2}",
                "{^p1} to conduct the national orchestra on its first tour in {years#year|years}",
                "Orchestra from {city} heads to {country2} on tour",
                "National orchestra to present a new symphony in {country2}",
                "Farewell concert in {city} before the orchestra's tour of {country2}",
            ],
            leads: &[
                "The national orchestra of {country}, conducted by {p1}, gave a farewell concert in {city} {onday} before its first foreign tour in {years#year|years}, which will take it to {country2}.",
                "{^p1} will conduct the national orchestra of {country} on a tour of {country2} that includes {n#concert|concerts} and a new symphony.",
            ],
            paragraphs: &[
                "The tour was made possible by a grant of {money} million crowns from the culture ministry.",
                "The programme pairs classics with works by young composers from {country}.",
                "Tickets for the concerts in {country2} are almost sold out.",
            ],
            quotes: &[
                "Music is the one language that every audience in the world speaks fluently.",
                "These young musicians have earned the right to be heard far from home.",
            ],
        },
        Kind {
            headlines: &[
                "Archaeologists uncover remains of an ancient harbour town near {city}",
                "Ancient harbour found under fields near {city}",
                "Dig near {city} rewrites the early history of {country}",
                "Archaeologists race to study ancient harbour near {city} before winter",
                "What the ancient harbour near {city} tells us about the past of {country}",
            ],
            leads: &[
                "Archaeologists digging near {city} have uncovered the remains of a harbour town that they estimate to be about {big#year|years} old, the heritage agency said {onday}.",
                "Remains of stone quays, warehouses and {n#boat|boats} have been found under farmland near {city}, in what researchers call one of the most important finds in {country} in {years#year|years}.",
            ],
            paragraphs: &[
                "The site was discovered by chance during the construction of a new road.",
                "Finds so far include pottery, fishing weights and a carved wooden figure.",
                "The heritage agency has asked the government for {money} million crowns to protect the site.",
            ],
            quotes: &[
                "We expected to find a couple of pots. We found a whole town.",
                "Every layer of soil here is a page of a book that nobody has opened for a thousand years.",
            ],
        },
    ],
    paragraphs: &[
        "{^org} has been struggling with funding cuts for the past {years#year|years}.",
        "This season, audiences in {country} have returned to theatres and concert halls in record numbers.",
        "{^r2} {p2} said culture was \"not a luxury, but infrastructure\".",
        "The government has promised to increase the culture budget by {pct}% next year.",
        "Many young artists from {city} have moved to {country2} in search of work.",
        "{^org2} plans to show more of its programme online.",
    ],
    quotes: &[
        "A city without a stage is a city without a mirror.",
        "Art does not have to be comfortable. It has to be honest.",
        "Culture is what remains when the news moves on.",
        "We have not lost young audiences. We just have to meet them where they are.",
    ],
    headings: &["On stage", "The critics' verdict", "Behind the scenes", "A long history", "What to see"],
    tags: &["Theatre", "Music", "Cinema", "Literature", "Museums", "Festivals", "Heritage", "Art"],
};
