//! Politics section, English: elections, laws, resignations, protests.

use crate::words::{Kind, SectionWords, E, G::*};

pub static POLITICS: SectionWords = SectionWords {
    slug: "politics",
    title: "Politics",
    description: "Elections, parliaments and governments: who holds power, how they use it, and who is trying to take it from them.",
    roles: &["prime minister", "interior minister", "speaker of parliament", "opposition leader", "government spokesperson", "justice minister"],
    orgs: &[
        E("the Civic Renewal Party", N),
        E("the Green Coast movement", N),
        E("the Labour and Land alliance", N),
        E("the National Unity Party", N),
        E("the Free Cities League", N),
        E("the Social Democratic Union", N),
    ],
    things: &[
        E("the pension reform", N),
        E("the new electoral law", N),
        E("the budget for next year", N),
        E("the regional autonomy bill", N),
        E("the media law", N),
        E("the public sector pay freeze", N),
    ],
    kinds: &[
        Kind {
            headlines: &[
                "{^country} votes as {p1} seeks a second term",
                "Early results put {org} ahead in parliamentary election in {country}",
                "Voters in {country} choose a new parliament",
                "{^org} claims victory in election in {country}",
                "Polling stations close in {country} after a tense campaign",
            ],
            leads: &[
                "Polls closed in {country} {onday} after a campaign dominated by {thing}, with early counts suggesting a close race between {org} and {org2}.",
                "Voters in {country} went to the polls {onday} in a parliamentary election that {r1} {p1} had called the most important in a generation.",
            ],
            paragraphs: &[
                "The electoral commission said turnout had exceeded that of the previous election by mid-afternoon.",
                "{^org} led the opinion polls for most of the campaign, but its lead narrowed in the final {n#week|weeks}.",
                "Observers from {n#country|countries} monitored the vote.",
            ],
            quotes: &[
                "People are tired of promises. They want to see a government that keeps its word.",
                "Whatever the result, tonight belongs to the voters who queued in the rain to be heard.",
            ],
        },
        Kind {
            headlines: &[
                "Parliament of {country} approves {thing} after marathon debate",
                "Lawmakers in {country} pass {thing} by a margin of {n#vote|votes}",
                "{^org} vows to challenge {thing} in the constitutional court",
                "Protests outside parliament as {country} adopts {thing}",
                "{^country} adopts {thing} despite opposition walkout",
            ],
            leads: &[
                "Lawmakers in {capital} approved {thing} {onday} by a margin of {n#vote|votes}, after a debate that lasted late into the night.",
                "The parliament of {country} has adopted {thing}, handing {r1} {p1} a hard-won victory.",
            ],
            paragraphs: &[
                "{^org} voted against, saying the measure had been rushed through without proper discussion.",
                "The measure will come into force in {n#month|months} if the president signs it.",
                "Several hundred protesters gathered outside the parliament building during the vote.",
            ],
            quotes: &[
                "This is not the end of the debate. It is the beginning of the work of making the measure fair.",
                "We were elected to make difficult decisions, not to put them off for another {years#year|years}.",
            ],
        },
        Kind {
            headlines: &[
                "{^r1} {p1} resigns after {years#year|years} in office",
                "Government reshuffle in {country} as {p1} steps down",
                "{^p2} to replace {p1} as {r1}",
                "Surprise resignation shakes the governing coalition in {country}",
                "{^p1} resigns over differences on {thing}",
            ],
            leads: &[
                "{^r1} {p1} resigned {onday}, saying {p1?he|she} could no longer support the government's position on {thing}.",
                "The government of {country} was thrown into crisis {onday} by the resignation of {r1} {p1}, one of its most influential members.",
            ],
            paragraphs: &[
                "{^p2} is expected to take over the post until the end of the parliamentary term.",
                "{^p1s} had held the job for {years#year|years} and was widely seen as a future leader of {org}.",
                "{^org2} said the resignation showed that the coalition was running out of time.",
            ],
            quotes: &[
                "I cannot ask people to defend a policy I no longer believe in.",
                "Politics is a relay, not a marathon. It is time to pass the baton.",
            ],
        },
        Kind {
            headlines: &[
                "Prosecutors in {country} open inquiry into public contracts worth {money} million crowns",
                "{^r2} {p2} questioned in corruption inquiry",
                "Anti-corruption raids at ministries in {capital}",
                "Audit finds irregularities in {money} million crowns of spending in {city}",
                "{^org} demands resignations as corruption inquiry widens",
            ],
            leads: &[
                "Prosecutors in {country} said {onday} they had opened an inquiry into public contracts worth {money} million crowns signed in {city} over the past {years#year|years}.",
                "Investigators searched government offices in {capital} {onday} as part of a widening corruption inquiry.",
            ],
            paragraphs: &[
                "Nobody has been charged so far, and all those named in media reports deny wrongdoing.",
                "The inquiry was prompted by an audit that found {n#contract|contracts} signed without a tender.",
                "{^org} said the case proved the need for {thing}.",
            ],
            quotes: &[
                "Public money is not a private reward. Those responsible will answer for it.",
                "We have nothing to hide, and we will cooperate fully with the investigators.",
            ],
        },
        Kind {
            headlines: &[
                "Thousands march in {capital} against {thing}",
                "Protesters fill the centre of {city} for a second weekend",
                "{^org} calls supporters onto the streets over {thing}",
                "Police say {big#person|people} joined rally in {capital}",
                "Rally in {capital} demands a referendum on {thing}",
            ],
            leads: &[
                "Thousands of people marched through {capital} {onday} to protest against {thing}, in one of the largest demonstrations in {country} for {years#year|years}.",
                "About {big#person|people} joined a rally called by {org} in the centre of {capital}, according to the police.",
            ],
            paragraphs: &[
                "The protest passed off peacefully, although police briefly closed a bridge near the parliament building.",
                "Organisers say they will come back every weekend until the government withdraws {thing}.",
                "Many marchers carried home-made banners, and some had travelled from {city}.",
            ],
            quotes: &[
                "We are not against change. We are against change that is agreed behind closed doors.",
                "My parents marched on this street. Now I am marching for my children.",
            ],
        },
        Kind {
            headlines: &[
                "{^p2} elected mayor of {city}",
                "{^city} gets a new mayor for the first time in {years#year|years}",
                "{^org} wins control of the city council in {city}",
                "New mayor of {city} promises to fix public transport",
                "Runoff decides the race for mayor of {city}",
            ],
            leads: &[
                "{^p2}, the candidate of {org}, won the race for mayor of {city} in a runoff held {onday}.",
                "Voters in {city} have elected {p2} as mayor, ending {years#year|years} of rule by the same administration.",
            ],
            paragraphs: &[
                "{^p2s} has promised to freeze public transport fares and to publish every city contract online.",
                "Turnout in {city} was higher than in the first round.",
                "The outgoing mayor congratulated {p2s} and promised a smooth handover.",
            ],
            quotes: &[
                "This city does not need miracles. It needs buses that run on time and streets that are lit at night.",
                "Tomorrow morning the work starts. The celebrations can wait.",
            ],
        },
    ],
    paragraphs: &[
        "{^country} is governed by a coalition of {n#party|parties}, which has struggled to agree on {thing}.",
        "{^org} and {org2} together hold a narrow majority in parliament.",
        "The next general election is due in {years#year|years}.",
        "Opinion polls show that trust in political parties in {country} remains low.",
        "{^r2} {p2} has accused the government of avoiding a public debate on {thing}.",
        "Political scientists in {capital} say the episode reflects deeper divisions within the governing coalition.",
    ],
    quotes: &[
        "Democracy is not a spectator sport. Everyone has to take part.",
        "We will judge this government by its actions, not by its announcements.",
        "Compromise is not a dirty word. It is how grown-up politics works.",
        "The people of {country} deserve straight answers.",
    ],
    headings: &["The vote", "What the opposition says", "A divided coalition", "What changes", "The road ahead"],
    tags: &["Elections", "Parliament", "Government", "Opposition", "Corruption", "Protests", "Local government", "Reforms"],
};
