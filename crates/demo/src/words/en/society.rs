//! Society section, English: housing, schools, hospitals, transport,
//! food banks and heatwaves.

use crate::words::{Kind, SectionWords, E, G::*};

pub static SOCIETY: SectionWords = SectionWords {
    slug: "society",
    title: "Society",
    description: "How people live: housing and schools, health and transport, and the communities that hold cities together.",
    roles: &["health minister", "education minister", "mayor", "head of the teachers' union", "director of the city hospital", "social affairs minister"],
    orgs: &[
        E("the teachers' union", N),
        E("the Red Lantern charity", N),
        E("the city council", N),
        E("the tenants' association", N),
        E("the national health service", N),
        E("the pensioners' federation", N),
    ],
    things: &[
        E("the four-day school week", N),
        E("the ban on cars in the old town", N),
        E("free public transport", N),
        E("the rent cap", N),
        E("the new hospital", N),
        E("the school meals programme", N),
    ],
    kinds: &[
        Kind {
            headlines: &[
                "Rents in {city} rise by {pct}% in a year",
                "Young families priced out of {city}",
                "{^city} considers capping rents as housing costs soar",
                "Tenants in {city} protest against rising rents",
                "Housing crisis in {city}: {big#family|families} on the waiting list",
            ],
            leads: &[
                "Rents in {city} have risen by {pct}% over the past year, pushing young families out of the city centre, according to figures published {onday}.",
                "More than {big#family|families} are waiting for council housing in {city}, where rents have been rising faster than wages for {years#year|years}.",
            ],
            paragraphs: &[
                "An average one-bedroom flat in the centre of {city} now costs more than half of a typical salary.",
                "{^org} has called for an emergency housing plan.",
                "The city council promises to build {big#flat|flats} over the next {years#year|years}.",
            ],
            quotes: &[
                "We both work full time, and we still cannot afford to live in the city where we grew up.",
                "Housing is not a luxury. It is the foundation of a normal life.",
            ],
        },
        Kind {
            headlines: &[
                "Teachers in {country} strike over pay and class sizes",
                "Schools close in {country} as teachers walk out",
                "Teachers' strike keeps {big#pupil|pupils} at home in {city}",
                "Parents in {city} back striking teachers",
                "Government and teachers fail to reach a deal in {capital}",
            ],
            leads: &[
                "Thousands of teachers in {country} went on strike {onday}, closing schools in {city} and other cities in a dispute over pay and class sizes.",
                "Schools in {country} were closed {onday} after talks between the government and the teachers' union broke down.",
            ],
            paragraphs: &[
                "According to the union, some classes now have more than thirty pupils.",
                "Teachers are asking for a pay rise of {pct}%.",
                "Many parents in {city} had to take a day off to look after their children.",
            ],
            quotes: &[
                "We love our work. But love does not pay the rent, and it does not make a class of thirty-five manageable.",
                "Nobody wants children to miss school. The door to talks is open today.",
            ],
        },
        Kind {
            headlines: &[
                "New hospital opens in {city}",
                "{^city} gets its first new hospital in {years#year|years}",
                "New hospital in {city} to cut waiting times",
                "First patients treated at the new hospital in {city}",
                "Hospital costing {money} million crowns opens in {city}",
            ],
            leads: &[
                "A new hospital opened in {city} {onday}, the first in the region for {years#year|years}, with emergency, maternity and children's departments.",
                "The first patients were treated {onday} at a new hospital in {city} that cost {money} million crowns and is expected to cut waiting times across the region.",
            ],
            paragraphs: &[
                "The hospital will employ about {big#person|people}, many of them recruited from {country2}.",
                "Patients in {city} currently wait an average of {n#week|weeks} for a routine operation.",
                "The old hospital building will be turned into a care home.",
            ],
            quotes: &[
                "For {years#year|years}, people here had to travel for hours to give birth or to see a specialist. That ends today.",
                "A building is only walls. What matters is the people who will work here.",
            ],
        },
        Kind {
            headlines: &[
                "{^city} makes public transport free",
                "Free buses and trams in {city} from next month",
                "{^city} trials free public transport for {n#month|months}",
                "Will free public transport empty the roads of {city}?",
                "Residents of {city} welcome free public transport",
            ],
            leads: &[
                "Buses and trams in {city} will be free for everyone from next month, the city council decided {onday}, in an attempt to cut traffic jams and air pollution.",
                "{^city} will trial free public transport for {n#month|months}, the city council said {onday}; the experiment will cost {money} million crowns.",
            ],
            paragraphs: &[
                "Similar schemes in {country2} cut car traffic by about {pct}%.",
                "Opponents say the money would be better spent on new routes and more frequent services.",
                "Ticket sales cover less than a third of the cost of running the network.",
            ],
            quotes: &[
                "The cleanest journey is the one made on a full bus rather than in an empty car.",
                "Free is good, but reliable is better. People need buses that actually come.",
            ],
        },
        Kind {
            headlines: &[
                "Food bank in {city} helps a record number of families",
                "Demand at food banks in {country} up {pct}% in a year",
                "Volunteers in {city} struggle to keep up with requests for food parcels",
                "{^org} opens a new food bank in {city}",
                "Queues at food banks in {city} grow longer",
            ],
            leads: &[
                "A food bank in {city} handed out parcels to a record {big} families last month, volunteers said {onday}, as rising prices hit low-income households.",
                "Demand for food parcels in {country} has risen by {pct}% in a year, {org} said {onday}, and volunteers warn that supplies are running short.",
            ],
            paragraphs: &[
                "Many of those queuing have jobs but say their wages no longer cover the basics.",
                "Supermarkets in {city} have agreed to donate surplus food every evening.",
                "The food bank is run by {n#volunteer|volunteers}, most of them pensioners.",
            ],
            quotes: &[
                "We used to see the same faces. Now there are new ones every week, and many of them never imagined they would need help.",
                "Nobody should have to choose between heating and eating.",
            ],
        },
        Kind {
            headlines: &[
                "Record heat in {city}",
                "{^city} opens cooling centres as the heatwave continues",
                "Heatwave in {country}: doctors urge the elderly to stay indoors",
                "Hot nights keep residents of {city} awake",
                "Heatwave to last another {n#day|days}, forecasters warn",
            ],
            leads: &[
                "Temperatures in {city} reached a record high {onday}, and the city authorities opened cooling centres in libraries and schools.",
                "Doctors in {country} have urged elderly people to stay indoors during the hottest hours; forecasters say the heatwave will last another {n#day|days}.",
            ],
            paragraphs: &[
                "Hospitals in {city} report a rise in heat-related admissions.",
                "The city has extended the opening hours of public swimming pools and parks.",
                "Farmers warn that the drought could cut the harvest by {pct}%.",
            ],
            quotes: &[
                "Check on your neighbours, especially those who live alone. A knock on the door can save a life.",
                "Our grandparents never knew summers like this. Our cities were not built for them.",
            ],
        },
    ],
    paragraphs: &[
        "About a third of the residents of {city} are over sixty.",
        "{^org} says demand for its services has doubled in {years#year|years}.",
        "The city council has promised to publish an action plan by the end of the month.",
        "{^r2} {p2} said the government was listening to residents' concerns.",
        "Surveys show that people in {country} are increasingly worried about the cost of living.",
        "Campaigners in {city} have collected {big#signature|signatures} in support of {thing}.",
    ],
    quotes: &[
        "A city is judged by how it treats its oldest and its youngest.",
        "People are not asking for favours, they are asking for fairness.",
        "The best ideas in this city are born in kitchens, not in offices.",
        "We cannot wait for someone else to fix this. It has to start on our street.",
    ],
    headings: &["Residents speak", "The numbers", "What the council says", "A national problem", "What can be done"],
    tags: &["Housing", "Education", "Health", "Transport", "Poverty", "Climate", "Cities", "Families"],
};
