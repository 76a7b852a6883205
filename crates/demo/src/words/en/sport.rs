//! Sport section, English: matches, cup finals, champions, doping cases,
//! coaching changes and stadiums.

use crate::words::{Kind, SectionWords, E, G::*};

pub static SPORT: SectionWords = SectionWords {
    slug: "sport",
    title: "Sport",
    description: "Results, transfers and the stories behind them, from league football to marathons, regattas and mountain roads.",
    roles: &["head coach", "team captain", "sports minister", "Olympic medallist", "striker", "federation president"],
    orgs: &[
        E("the national football federation", N),
        E("the national Olympic committee", N),
        E("the Premier Division", N),
        E("the anti-doping agency", N),
        E("the athletics federation", N),
        E("the national cycling union", N),
    ],
    things: &[
        E("the coastal marathon", N),
        E("the mountain cycling tour", N),
        E("the harbour regatta", N),
        E("the national athletics championships", N),
        E("the open tennis tournament", N),
        E("the alpine skiing cup", N),
    ],
    kinds: &[
        Kind {
            headlines: &[
                "{^team} beat {team2} {score}",
                "Late goal gives {team} victory over {team2}",
                "{^team2} lose to {team} in {city}",
                "{^team} go top of the table after {score} win",
                "{^team} extend winning run with victory over {team2}",
            ],
            leads: &[
                "{^team} beat {team2} {score} in {city} {onday}, scoring the decisive goal in the final minutes.",
                "A late goal from {p1} gave {team} a {score} win over {team2} {onday} and took the team to the top of the table.",
            ],
            paragraphs: &[
                "{^team2} had the better of the first half but could not convert their chances.",
                "A crowd of {big} watched the match.",
                "{^team} have now won {n#match|matches} in a row.",
            ],
            quotes: &[
                "We suffered for eighty minutes and then we found a way. That is what good teams do.",
                "The dressing room is happy, but nobody is getting carried away. The next match starts from zero.",
            ],
        },
        Kind {
            headlines: &[
                "{^team} win the national cup",
                "{^team} lift the national cup after {score} final win over {team2}",
                "{^team} beat {team2} in the cup final",
                "Celebrations in {city} as {team} take the national cup",
                "{^team} win the national cup for the first time in {years#year|years}",
            ],
            leads: &[
                "{^team} won the national cup {onday}, beating {team2} {score} in the final in front of {big#spectator|spectators} in {capital}.",
                "{^team} won the national cup for the first time in {years#year|years} after beating {team2} {score} in the final.",
            ],
            paragraphs: &[
                "Thousands of fans gathered in the centre of {city} to welcome the team.",
                "{^p1}, who scored twice, was named player of the match.",
                "The victory earns the club a place in next season's regional championship.",
            ],
            quotes: &[
                "We have waited so long for this. Tonight is for the fans who never stopped believing.",
                "Finals are not there to be played, they are there to be won. And we won it.",
            ],
        },
        Kind {
            headlines: &[
                "{^p1} wins {thing}",
                "{^p1} wins {thing} at the first attempt",
                "Victory for {p1} at {thing}",
                "{^p1} from {city} triumphs at {thing}",
                "Home crowd cheers {p1} to victory at {thing}",
            ],
            leads: &[
                "{^p1} from {city} won {thing} {onday}, beating rivals from {n#country|countries}.",
                "Cheered on by a home crowd, {p1} won {thing} {onday}, the biggest victory of {p1?his|her} career.",
            ],
            paragraphs: &[
                "{^p1s} took up the sport at the age of {n}.",
                "Second place went to {p2}, who finished strongly but could not close the gap.",
                "The win brings prize money of {big#crown|crowns} and a place at next year's international events.",
            ],
            quotes: &[
                "I could hear the crowd the whole time. Their support made the difference.",
                "This is a day I have dreamed of since childhood. It still does not feel real.",
            ],
        },
        Kind {
            headlines: &[
                "{^p2} suspended after positive doping test",
                "Anti-doping agency charges {p2}",
                "Doping scandal at {thing}",
                "{^p2} denies doping as a ban looms",
                "{^p2} banned for {years#year|years} after doping test",
            ],
            leads: &[
                "{^p2} has been suspended after a sample taken at {thing} showed traces of a banned substance, the anti-doping agency said {onday}.",
                "{^p2} said {onday} that {p2?he|she} had never taken banned substances and promised to appeal against any ban.",
            ],
            paragraphs: &[
                "{^p2s} has {n#day|days} to request analysis of the second sample.",
                "{^org} said it would not comment on the case until it was closed.",
                "If the ban is confirmed, the results from {thing} could be annulled.",
            ],
            quotes: &[
                "There has never been any cheating, and that will be proved. This career was built on hard work and nothing else.",
                "The rules are the same for everyone, whatever their name or their medals.",
            ],
        },
        Kind {
            headlines: &[
                "{^team} sack head coach after {n#defeat|defeats} in a row",
                "{^team} appoint {p1} as head coach",
                "{^p1} takes charge of {team}",
                "{^team} turn to {p1} to rescue their season",
                "Coaching change at {team} after poor run",
            ],
            leads: &[
                "{^team} parted company with their head coach {onday} after {n#defeat|defeats} in a row and appointed {p1} to the post.",
                "{^p1}, who previously worked in {country2}, has been appointed head coach of {team} with the task of avoiding relegation.",
            ],
            paragraphs: &[
                "{^team} are now just {n#point|points} above the relegation zone.",
                "{^p1s} has signed a contract until the end of next season.",
                "The club's supporters had demanded change after a heavy home defeat last weekend.",
            ],
            quotes: &[
                "This league is familiar ground, and so is what this club means to its city. Work starts tomorrow morning.",
                "Results decide everything in football. The dressing room needed a new voice.",
            ],
        },
        Kind {
            headlines: &[
                "New stadium in {city} to open next season",
                "{^city} unveils plans for a stadium with {big#seat|seats}",
                "Stadium in {city} to cost {money} million crowns",
                "Residents of {city} divided over new stadium",
                "Work on the new stadium in {city} ahead of schedule",
            ],
            leads: &[
                "A new stadium for {big#spectator|spectators} in {city} will open next season, the city authorities said {onday}; construction has cost {money} million crowns.",
                "Plans for a new stadium in {city} have divided residents: supporters welcome the investment, while neighbours fear traffic and noise.",
            ],
            paragraphs: &[
                "{^team} will play their home matches at the new ground.",
                "The stadium will also host concerts and athletics meetings.",
                "The old ground will be turned into a park with {n#playing field|playing fields}.",
            ],
            quotes: &[
                "This is not just a stadium. It is a place where the whole city will meet.",
                "We are in favour of a stadium, but we also want to be able to park outside our own homes.",
            ],
        },
    ],
    paragraphs: &[
        "{^team} and {team2} have been rivals for decades.",
        "Attendance at league matches in {country} has risen by {pct}% this season.",
        "{^org} has promised to invest more in youth academies.",
        "{^r2} {p2} said the result showed how far sport in {country} had come.",
        "The season ends in {n#week|weeks}.",
        "Tickets for the next home match went on sale {onday} and sold out within hours.",
    ],
    quotes: &[
        "Sport is the best advertisement a country can have.",
        "Talent gets you noticed. Only work keeps you there.",
        "Every child kicking a ball in the street is a future supporter, and maybe a future star.",
        "We respect every opponent, but we fear none.",
    ],
    headings: &["The match", "Key moments", "Reaction", "The table", "What's next"],
    tags: &["Football", "Athletics", "Cycling", "Tennis", "Sailing", "Doping", "Stadiums", "Transfers"],
};
