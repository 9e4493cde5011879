//! The word lists extraction shares: what a number counts (so the rules in
//! docs/figures.md can be checked against one file), and every list
//! `text.rs` indexes per token (titles, date and number words, words that
//! are never places, sub-place suffixes). `text.rs` asks only this module
//! for words, and the modules that ask `text.rs` for tokens (dates, places,
//! numbers, names) keep only the lists nobody else reads.

use crate::extract::model::Metric;

/// A verb or participle that says what happened to the people counted.
pub(crate) fn verb_metric(word: &str) -> Option<Metric> {
    Some(match word {
        "detained" | "arrested" | "held" | "apprehended" | "detaining" | "arresting" | "detain"
        | "arrest" | "detains" => Metric::Detained,
        "killed" | "died" | "dead" | "killing" | "slain" | "perished" | "murdered" | "fatally" => {
            Metric::Killed
        }
        "injured" | "wounded" | "hurt" | "hospitalized" | "hospitalised" | "injuring"
        | "wounding" => Metric::Injured,
        "gathered" | "rallied" | "marched" | "protested" | "demonstrated" | "attended"
        | "assembled" | "participated" | "joined" | "gathering" | "marching" | "rallying"
        | "picketed" | "picketing" => Metric::Participants,
        _ => return None,
    })
}

/// Active verbs that take the counted people as object, right before the
/// number: "police detained 20", "killing two", "bundled 15 people".
pub(crate) fn object_verb_metric(word: &str) -> Option<Metric> {
    Some(match word {
        "detained" | "arrested" | "detain" | "arrest" | "detaining" | "arresting" | "held"
        | "apprehended" | "bundled" | "bundle" | "hauled" | "rounded" | "seized" => {
            Metric::Detained
        }
        "killed" | "killing" | "kill" => Metric::Killed,
        "injured" | "injuring" | "wounded" | "wounding" => Metric::Injured,
        // "police fired tear gas to disperse hundreds of traders": who is
        // dispersed is the crowd.
        // "the rally gathered more than 3,000 residents": an event
        // gathers its crowd.
        "drew" | "drawing" | "draws" | "attracted" | "attracting" | "attracts" | "mobilised"
        | "mobilized" | "disperse" | "dispersed" | "dispersing" | "gathered" => {
            Metric::Participants
        }
        _ => return None,
    })
}

/// Nouns that are themselves the count: "17 deaths", "three arrests", "the
/// arrests of three people".
pub(crate) fn noun_metric(word: &str) -> Option<Metric> {
    Some(match word {
        "arrests" | "arrest" | "detentions" | "detention" => Metric::Detained,
        "deaths" | "death" | "dead" | "fatalities" | "killings" | "bodies" => Metric::Killed,
        "injuries" | "injured" | "wounded" | "hurt" => Metric::Injured,
        _ => return None,
    })
}

/// Words after "come/came to" that make an idiom, not people arriving
/// ("came to power", "come to an agreement").
pub(crate) static COME_TO_IDIOMS: &[&str] = &[
    "power",
    "terms",
    "light",
    "an",
    "a",
    "blows",
    "agreement",
    "help",
    "be",
    "believe",
    "know",
    "see",
    "nothing",
    "mind",
    "rest",
    "life",
    "pass",
    "halt",
    "end",
];

/// People nouns that by themselves say the people took part.
pub(crate) static STRONG_PARTICIPANT_NOUNS: &[&str] = &[
    "participants",
    "attendees",
    "marchers",
    "rallygoers",
    "picketers",
];

/// People nouns that describe people already counted by what happened to
/// them: a vague quantity of them is not a new count.
pub(crate) static DESCRIBED_PEOPLE_NOUNS: &[&str] = &[
    "detainees",
    "detainee",
    "arrestees",
    "prisoners",
    "casualties",
    "victims",
];

/// Verbs that introduce an estimate of a count already named: "organisers
/// claimed up to 1,500".
pub(crate) static ESTIMATE_VERBS: &[&str] = &[
    "claimed",
    "claim",
    "claims",
    "said",
    "say",
    "says",
    "estimated",
    "estimate",
    "estimates",
    "put",
    "puts",
    "counted",
    "count",
    "reported",
    "gave",
    "give",
];

/// Nouns for people: a number before one of these counts people.
pub(crate) static PEOPLE_NOUNS: &[&str] = &[
    "people",
    "persons",
    "person",
    "protesters",
    "protestors",
    "protester",
    "demonstrators",
    "demonstrator",
    "activists",
    "activist",
    "supporters",
    "members",
    "men",
    "women",
    "man",
    "woman",
    "children",
    "child",
    "students",
    "workers",
    "officers",
    "policemen",
    "civilians",
    "journalists",
    "reporters",
    "detainees",
    "individuals",
    "residents",
    "participants",
    "marchers",
    "strikers",
    "others",
    "opponents",
    "youths",
    "teenagers",
    "teens",
    "kids",
    "juveniles",
    "males",
    "females",
    "defenders",
    "dissidents",
    "critics",
    "farmers",
    "miners",
    "employees",
    "teachers",
    "doctors",
    "nurses",
    "pensioners",
    "citizens",
    "voters",
    "followers",
    "fans",
    "bystanders",
    "passersby",
    "victims",
    "adults",
    "minors",
    "boys",
    "girls",
    "leaders",
    "lawyers",
    "believers",
    "worshippers",
    "pilgrims",
    "refugees",
    "migrants",
    "soldiers",
    "troops",
    "guards",
    "wives",
    "husbands",
    "mothers",
    "relatives",
    "families",
    "rallygoers",
    "dockworkers",
    "drivers",
    "traders",
    "vendors",
    "unionists",
    "demonstrants",
    "monks",
    "nuns",
    "priests",
    "picketers",
    "gunmen",
    "suspects",
    "inmates",
    "prisoners",
    "villagers",
    "peasants",
    "locals",
    "mourners",
    "servants",
    "pupils",
    "crowds",
    "parents",
    "retirees",
    "veterans",
    "nationalists",
    "tribesmen",
    "muslims",
    "christians",
    "unemployed",
    "youth",
    "staff",
    "medics",
    "clerics",
    "academics",
    "legislators",
    "councillors",
    "councilors",
    "senators",
    "professors",
    "investors",
    "depositors",
    "jews",
    "arabs",
    "kurds",
    "sikhs",
    "hindus",
    "shiites",
    "sunnis",
    "copts",
    "tibetans",
    "uighurs",
    "uyghurs",
];

/// Nouns of a protest event: a number right after "a protest by", "a
/// rally of" counts the people in it, and "staged a protest", "held a
/// rally" say the people counted took part.
pub(crate) static PROTEST_EVENT_NOUNS: &[&str] = &[
    "protest",
    "protests",
    "rally",
    "rallies",
    "demonstration",
    "demonstrations",
    "march",
    "marches",
    "strike",
    "strikes",
    "sit-in",
    "sit-ins",
    "vigil",
    "vigils",
    "picket",
    "pickets",
    "blockade",
    "blockades",
    "walkout",
    "walkouts",
    "gathering",
    "meeting",
    "procession",
    "parade",
    "boycott",
    "occupation",
];

/// Verbs whose object is the crowd's own event ("staged a protest",
/// "held a vigil", "holding rallies"): before a protest noun they say the
/// people took part.
pub(crate) static STAGING_VERBS: &[&str] = &[
    "staged", "stage", "stages", "staging", "held", "hold", "holds", "holding",
];

/// Participles that, before the counted people, say they are protesting
/// ("hundreds of protesting students", "2,000 striking miners").
pub(crate) static PROTESTING_PARTICIPLES: &[&str] = &[
    "protesting",
    "striking",
    "demonstrating",
    "marching",
    "rallying",
];

/// Verbs of a fight between two sides ("clashed with", "battled with").
pub(crate) static CLASH_VERBS: &[&str] = &[
    "clashed",
    "clash",
    "clashes",
    "clashing",
    "battled",
    "battling",
    "scuffled",
    "scuffling",
    "fought",
    "grappled",
];

/// The side of a clash that is not the crowd ("clashed with 300 riot
/// police").
pub(crate) static SECURITY_FORCE_NOUNS: &[&str] = &[
    "police",
    "policemen",
    "policewomen",
    "officers",
    "troops",
    "soldiers",
    "gendarmes",
    "guards",
    "forces",
    "militiamen",
    "agents",
    "personnel",
];

/// Verbs that say a crowd did something as a crowd: "hundreds of students
/// blocked the road", "200 farmers stormed the ministry". Read after the
/// counted people, like `verb_metric`'s participant verbs.
pub(crate) static CROWD_VERBS: &[&str] = &[
    "protest",
    "protesting",
    "demonstrate",
    "demonstrating",
    "rally",
    "march",
    "gather",
    "blocked",
    "blocking",
    "block",
    "blockaded",
    "blockading",
    "occupied",
    "occupying",
    "occupy",
    "stormed",
    "storming",
    "besieged",
    "chanted",
    "chanting",
    "shouted",
    "shouting",
    "waved",
    "waving",
    "paraded",
    "parading",
    "crowded",
    "packed",
    "filled",
    "jammed",
    "surrounded",
    "clashed",
    "clashing",
    "rioted",
    "rioting",
    "struck",
    "striking",
    "boycotted",
    "sat",
    "camped",
    "walked",
    "descended",
    "swarmed",
    "demanded",
    "demanding",
    "denouncing",
    "denounced",
    "protested",
    "picketed",
    "massed",
    "congregated",
    "joining",
    "battled",
    "fought",
    "scuffled",
    "pelted",
    "hurled",
    "threw",
    "looted",
    "torched",
    "rampaged",
    "flooded",
    "paralysed",
    "paralyzed",
    "barricaded",
    "ransacked",
    "vandalised",
    "vandalized",
    "smashed",
    "tossed",
    "mobbed",
    "mobbing",
    "throwing",
    "hurling",
    "pelting",
    "looting",
    "torching",
    "rampaging",
    "ransacking",
    "smashing",
];

/// Crowd verbs that things do too: vehicles block and jam roads, water and
/// noise fill places, bullets strike. Right after "hundreds of" and a
/// plural no list names they do not say the plural is people.
pub(crate) static CROWD_VERBS_OF_THINGS: &[&str] = &[
    "blocked",
    "blockaded",
    "crowded",
    "packed",
    "filled",
    "jammed",
    "flooded",
    "surrounded",
    "struck",
    "descended",
    "swarmed",
    "paralysed",
    "paralyzed",
    "barricaded",
    "assembled",
    "tossed",
    "hurled",
    "threw",
    "smashed",
    "throwing",
    "hurling",
    "smashing",
];

/// The counted people of a crowd with no listed noun: "nationalists",
/// "loggers", "retirees", "canadians" (plurals that name people by what
/// they do or believe, or where they are from). `demonym` says whether a
/// word is a country's demonym.
///
/// Short plural demonyms count too (`serbs`, `turks`), and the demonyms
/// whose plural is the singular (`sudanese`, `taiwanese`); so do
/// compounds of *-men* (`fishermen`, `servicemen`).
pub(crate) fn is_people_plural(word: &str, demonym: impl Fn(&str) -> bool) -> bool {
    if word.len() < 4 || NOT_PEOPLE_PLURALS.contains(&word) {
        return false;
    }
    if word.len() >= 8 && word.ends_with("ese") && demonym(word) {
        return true;
    }
    if word.len() < 6 {
        return word.strip_suffix('s').is_some_and(demonym);
    }
    if word.ends_with("ists")
        || word.ends_with("ees")
        || word.ends_with("ers")
        || word.ends_with("ians")
        || word.ends_with("cans")
        || (word.len() >= 7 && word.ends_with("men"))
    {
        return true;
    }
    word.strip_suffix('s').is_some_and(demonym)
}

/// Plurals with a people-like ending that count things.
static NOT_PEOPLE_PLURALS: &[&str] = &[
    "letters",
    "papers",
    "numbers",
    "meters",
    "metres",
    "kilometers",
    "kilometres",
    "liters",
    "litres",
    "matters",
    "orders",
    "powers",
    "borders",
    "corners",
    "waters",
    "centers",
    "centres",
    "computers",
    "containers",
    "towers",
    "banners",
    "posters",
    "flyers",
    "chambers",
    "headquarters",
    "quarters",
    "offers",
    "answers",
    "chapters",
    "characters",
    "markers",
    "covers",
    "trailers",
    "barrels",
    "degrees",
    "committees",
    "fees",
    "trees",
    "coffees",
    "lists",
    "twists",
    "specimen",
    "abdomen",
    "regimen",
    "fingers",
    "layers",
    "rivers",
    "helicopters",
    "speakers",
    "stickers",
    "filters",
    "shelters",
    "tractors",
    "cylinders",
    "canisters",
    "dollars",
    "kilograms",
    "hectares",
    "acres",
];

/// People nouns that make the counted people a crowd when they are the
/// subject and nothing else governs the number ("Around 1,000 protesters
/// have concluded a demonstration").
pub(crate) static PARTICIPANT_NOUNS: &[&str] = &[
    "protesters",
    "protestors",
    "demonstrators",
    "marchers",
    "strikers",
    "participants",
    "rallygoers",
    "picketers",
    "demonstrants",
];

/// Words that, as the first word after a number, leave the counted noun
/// unsaid ("another 10 in Aqtobe", "20 were taken").
pub(crate) static FUNCTION_WORDS: &[&str] = &[
    "were",
    "was",
    "are",
    "is",
    "had",
    "have",
    "has",
    "been",
    "being",
    "be",
    "in",
    "at",
    "on",
    "near",
    "from",
    "by",
    "during",
    "across",
    "around",
    "outside",
    "inside",
    "into",
    "after",
    "before",
    "and",
    "or",
    "but",
    "also",
    "reportedly",
    "still",
    "later",
    "more",
    "again",
    "who",
    "that",
    "which",
    "of",
    "with",
    "for",
    "gathered",
    "marched",
    "rallied",
    "died",
    "dead",
    "injured",
    "wounded",
    "killed",
    "detained",
    "arrested",
    "held",
    "took",
    "turned",
    "joined",
    "attended",
    "remain",
    "remained",
];

/// Units and things counted that are never people.
pub(crate) static UNIT_NOUNS: &[&str] = &[
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
    "hours",
    "hour",
    "minutes",
    "minute",
    "seconds",
    "decades",
    "decade",
    "nights",
    "night",
    "percent",
    "per",
    "times",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "dollars",
    "euros",
    "tenge",
    "rubles",
    "roubles",
    "naira",
    "pounds",
    "yuan",
    "rupees",
    "som",
    "manat",
    "lari",
    "hryvnias",
    "cents",
    "cities",
    "towns",
    "parties",
    "votes",
    "seats",
    "cars",
    "vehicles",
    "buses",
    "shots",
    "rounds",
    "bullets",
    "points",
    "laws",
    "articles",
    "charges",
    "cases",
    "counts",
    "jobs",
    "tonnes",
    "tons",
    "barrels",
    "hectares",
    "storeys",
    "floors",
    "sentences",
    "block",
];

pub(crate) const CURRENCY_SYMBOLS: &str = "$€£¥₦₹₽₸";

/// Words before a trigger that make it an adjective or a noun ("wives of
/// arrested workers", "those detained"), not the verb of the count.
pub(crate) static ADJECTIVAL_BEFORE: &[&str] = &[
    "the", "a", "an", "of", "those", "these", "their", "his", "her", "its", "other", "for", "our",
    "some",
];

/// What police do to a crowd that is there: after *to* these are a purpose
/// clause, not a hypothetical ("used water cannon to disperse 3,000
/// marchers").
pub(crate) static CROWD_CONTROL_VERBS: &[&str] = &[
    "disperse", "scatter", "dislodge", "repel", "contain", "clear", "evict",
];

/// Words before a trigger that make it hypothetical.
pub(crate) static MODALS: &[&str] = &[
    "can", "could", "would", "will", "may", "might", "must", "should", "shall", "to", "not",
    "never",
];

/// Words at which the search for a number's verb stops: a new subject or a
/// subordinate clause begins.
pub(crate) static CLAUSE_STOP_WORDS: &[&str] = &[
    "they", "he", "she", "we", "it", "who", "whom", "which", "that", "before", "after", "when",
    "because", "if", "although", "though", "whether", "while", "whereas", "since", "until",
    "unless", "but", "i", "you",
];

/// After a comma, these begin a new clause for scope.
pub(crate) static CLAUSE_CONJUNCTIONS: &[&str] = &[
    "as",
    "while",
    "but",
    "where",
    "which",
    "who",
    "when",
    "although",
    "though",
    "whereas",
    "adding",
    "saying",
    "after",
    "before",
    "despite",
    "and",
    "with",
    "according",
];

/// Verbs that attribute a figure to a source.
pub(crate) static ATTRIBUTION_VERBS: &[&str] = &[
    "said",
    "says",
    "confirmed",
    "reported",
    "announced",
    "stated",
    "told",
    "estimated",
    "claimed",
    "counted",
    "put",
    "report",
    "say",
    "estimate",
    "estimates",
];

/// Words in a sentence before a number that make it a legal threshold or a
/// requirement, not a count.
pub(crate) static REQUIREMENT_WORDS: &[&str] = &[
    "requires",
    "required",
    "require",
    "must",
    "shall",
    "minimum",
    "quorum",
    "threshold",
    "needs",
    "need",
];

/// Words before "of N" that make N a population ("a nation of 19 million").
pub(crate) static POPULATION_WORDS: &[&str] = &[
    "nation",
    "country",
    "population",
    "city",
    "town",
    "state",
    "region",
    "province",
    "home",
    "capital",
    "republic",
    "inhabitants",
    "metropolis",
];

/// Nouns that follow "earlier"/"previous" to mark an earlier event.
pub(crate) static EVENT_NOUNS: &[&str] = &[
    "demonstrations",
    "demonstration",
    "protests",
    "protest",
    "rallies",
    "rally",
    "actions",
    "action",
    "events",
    "unrest",
    "clashes",
    "marches",
    "strikes",
    "gatherings",
    "riots",
];

/// Words that mark a sentence worth reading for casualties as US local news
/// writes them ("was shot and killed", "in critical condition"): the
/// casualty pass looks only at sentences holding one (one load and a mask
/// per token, so the pass costs nothing on reports about rallies).
pub(crate) static CASUALTY_CUES: &[&str] = &[
    "shot",
    "shoots",
    "shooting",
    "killed",
    "died",
    "dead",
    "fatally",
    "wounded",
    "injured",
    "hurt",
    "wound",
    "wounds",
    "injuries",
    "condition",
    "hospitalized",
    "hospitalised",
    "death",
    "homicide",
    "fatal",
    "hospital",
    "gunfire",
];

/// Whether a (lowercase) word can say that people were killed or hurt:
/// a casualty cue, or a verb or noun that counts the killed or injured.
pub(crate) fn names_casualties(word: &str) -> bool {
    let casualty =
        |metric: Option<Metric>| matches!(metric, Some(Metric::Killed | Metric::Injured));
    CASUALTY_CUES.contains(&word)
        || casualty(verb_metric(word))
        || casualty(object_verb_metric(word))
        || casualty(noun_metric(word))
        || matches!(
            word,
            "dies" | "kills" | "murder" | "slaying" | "grazed" | "shoot"
        )
}

/// One person, named by what they are: the subject or object of a
/// singular casualty phrase ("a man was shot and killed", "officers shot
/// the suspect"). A "15-year-old" is one too (checked by shape).
pub(crate) static SINGULAR_PERSON_NOUNS: &[&str] = &[
    "man",
    "woman",
    "boy",
    "girl",
    "teen",
    "teenager",
    "child",
    "person",
    "victim",
    "suspect",
    "driver",
    "officer",
    "deputy",
    "trooper",
    "resident",
    "student",
    "father",
    "mother",
    "son",
    "daughter",
    "brother",
    "sister",
    "husband",
    "wife",
    "girlfriend",
    "boyfriend",
    "baby",
    "toddler",
    "infant",
    "gunman",
    "shooter",
    "bystander",
    "passenger",
    "clerk",
    "employee",
    "customer",
    "juvenile",
    "male",
    "female",
    "youth",
    "neighbor",
    "neighbour",
    "friend",
    "owner",
    "homeowner",
    "cousin",
    "uncle",
    "aunt",
    "grandmother",
    "grandfather",
    "grandson",
    "granddaughter",
    "nephew",
    "niece",
    "worker",
    "guard",
    "patron",
    "pedestrian",
    "robber",
    "intruder",
    "he",
    "she",
];

/// How hospitals describe a patient: "in critical condition" says a victim
/// was hurt.
pub(crate) static CONDITION_WORDS: &[&str] = &[
    "critical",
    "serious",
    "stable",
    "fair",
    "good",
    "grave",
    "guarded",
    "satisfactory",
];

/// "a double shooting", "a triple homicide": how many people one event hit.
pub(crate) fn multiple_word(word: &str) -> Option<u64> {
    Some(match word {
        "double" => 2,
        "triple" => 3,
        "quadruple" => 4,
        "quintuple" => 5,
        _ => return None,
    })
}

/// Words of what follows an event, anywhere in a sentence: a day in such a
/// sentence may be theirs rather than the event's, wherever it stands.
/// A death is part of the event ("died after being shot Saturday"); an
/// arrest, a burial or a release is not.
pub(crate) static WHAT_FOLLOWED_WORDS: &[&str] = &[
    "court",
    "filed",
    "charges",
    "jail",
    "arrested",
    "arrest",
    "booked",
    "captured",
    "surrendered",
    "buried",
    "released",
];

/// Words after which a number opens its clause as its subject does ("and
/// 300 students marched", "while thousands rallied").
pub(crate) static CLAUSE_OPENERS: &[&str] = &["and", "but", "while", "when", "as", "where"];

/// `CLAUSE_OPENERS` and the words a note writes before its subject ("after
/// 200 nurses walked out", "yesterday 600 students filled the square").
pub(crate) static CLAUSE_OPENERS_OF_NOTES: &[&str] = &[
    "and",
    "but",
    "while",
    "when",
    "as",
    "where",
    "after",
    "yesterday",
    "today",
];

/// Verbs only people do, after a crowd-sized number and a plural no list
/// names ("about 1,000 herders clashed", "hundreds of traders
/// protesting"): things block and fill, they do not chant or clash.
pub(crate) static PEOPLE_ONLY_CROWD_VERBS: &[&str] = &[
    "converged",
    "flocked",
    "poured",
    "streamed",
    "thronged",
    "protesting",
    "demonstrating",
    "demanding",
    "chanting",
    "clashed",
    "rioted",
    "chanted",
    "demanded",
    "stormed",
    "massed",
    "congregated",
    "camped",
    "scuffled",
];

/// Nouns of who lives somewhere, after a town's name: "a Chapin man",
/// "Clinton couple", "Alexandria woman charged". The town is the place
/// the person is from, so the name is a place whatever else it could be.
pub(crate) static RESIDENT_NOUNS: &[&str] = &[
    "man",
    "men",
    "woman",
    "women",
    "teen",
    "teens",
    "teenager",
    "boy",
    "girl",
    "couple",
    "resident",
    "residents",
    "native",
    "family",
    "families",
    "youth",
    "mother",
    "father",
];

/// Every word (lowercase, without a possessive "'s") that can start a date
/// besides digits: the forms `month_number` and `weekday_of` accept and the
/// relative words of `date_at`. Registered in `word_classes` so that
/// `find_dates` skips the other words of a sentence with one load and a
/// mask (a test keeps the list in step with those functions).
pub(crate) static DATE_START_WORDS: &[&str] = &[
    "january",
    "jan",
    "february",
    "feb",
    "febr",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sep",
    "sept",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "eve",
    "earlier",
    "this",
    "last",
];

/// Words that make a sentence about an event (for picking the main date).
pub(crate) static EVENT_WORDS: &[&str] = &[
    "rally",
    "rallies",
    "protest",
    "protests",
    "protested",
    "protesters",
    "demonstration",
    "demonstrations",
    "demonstrators",
    "march",
    "marches",
    "marched",
    "strike",
    "strikes",
    "striking",
    "strikers",
    "shooting",
    "shootings",
    // "a boy was shot in Chester": how US news most often tells a
    // shooting.
    "shot",
    "clash",
    "clashes",
    "gathering",
    "gathered",
    "detained",
    "detain",
    "detentions",
    "arrested",
    "arrests",
    "killed",
    "wounded",
    "injured",
    "dead",
    "died",
    "unrest",
    "riot",
    "riots",
    "walkout",
    "sit-in",
    "vigil",
    "picket",
    "blockade",
    "crowd",
    "crowds",
    "dispersed",
    "custody",
    "gunfire",
    "held",
    "rounded",
    "broke",
    "detentions",
    "arrest",
    "rallied",
    "rallying",
    "picketed",
    "assembled",
    "marching",
];

/// Verbs whose date is the date of a statement, not of an event.
pub(crate) static STATEMENT_VERBS: &[&str] = &[
    "told",
    "said",
    "says",
    "warned",
    "announced",
    "stated",
    "declared",
    "urged",
    "cancelled",
    "canceled",
    "pledged",
    "confirmed",
    "issued",
    "released",
    "called",
    "statement",
    "wrote",
    "posted",
    "tweeted",
    "reported",
    "added",
    "promised",
    "threatened",
];

/// Words that are capitalised but never part of a person's name.
pub(crate) const NOT_NAME_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "and",
    "police",
    "president",
    "party",
    "democratic",
    "opposition",
    "interior",
    "ministry",
    "security",
    "council",
    "service",
    "kazakh",
    "russian",
    "national",
    "state",
    "general",
    "office",
    "court",
    "internet",
    "rfe",
    "rl",
    "afp",
    "reuters",
    "ap",
    "covid",
];

/// Titles and roles after which capitalised words are a person's name.
pub(crate) const TITLES: &[&str] = &[
    "president",
    "prime",
    "minister",
    "mayor",
    "governor",
    "senator",
    "prosecutor",
    "prosecutor-general",
    "deputy",
    "leader",
    "chairman",
    "chairwoman",
    "activist",
    "lawyer",
    "journalist",
    "filmmaker",
    "founder",
    "officer",
    "sergeant",
    "sgt",
    "judge",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "mr",
    "mrs",
    "ms",
    "dr",
    "wife",
    "husband",
    "blogger",
    "oligarch",
    "tycoon",
    "politician",
    "banker",
    "dissident",
    "commander",
    "chief",
    "superintendent",
];

/// Every word besides digits that can start a number (`core_at`): the
/// unit and tens words and the openers of vague quantities. Registered in
/// `word_classes` so that most words are skipped with one load and a mask
/// (a test keeps the list in step with `core_at`).
pub(crate) static NUMBER_START_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "dozens",
    "scores",
    "hundreds",
    "tens",
    "thousands",
    "millions",
    "several",
    "a",
    "half",
];

/// Nouns after "capital" that make it money or law, not a city ("capital
/// punishment", "capital markets").
pub(crate) const CAPITAL_NOT_CITY: &[&str] = &[
    "punishment",
    "markets",
    "market",
    "gains",
    "gain",
    "investment",
    "investments",
    "flows",
    "flight",
    "expenditure",
    "spending",
    "controls",
    "letter",
    "letters",
    "offence",
    "offense",
    "crime",
    "crimes",
    "case",
    "cases",
    "charges",
    "charge",
    "goods",
    "stock",
    "requirements",
    "ratio",
];

/// Capitalised English words that are also places somewhere; at the start of
/// a sentence or in a headline they are read as words, not places.
pub(crate) const COMMON_WORDS: &[&str] = &[
    "oral",
    "police",
    "reading",
    "bath",
    "mobile",
    "independence",
    "victoria",
    "opposition",
    "union",
    "liberty",
    "protest",
    "march",
    "may",
    "nice",
    "split",
    "buffalo",
    "orange",
    "concord",
    "hope",
    "paradise",
    "university",
    "justice",
    "freedom",
    "unity",
    "progress",
    "democracy",
    "republic",
    "central",
    "eagle",
    "phoenix",
    "president",
    "national",
    "as",
    "of",
    "and",
    "the",
    "in",
    "at",
    "on",
    "a",
    "an",
    "to",
    "for",
    "by",
    "with",
    "after",
    "before",
    "this",
    "that",
    "some",
    "many",
    "most",
    "other",
    "others",
    "later",
    "earlier",
    "also",
    "there",
    "here",
    "then",
    "when",
    "where",
    "while",
    "despite",
    "during",
    "among",
    "according",
    "just",
    "smaller",
    "initially",
    "meanwhile",
    "apparent",
    "deputy",
    "human",
    "lawyers",
    "reports",
    "those",
    "several",
    "one",
    "two",
    "with",
    "internet",
    "raids",
    "violation",
    "source",
    "summary",
    "offline",
    "perpetrator",
    "gender",
    "impact",
    "rights",
    "event",
    "country",
    "state",
    "city",
    "capital",
    "west",
    "east",
    "north",
    "south",
    "centre",
    "center",
    "sale",
    "young",
    "bay",
    "temple",
    "mercy",
    "amnesty",
];

/// Event nouns that a place name can modify ("the Zhanaozen unrest", "the
/// Tiananmen massacre"): the name labels an event, it is not a scope.
pub(crate) const EVENT_LABEL_NOUNS: &[&str] = &[
    "unrest",
    "violence",
    "massacre",
    "events",
    "riots",
    "riot",
    "uprising",
    "crackdown",
    "killings",
    "shootings",
    "tragedy",
    "bloodshed",
    "clashes",
    "strike",
    "strikes",
    "protests",
    "attack",
    "bombing",
];

/// Capitalised function words ("The", "In" at a sentence start) that are
/// never places alone. Registered in `word_classes`: asked for every
/// capitalised word.
pub(crate) static NEVER_PLACES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "and",
    "but",
    "or",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "its",
    "this",
    "that",
    "these",
    "those",
    "some",
    "many",
    "most",
    "other",
    "others",
    "police",
    "officers",
    "witnesses",
    "organisers",
    "organizers",
    "officials",
    "authorities",
    "protesters",
    "demonstrators",
    "activists",
    "reporters",
    "when",
    "where",
    "while",
    "after",
    "before",
    "during",
    "despite",
    "meanwhile",
    "later",
    "earlier",
    "there",
    "here",
    "several",
    "one",
    "two",
    "three",
    "according",
    "as",
    "with",
    "by",
    "for",
    "from",
    "to",
    "if",
    "since",
    "until",
    "among",
    "about",
    "around",
    "more",
    "about",
];

/// Words that make the following capitalised name a person.
pub(crate) const PERSON_TITLES: &[&str] = &[
    "president",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "minister",
    "mayor",
    "governor",
    "senator",
    "general",
    "prosecutor",
    "deputy",
    "leader",
    "chairman",
    "officer",
    "sergeant",
    "judge",
    "former",
    "late",
    "saint",
    "chief",
    "capt",
    "captain",
    "lt",
    "lieutenant",
    "sgt",
    "detective",
    "det",
    "cpl",
    "corporal",
    "trooper",
    "sheriff",
    "agent",
    "spokesman",
    "spokeswoman",
    "attorney",
    "rep",
    "sen",
    "coach",
    "pastor",
    "rev",
    "reverend",
    "father",
    "brother",
    "sister",
];

/// Nouns that make a following "from <places>" a source of information.
pub(crate) const SOURCE_NOUNS: &[&str] = &[
    "reports",
    "report",
    "accounts",
    "information",
    "sources",
    "footage",
    "videos",
    "correspondents",
    "monitors",
    "data",
];

/// Last words of a street's name: a street named after a town ("Mansfield
/// Road", "Lebanon Street") runs through another place. Each is also a
/// spot word (`SUB_PLACE_SUFFIXES`'s class in the word index).
pub(crate) const STREET_NAME_ENDINGS: &[&str] = &[
    "street",
    "avenue",
    "road",
    "boulevard",
    "lane",
    "highway",
    "prospekt",
    "prospect",
    "drive",
    "parkway",
    // Street words as US news abbreviates them ("Cleveland Ave"): only
    // the unambiguous ones ("St" is also Saint, "Dr" also a title).
    "ave",
    "blvd",
    "rd",
    "pkwy",
    // "the West Side", "the Northwest Side": a city's side, never the
    // town of Side.
    "side",
    "bridge",
];

/// Last words of an agency's name: a run of capitalised words ending so
/// is the agency, not a spot, even with a spot word inside ("Missouri
/// State Highway Patrol", "Brooklyn Center Police Department", "National
/// Park Service"); the place at its head is read as an organisation's.
pub(crate) const AGENCY_NAME_ENDINGS: &[&str] = &[
    "patrol",
    "police",
    "department",
    "office",
    "bureau",
    "agency",
    "service",
    "commission",
    "authority",
    "administration",
    "unit",
    "squad",
];

/// Prepositions after which a name right before "said" is the place the
/// speakers are of ("police in Oakland said"), not a person.
pub(crate) const PREPOSITIONS_OF_A_SPEAKERS_PLACE: &[&str] = &["in", "from", "near", "outside"];

/// Prepositions after which a name the report also gives a person is still
/// the place ("shot in Williams, a farm town", "lives near Joshua"); not
/// "on" or "at", which take people as often ("the attacks on Marsh", "shot
/// at Joshua").
pub(crate) const PREPOSITIONS_OF_A_PLACE_OVER_A_PERSON: &[&str] = &["in", "near", "outside"];

/// Words after a name that make it a municipality's ("Neligh Police
/// Chief", "the Neligh fire department", "Neligh City Council"): a town
/// has its own police, fire service and council, so such a name is a
/// town's. Not a school, hospital or university: those are named after
/// places they need not be in ("Georgetown University").
pub(crate) const MUNICIPAL_INSTITUTION_WORDS: &[&str] = &["police", "fire", "council", "city"];

/// Words for a municipality that name it in "the city of Sevierville".
pub(crate) const MUNICIPALITY_WORDS: &[&str] = &["city", "town", "village", "township"];

/// Words that make a capitalised name a spot inside a city. The word
/// index gives the words of `STREET_NAME_ENDINGS` this class too, so each
/// street word is written once, there.
pub(crate) const SUB_PLACE_SUFFIXES: &[&str] = &[
    "square",
    "hall",
    "park",
    "stadium",
    "station",
    "airport",
    "hotel",
    "mosque",
    "cathedral",
    "church",
    "university",
    "plaza",
    "market",
    "centre",
    "center",
    "embassy",
    "palace",
    "building",
    "court",
    "courthouse",
    "monument",
    "memorial",
    "gardens",
    "garden",
    "district",
    "bazaar",
    "mall",
    "arena",
    "theatre",
    "theater",
    "library",
    "museum",
    "harbour",
    "harbor",
    "gate",
    "gates",
    "campus",
];
