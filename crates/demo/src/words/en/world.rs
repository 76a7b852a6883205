//! World section, English: diplomacy, disasters, aid and off-beat stories.

use crate::words::{Kind, SectionWords, E, G::*};

pub static WORLD: SectionWords = SectionWords {
    slug: "world",
    title: "World",
    description: "News from every continent: diplomacy and disputes, disasters and recoveries, and the people caught up in them.",
    roles: &["foreign minister", "prime minister", "president", "defence minister", "chief negotiator", "foreign ministry spokesperson"],
    orgs: &[
        E("the Coastal States Council", N),
        E("the Regional Security Forum", N),
        E("the International Water Commission", N),
        E("the Northern Relief Agency", N),
        E("the foreign ministry", N),
        E("the Alliance of Inland Nations", N),
    ],
    things: &[
        E("the border treaty", N),
        E("the river water-sharing agreement", N),
        E("the fishing rights agreement", N),
        E("the exchange of prisoners", N),
        E("the ceasefire", N),
        E("the new trade corridor", N),
    ],
    kinds: &[
        Kind {
            headlines: &[
                "{^country} and {country2} agree to resume talks on {thing}",
                "{^country}'s {r1} travels to {country2} as talks on {thing} resume",
                "Breakthrough reported in talks between {country} and {country2} on {thing}",
                "{^country} and {country2} close to a deal on {thing}, officials say",
                "Negotiators from {country} and {country2} meet in {city} to discuss {thing}",
            ],
            leads: &[
                "Delegations from {country} and {country2} will meet in {city} next week to resume talks on {thing}, {r1} {p1} said {onday}.",
                "{^country} and {country2} have agreed to return to the negotiating table over {thing}, ending a pause of {n#month|months}.",
            ],
            paragraphs: &[
                "The previous round broke down in {city} {years#year|years} ago, when the two sides could not agree on how compliance with {thing} would be monitored.",
                "Diplomats familiar with the talks said a draft text of {n#page|pages} had been exchanged between the delegations.",
                "{^org} has offered to host a follow-up meeting and to send observers.",
            ],
            quotes: &[
                "We came here to find solutions, not to repeat old positions. Our delegation is ready to work through the night if necessary.",
                "Nobody should expect miracles in {n#day|days}, but the mood in the room is better than it has been for years.",
            ],
        },
        Kind {
            headlines: &[
                "More than {big#resident|residents} of {city} leave their homes as floods spread",
                "Storm leaves {big#home|homes} without power across {country}",
                "{^country} declares emergency as rivers burst their banks near {city}",
                "Rescue teams reach villages cut off by landslides in {country}",
                "Heavy rain brings {city} to a standstill for a second day",
            ],
            leads: &[
                "More than {big#person|people} have been moved to temporary shelters in {city} after {n#day|days} of heavy rain, {org} said {onday}.",
                "Emergency services in {country} worked through the night to reach communities near {city} cut off by floodwater.",
            ],
            paragraphs: &[
                "Forecasters expect the rain to ease within {n#day|days}, but warned that river levels would stay high.",
                "{^org} said it had sent {n#team|teams} of engineers and medical staff to the worst-hit districts.",
                "The last comparable floods in {country} were recorded {years#year|years} ago.",
            ],
            quotes: &[
                "The water came up faster than anyone expected. Our priority now is to make sure every family has a dry place to sleep tonight.",
                "We have boats, we have volunteers, and we will keep going until the last village is reached.",
            ],
        },
        Kind {
            headlines: &[
                "{^country}'s {r1} arrives in {country2} on first official visit",
                "Leaders gather in {city} for summit on {thing}",
                "{^p1} and {p2} hold talks in {capital}",
                "Summit in {city} ends with joint statement on {thing}",
                "{^country2} to host first regional summit in {years#year|years}",
            ],
            leads: &[
                "{^country}'s {r1} {p1} arrived in {country2} {onday} for a two-day visit expected to focus on {thing}.",
                "Leaders and ministers from {n#country|countries} gathered in {city} {onday} for a summit dominated by {thing}.",
            ],
            paragraphs: &[
                "It is the first visit to {country2} by a senior official from {country} in {years#year|years}.",
                "The programme includes a meeting with business leaders in {city} and a visit to a memorial outside the capital.",
                "Security was tight in {capital}, where several central streets were closed to traffic.",
            ],
            quotes: &[
                "Our countries share a river, a border and a history. It is time they shared a plan for the future as well.",
                "We did not agree on everything today, and we did not expect to. But we agreed to keep talking, and that matters.",
            ],
        },
        Kind {
            headlines: &[
                "{^country} recalls ambassador from {country2} in row over {thing}",
                "{^country2} summons envoy of {country} as dispute over {thing} deepens",
                "{^country} threatens to walk out of talks on {thing}",
                "Row over {thing} strains ties between {country} and {country2}",
                "{^country} expels {n#diplomat|diplomats} from {country2}",
            ],
            leads: &[
                "{^country} said {onday} it was recalling its ambassador from {country2}, the sharpest escalation yet in a dispute over {thing}.",
                "Relations between {country} and {country2} deteriorated further {onday} after {r1} {p1} accused the government of {country2} of breaking its commitments on {thing}.",
            ],
            paragraphs: &[
                "The dispute began {years#year|years} ago, when {country2} announced changes that, according to {country}, had never been agreed.",
                "{^org} urged both sides to show restraint and return to dialogue.",
                "Trade between the two countries is worth about {money} billion crowns a year.",
            ],
            quotes: &[
                "We will not be lectured about commitments by a government that ignores its own signature.",
                "The door to dialogue remains open, but it cannot stay open forever.",
            ],
        },
        Kind {
            headlines: &[
                "Aid convoy reaches {city} after weeks of delays",
                "{^org} appeals for {money} million crowns as aid finally reaches {city}",
                "First aid trucks in weeks arrive in {city}",
                "{^country2} opens border crossing for aid convoy to {country}",
                "Food and medicine reach displaced families near {city}",
            ],
            leads: &[
                "A convoy of {n#truck|trucks} carrying food, water and medicine arrived in {city} {onday}, {org} said.",
                "{^org} said {onday} that more than {big#person|people} had been forced from their homes in {country} and that aid supplies were running low.",
            ],
            paragraphs: &[
                "Aid workers say the most urgent needs are clean water, blankets and medicine for children.",
                "The convoy waited at the border for {n#day|days} while permits were checked.",
                "{^country2} has so far taken in more than {big#person|people} from the region.",
            ],
            quotes: &[
                "Every day of delay is measured in lives. We need the crossings open, and we need them open now.",
                "People arrive with nothing but the clothes they are wearing. They need shelter before the nights get colder.",
            ],
        },
        Kind {
            headlines: &[
                "{^city} residents rally to save century-old lighthouse",
                "Volunteers raise {money} million crowns to restore {city} lighthouse",
                "Old lighthouse in {city} to shine again after restoration appeal",
                "How a lighthouse brought {city} together",
                "The oldest lighthouse in {country} saved by crowdfunding campaign",
            ],
            leads: &[
                "Volunteers in {city} have raised {money} million crowns in {n#week|weeks} to restore a lighthouse that has guided ships into the harbour for more than a century.",
                "A campaign to save a crumbling lighthouse in {city} has drawn donations from across the country and beyond.",
            ],
            paragraphs: &[
                "The light was switched off {years#year|years} ago after a storm damaged its lantern room.",
                "Engineers say the stonework is sound, but the staircase and the lamp will have to be rebuilt.",
                "Local schools have adopted the lighthouse as a project, and children have painted it on the harbour wall.",
            ],
            quotes: &[
                "My grandfather kept this light. When it went dark, it felt as if the town had lost its voice.",
                "We thought we would raise enough for a new coat of paint. People gave us enough for a new beginning.",
            ],
        },
    ],
    paragraphs: &[
        "{^country} and {country2} share a border several hundred kilometres long, and their relations have long mixed cooperation with rivalry.",
        "Diplomats in {capital} say the coming weeks will show whether the two governments are ready to compromise.",
        "{^org} has repeatedly called for a regional approach to disputes of this kind.",
        "The region has seen a series of diplomatic disputes over the past {years#year|years}, most of them settled without outside mediation.",
        "Analysts note that public opinion in {country} has grown more sceptical of its neighbours.",
        "{^r2} {p2} said earlier this month that the region could not afford another crisis.",
    ],
    quotes: &[
        "Our neighbours are not our enemies. Our problems are the same problems, and we should solve them together.",
        "Every agreement on paper must be followed by changes people can see in their daily lives.",
        "We are asking for respect, nothing more and nothing less.",
        "History teaches us that silence between capitals is always more dangerous than a difficult conversation.",
    ],
    headings: &["What happens next", "A long-running dispute", "Reaction in {capital}", "The view from {country2}", "Background"],
    tags: &["Diplomacy", "Border disputes", "Humanitarian aid", "Summits", "Natural disasters", "Foreign policy", "Regional security", "Migration"],
};
