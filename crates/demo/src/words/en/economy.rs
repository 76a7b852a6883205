//! Economy section, English: rates, strikes, trade, companies, prices.

use crate::words::{Kind, SectionWords, E, G::*};

pub static ECONOMY: SectionWords = SectionWords {
    slug: "economy",
    title: "Economy",
    description: "Markets, money and work: interest rates and prices, companies and trade, and what they mean for households.",
    roles: &["finance minister", "central bank governor", "economy minister", "chief economist at the state bank", "head of the chamber of commerce", "leader of the dockworkers' union"],
    orgs: &[
        E("the Harbourline shipping group", N),
        E("the Meridian steelworks", N),
        E("the Northfield food company", N),
        E("the Kelso energy company", N),
        E("the carmaker Vantor", N),
        E("Silverleaf Bank", N),
    ],
    things: &[
        E("copper", N),
        E("wheat", N),
        E("coffee", N),
        E("timber", N),
        E("natural gas", N),
        E("fertiliser", N),
    ],
    kinds: &[
        Kind {
            headlines: &[
                "Central bank of {country} raises key rate to {pct}%",
                "Central bank of {country} raises rates as inflation stays high",
                "Rate rise in {country}: what it means for borrowers",
                "Borrowing costs in {country} rise for the first time in {years#year|years}",
                "{^country} raises interest rates to {pct}%, the highest in {years#year|years}",
            ],
            leads: &[
                "The central bank of {country} raised its key interest rate to {pct}% {onday}, saying inflation was falling more slowly than expected.",
                "Borrowing costs in {country} rose {onday} after the central bank lifted its key rate to {pct}%, the highest level in {years#year|years}.",
            ],
            paragraphs: &[
                "Most of the economists surveyed by Dateline had expected the decision.",
                "Annual inflation stood at {pct}% last month, according to the national statistics office.",
                "Mortgage holders in {city} and other large cities are likely to feel the change within {n#month|months}.",
            ],
            quotes: &[
                "We would rather act too early than too late. Price stability is the foundation of everything else.",
                "We are not on a pre-set path. Every decision will depend on the data.",
            ],
        },
        Kind {
            headlines: &[
                "Dockworkers in {city} strike over pay",
                "Port strike in {city} leaves {big#container|containers} stranded",
                "Exports of {thing} disrupted by port strike in {city}",
                "Union and port operators in {city} fail to agree on wages",
                "Strike at the port of {city} costs {country} {money} million crowns a day",
            ],
            leads: &[
                "Dockworkers at the port of {city} walked out {onday} after talks on a new wage deal collapsed, halting the loading of {thing} for export.",
                "A strike at the port of {city}, the busiest in {country}, has left {big#container|containers} waiting on the quayside.",
            ],
            paragraphs: &[
                "The union is asking for a pay rise of {pct}%, while the port operators have offered less than half of that.",
                "Shipping companies have begun diverting vessels to ports in {country2}.",
                "The last major strike at the port, {years#year|years} ago, lasted {n#day|days}.",
            ],
            quotes: &[
                "Our people keep this country's trade moving. All we ask for is a wage that keeps up with prices.",
                "Every day the cranes stand still, customers look elsewhere, and some of them will not come back.",
            ],
        },
        Kind {
            headlines: &[
                "Exports of {thing} from {country} fall by {pct}%",
                "{^country} sells less {thing} abroad as demand weakens",
                "Weak demand hits exports of {thing} from {country}",
                "Trade surplus of {country} shrinks as sales of {thing} slide",
                "Falling exports of {thing} cost {country} {money} billion crowns",
            ],
            leads: &[
                "Exports of {thing} from {country} fell by {pct}% in the last quarter as demand from abroad weakened, official figures published {onday} showed.",
                "{^country} earned {money} billion crowns less from exports of {thing} than a year earlier, according to figures published {onday}.",
            ],
            paragraphs: &[
                "{^thing} accounts for roughly a fifth of the country's exports.",
                "Producers in {city} say they have cut shifts and postponed investment.",
                "Buyers in {country2}, the largest market, have reduced orders for the second quarter in a row.",
            ],
            quotes: &[
                "The fall is painful but not surprising. Our customers are cutting back everywhere.",
                "We cannot control world prices, but we can control our costs and the quality of what we sell.",
            ],
        },
        Kind {
            headlines: &[
                "{^org} to cut {big#job|jobs} as orders dry up",
                "{^org} reports first loss in {years#year|years}",
                "{^org} closes its site in {city}",
                "Profits at {org} slump by {pct}%",
                "Job cuts at {org} hit {city}",
            ],
            leads: &[
                "{^org} said {onday} it would cut {big#job|jobs} and close its site in {city} after a sharp fall in orders.",
                "{^org} reported its first annual loss in {years#year|years} {onday}, blaming weak demand and rising costs.",
            ],
            paragraphs: &[
                "The company employs about {big#person|people} in {country}, most of them in and around {city}.",
                "Shares in {org} fell by {pct}% in early trading.",
                "The authorities in {city} promised to help workers find new jobs.",
            ],
            quotes: &[
                "These are painful decisions, and we do not take them lightly. They are needed to protect the jobs that remain.",
                "Half the families on my street depend on that plant. Nobody knows what comes next.",
            ],
        },
        Kind {
            headlines: &[
                "Food prices in {country} rise for {n#month|months} in a row",
                "Households in {country} cut spending as prices climb",
                "Inflation in {country} stays at {pct}% as food prices climb",
                "Bread and milk in {country} cost {pct}% more than a year ago",
                "Shoppers in {city} feel the squeeze as food prices climb",
            ],
            leads: &[
                "Food prices in {country} rose again last month, official figures published {onday} showed, keeping annual inflation at {pct}%.",
                "Households in {country} are cutting back on spending as the price of basic food keeps climbing, a survey published {onday} found.",
            ],
            paragraphs: &[
                "The biggest increases were recorded for vegetables, dairy products and coffee.",
                "Retailers in {city} say customers are switching to cheaper brands and buying smaller quantities.",
                "The government has promised targeted support for pensioners and families with children.",
            ],
            quotes: &[
                "This money used to buy food for a week. Now it lasts three days.",
                "Inflation is a tax that nobody voted for, and it hits the poorest hardest.",
            ],
        },
        Kind {
            headlines: &[
                "{^org} to invest {money} billion crowns in new plant near {city}",
                "New plant near {city} to create {big#job|jobs}",
                "{^org} chooses {city} for its largest investment in {years#year|years}",
                "{^country} attracts {money} billion crowns of investment from {org}",
                "Construction begins on {org} site outside {city}",
            ],
            leads: &[
                "{^org} said {onday} it would invest {money} billion crowns in a new plant near {city}, creating about {big#job|jobs}.",
                "Construction has begun near {city} on a plant that {org} says will be its largest investment in {years#year|years}.",
            ],
            paragraphs: &[
                "The plant is due to open in {n#month|months} and will mainly serve customers in {country2}.",
                "The authorities in {city} offered tax relief and help with building access roads.",
                "{^org2} had also considered a site in the region but decided to invest abroad instead.",
            ],
            quotes: &[
                "We chose this region for its people, its port and its engineering schools.",
                "For a town like ours, a project like this changes everything, from the schools to the bus timetable.",
            ],
        },
    ],
    paragraphs: &[
        "Growth in {country} has slowed over the past year, and economists expect only a modest recovery.",
        "The economy of {country} relies heavily on exports of {thing} and {thing2}.",
        "Unemployment in {city} is above the national average.",
        "The national currency, the crown, has lost {pct}% against major currencies since the start of the year.",
        "{^r2} {p2} said the government was preparing measures to support investment.",
        "Business groups in {capital} have long complained about slow permits and high energy prices.",
    ],
    quotes: &[
        "Confidence is the cheapest stimulus there is, and the easiest to lose.",
        "Companies need rules that do not change every six months.",
        "These figures are a warning, not a crisis.",
        "We have to earn our living in the world, and the world is not going to wait for us.",
    ],
    headings: &["The numbers", "Who is affected", "Market reaction", "What economists say", "Outlook"],
    tags: &["Markets", "Inflation", "Trade", "Jobs", "Banking", "Energy", "Industry", "Interest rates"],
};
