//! Science & Tech section, English: launches, research, cyberattacks,
//! climate studies, start-ups and the night sky.

use crate::words::{Kind, SectionWords, E, G::*};

pub static SCIENCE: SectionWords = SectionWords {
    slug: "science",
    title: "Science & Tech",
    description: "Discoveries and inventions, from laboratory benches to orbit, and the technology that is changing how we live and work.",
    roles: &["science minister", "lead researcher", "director of the space agency", "professor of climate science", "chief technology officer", "head of the digital affairs ministry"],
    orgs: &[
        E("the Institute of Marine Sciences", N),
        E("the national space agency", N),
        E("the Northern Polytechnic University", N),
        E("the start-up Quillion", N),
        E("the Lumen Genomics laboratory", N),
        E("the Academy of Sciences", N),
    ],
    things: &[
        E("the sodium battery", N),
        E("the weather satellite", N),
        E("the malaria vaccine", N),
        E("the deep-sea submersible", N),
        E("the language model", N),
        E("the fusion reactor prototype", N),
    ],
    kinds: &[
        Kind {
            headlines: &[
                "{^country} launches its first weather satellite",
                "Satellite built in {city} reaches orbit",
                "{^country} joins the space race with a successful launch",
                "Engineers in {city} celebrate as satellite sends first signals",
                "Space agency of {country} puts satellite into orbit",
            ],
            leads: &[
                "A weather satellite built by engineers in {city} reached orbit {onday}, making {country} the latest country with its own observation satellite.",
                "The space agency of {country} said {onday} that its first satellite had sent back signals after a successful launch.",
            ],
            paragraphs: &[
                "The satellite weighs about {big#kilogram|kilograms} and will track storms and measure sea temperatures.",
                "The project took {years#year|years} and cost {money} million crowns.",
                "Data from the satellite will be shared with the weather services of {country2}.",
            ],
            quotes: &[
                "Ten minutes after launch, the room went silent. Then the first signal came, and everyone started crying and cheering at once.",
                "This satellite was designed by people who grew up here. That is the real achievement.",
            ],
        },
        Kind {
            headlines: &[
                "Researchers in {city} report a breakthrough on {thing}",
                "Scientists at {org} unveil {thing}",
                "{^thing} developed in {country} passes a key test",
                "How a team in {city} built {thing}",
                "{^org} says {thing} could be ready in {years#year|years}",
            ],
            leads: &[
                "Researchers at {org} in {city} said {onday} that {thing} they have developed had passed a key test, bringing practical use closer.",
                "A team of {n#scientist|scientists} in {city} has published results suggesting that {thing} could be ready for use within {years#year|years}.",
            ],
            paragraphs: &[
                "The results were published in a peer-reviewed journal but have not yet been reproduced by other teams.",
                "The work was funded by a grant of {money} million crowns from the government of {country}.",
                "Similar projects are under way in {country2}, where a rival team hopes to publish its results before the end of the year.",
            ],
            quotes: &[
                "Nothing worked for {years#year|years} before this. Science is mostly patience.",
                "This is a step, not the finish line. But it is a step in the right direction.",
            ],
        },
        Kind {
            headlines: &[
                "Cyberattack disrupts hospital systems in {city}",
                "Hackers target government websites in {country}",
                "{^org} hit by cyberattack",
                "Online services in {country} restored after {n#hour|hours} outage",
                "Investigators search for the source of cyberattack on {city}",
            ],
            leads: &[
                "A cyberattack disrupted online services in {city} {onday}, forcing hospitals to switch to paper records for {n#hour|hours}.",
                "Investigators in {country} are trying to establish who was behind an attack that took down public websites and payment systems {onday}.",
            ],
            paragraphs: &[
                "According to preliminary findings, no patient data was stolen.",
                "Experts at {org} said the attack bore the hallmarks of a criminal group seeking a ransom.",
                "The government has promised to spend {money} million crowns on strengthening its digital defences.",
            ],
            quotes: &[
                "We were prepared for this scenario, and our staff kept every essential service running.",
                "The question is no longer whether an attack like this will happen, but when.",
            ],
        },
        Kind {
            headlines: &[
                "Glaciers in {country} melting faster than expected, study finds",
                "Threat to the water supply of {city} as glaciers melt, scientists warn",
                "Study: glaciers in {country} lost {pct}% of their ice in a decade",
                "Scientists warn of faster ice loss in the mountains of {country}",
                "Researchers from {city} map the retreat of glaciers in {country}",
            ],
            leads: &[
                "Glaciers in {country} have lost {pct}% of their ice over the past decade, faster than scientists had expected, according to a study by {org} published {onday}.",
                "Melting ice in the mountains of {country} could threaten the water supply of {city} within {years#year|years}, researchers warned {onday}.",
            ],
            paragraphs: &[
                "The team compared satellite images with measurements taken at {n#site|sites} over {years#year|years}.",
                "Meltwater from the glaciers feeds rivers that farms and homes across the region depend on.",
                "The authors call for a network of monitoring stations shared with {country2}.",
            ],
            quotes: &[
                "The ice is a bank account we have been withdrawing from for decades. The balance is running low.",
                "We measured it three times because we did not want to believe the numbers.",
            ],
        },
        Kind {
            headlines: &[
                "Start-up from {city} raises {money} million crowns to expand abroad",
                "Investors put {money} million crowns into start-up from {city}",
                "Young company from {country} attracts record investment",
                "Investors back a student start-up from {city}",
                "Start-up from {city} to double its staff after funding round",
            ],
            leads: &[
                "A start-up founded {years#year|years} ago by students in {city} has raised {money} million crowns from investors to expand abroad, the company said {onday}.",
                "Investors have put {money} million crowns into a young company from {city} that develops software for hospitals, one of the largest deals of its kind in {country}.",
            ],
            paragraphs: &[
                "The company employs {n#person|people} and plans to double its staff within a year.",
                "Its software is already used by {n#hospital|hospitals} in {country} and {country2}.",
                "The round was led by a fund from {capital}.",
            ],
            quotes: &[
                "We started in a student kitchen with two laptops. Today we have customers in {n#country|countries}.",
                "Talent is not the problem here. Money used to be, and that is changing.",
            ],
        },
        Kind {
            headlines: &[
                "Astronomers in {country} discover a new comet",
                "Observatory near {city} spots comet heading for the inner solar system",
                "Amateur astronomer from {city} helps discover a new comet",
                "New comet could be visible to the naked eye from {country}",
                "Comet discovered by {org} named after {city}",
            ],
            leads: &[
                "Astronomers at an observatory near {city} have discovered a comet that could become visible to the naked eye in {n#month|months}, {org} said {onday}.",
                "A comet spotted by an amateur astronomer from {city} and confirmed by specialists at {org} has been named after the city.",
            ],
            paragraphs: &[
                "The comet is currently about {big} million kilometres from the Sun.",
                "Its brightness will depend on how much ice it loses as it approaches the Sun.",
                "Observers in {country2} have already confirmed the discovery.",
            ],
            quotes: &[
                "The images had to be checked four times before anyone dared to send them. It is still hard to believe.",
                "Comets are unpredictable. It could be spectacular, or it could fade away. That is part of the fun.",
            ],
        },
    ],
    paragraphs: &[
        "{^country} spends less on research than the regional average, according to {org}.",
        "Scientists in {city} have long complained that promising projects stall for lack of funding.",
        "The government has pledged to raise science spending by {pct}% next year.",
        "According to people familiar with the plans of {org2}, it is working on a similar project.",
        "{^r2} {p2} said the results showed what researchers in {country} could achieve.",
        "Universities in {country2} have offered to share equipment and data.",
    ],
    quotes: &[
        "Curiosity is the most renewable resource we have.",
        "Good science takes time, and it takes people who are allowed to fail.",
        "The next generation of engineers is already sitting in our lecture halls.",
        "Technology should serve people, not the other way round.",
    ],
    headings: &["How it works", "The research", "What comes next", "Doubts and risks", "Why it matters"],
    tags: &["Space", "Research", "Climate", "Cybersecurity", "Start-ups", "Astronomy", "Innovation", "Universities"],
};
