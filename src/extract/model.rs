//! What extraction yields. These types are the contract between extraction
//! and everything downstream (clustering, reconciliation, the bench, the
//! `extract --json` output), so they change only with `EXTRACTOR_VERSION`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Bumped whenever extraction output may change for the same input; stored
/// extractions made by another version are recomputed. extract/3: control
/// and bidi characters read as blanks (issue 16); casualties as local news
/// writes them, every place with its span and resolution, and caseless
/// text read through a recased view (issue 11). extract/4: a figure says
/// where its scope came from (`scope_from`); crowds as protest notes write
/// them; places resolved with datelines' states, institutions and the
/// document's other places (issue 11, session 6). extract/5: the main
/// date weighs the event a date is attached to in its sentence, the event
/// a date names ("the Nov. 3 shooting") and page stamps; killed and injured
/// read from pronoun objects and "left X injured" (sessions 8 and 9).
/// extract/6: vague orders of magnitude start at one unit (`figures/4`),
/// more crowds of protest notes are counted and a one-paragraph note is
/// dated by its first sentence (issue 11, session 10). extract/7: US towns
/// down to 500 people (villages need a dateline, a qualifier or a place
/// preposition with their state around), the title's city, a state after a
/// city read as the state, crossing streets, far unsupported towns as
/// neighbourhoods, one city for a shooting, the outlet's home from its
/// address, "St. Louis" as one name (issue 11, session 11). extract/8: a
/// shooting follow-up whose lede puts the shooting "last week" or "last
/// month" is dated by that week or month, not by its follow-up's day
/// (issue 12, session 12); "was accidentally shot" and "had been shot"
/// are one victim hurt. extract/9: killed and injured the text does not
/// state are read from the report's title ("Teen killed in Riverton
/// shooting"), quoted from it (`Figure::quoted_from`). extract/10: a
/// shooting follow-up whose news is a proceeding weeks later (a plea, a
/// verdict, charges) is dated by the day or month it gives the shooting
/// (issue 12, session 14). extract/11: a town written with a state that
/// has no place of its name in the gazetteer is a sub-place of that state,
/// not a namesake elsewhere (issue 11, session 14); a state's own name
/// votes for the state whatever hamlets share it. extract/12: a small
/// namesake in another state than the report's home state is the home
/// state's town the gazetteer lacks. extract/13: a city the page title's
/// site part writes with its state is the outlet's home. extract/14: a
/// follow-up that states no day of its own is dated by its shooting too.
/// extract/15: the home-state rule steps aside under a big dateline city.
/// extract/16: a main day no sentence of the event states is weak (issue
/// 12, session 17). extract/17: a name resolved once is that place where
/// nothing else supports it; names inside hyphenated words; lists of
/// counties; the outlet's city read by the report's places; at most
/// 10,000 places listed (issue 11, session 18). extract/18: world regions
/// ("Europe", "the EU"), regions' people ("Ohioans"), legislators' party
/// tags ("D-W. Va."), a word of direction before a name ("North Texas"),
/// "L.A." and a county's possessive (issue 11, session 19). extract/19: a
/// big city's name with a namesake near the outlet's city votes for the
/// outlet's country ("Dublin" in a Columbus paper). extract/20: a plea's
/// day is the plea's ("pleaded not guilty Monday"), and a shooting word
/// before an earlier date of the sentence lends that date nothing (issue
/// 12, session 20). extract/21: the days told right after "the second
/// case in a week" are the earlier case's (issue 12, session 20).
/// extract/22: weekdays are read against the day a page's own stamp says
/// it was posted, when that comes before the feed's day (session 20).
/// extract/23: page stamps in numbers, up to ten years back; "gunman" ties
/// no date; a date still to come dates no shooting; the town a shooting
/// was in weighs more among a region's cities (session 21).
/// extract/24: a sub-place named after a place ("Ohio State University",
/// "Cottonport Fire Station") lies in that place when the report gives it
/// no better one; a video player's playlist is boilerplate; a bare
/// dateline of a name several countries' towns bear votes for no country,
/// and is the place the report reads its word as when that lies in another
/// country (issue 11, session 24). extract/25: small towns' alternate
/// names that are everyday words are not indexed ("Johnson", "The City");
/// a frequent word naming a small town casts no country vote ("Ron"); a
/// city the site's name writes with its state votes like a country-code
/// domain (issue 11, session 25). extract/26: a coded locality written
/// "City (Place)" is the bracketed place when the gazetteer knows it as a
/// town of the row's region, else the city (issue 14, session 26).
/// extract/27: a city's name is also found with its first word
/// abbreviated or spelled out ("Mt. Pleasant"); a name the report puts in
/// a state itself is that state's town wherever it stands alone; a bare
/// dateline of several states' towns votes for no state, and is read in
/// context when that puts it in a comparable namesake; a small town of
/// the report's clear home state is the gazetteer's town of that state
/// when it has one (issue 11, session 26). extract/28: a coded locality
/// that writes its county word twice ("Lunenburg County (county)") is
/// that county (issue 14, session 26). extract/29: a county name several
/// states share, its region votes tied, lies in the state of most of the
/// report's towns (issue 11, session 26). extract/30: "four days ago" is
/// a day and "two weeks ago" an earlier week; "Monday night, November 28"
/// is November 28; "UPDATE on Monday" stamps the page (issue 11, session
/// 27). extract/31: a bare weekday tied to a shooting the lede puts "last
/// week" is a day of that week (issue 11, session 27). extract/32: a
/// county whose name holds a possessive ("Prince George's County") is
/// that county (issue 11, session 27). extract/33: a name that opens a
/// person's name the report gives ("Brittany Thomas") is no region
/// (issue 11, session 27). extract/34: a caseless report's possessive
/// written with a space ("edinburgh s streets") gets its apostrophe back,
/// and a demonym of two words ("costa rican") is read in any case (issue
/// 11, session 28).
/// extract/35: a census given name and a surname make a person with no
/// title or age beside them; a city before an office's title stays the
/// city (issue 11, session 29). extract/36: a sub-place's name ends
/// where the place ends: not through a weekday, a title and its holder, or
/// a street's "for" (issue 11, session 30). extract/37: a shooting's
/// lede that tells what followed (a hearing, charges, an arrest) gives its
/// day no lede bonus, and "Sunday's deadly west Dayton shooting" ties the
/// day to the shooting (issue 11, session 30). extract/38: a rare word no
/// gazetteer knows before a census surname is a person ("Maleah
/// Williams"), and the surname no town (issue 11, session 30).
/// extract/39: "half a million" is half of it; a crowd counted after "a
/// rally here of", after an event that "gathered" it, or as it "flowed"
/// or "descended on" a place (issue 11, session 31). extract/40: a name
/// the body gives a person, written whole in the title ("the Henry Jackson
/// case"), is no town of the title (issue 11, session 31). extract/41:
/// "Ave", "Blvd", "Rd", "Pkwy" and "Drive" end a street's name ("Cleveland
/// Ave" is a street, not Cleveland) (issue 11, session 31). extract/42:
/// "shot" makes a sentence about the event ("a boy was shot in Chester")
/// (issue 11, session 31). extract/43: a demonym after "ethnic", "pro" or
/// "anti" casts no vote for its country, nor one read as a language ("in
/// English", "Russian-speaking") (issue 11, session 31). extract/45: "who"
/// and a comma may stand between a crowd and "numbered" (issue 11,
/// session 31). extract/46: one name of the report's own decides which
/// namesake an outlet's address means, and the one state the report's
/// ambiguous names share with it (issue 11, session 32). extract/47: a
/// report that names a county and no city is in the county's city or
/// state, not only its country (issue 11, session 32). extract/48: an AP
/// state abbreviation before a lowercase word is the state ("Fla.
/// economist") (issue 11, session 32). extract/49: a name only villages
/// bear as their own is theirs, not a bigger town's of their country that
/// has it as an alternate name ("Rogersville", not Rogers Park) (issue 11,
/// session 33). extract/50: an agency's name with a spot word inside
/// ("Missouri State Highway Patrol") is no spot; its head is the
/// organisation's place (issue 11, session 33). extract/51: a name before
/// "said" after "in", "from", "near" or "outside" is the place ("police in
/// Oakland said"), not a person (issue 11, session 33). extract/52: so is
/// one after "the city of" ("the city of Sevierville said") (issue 11,
/// session 33). extract/53: a village named by its own police, fire
/// service or council ("Neligh Police Chief") is supported as after a
/// preposition of place; a person written with a middle initial ("William
/// B. Evans") is a person, keyed without the initial, and the surname no
/// town; a county written once with its state votes for that state
/// whenever written alone; a country's capital outranks its small
/// namesakes, and a dateline standing alone is the capital (issue 11,
/// session 34). extract/54: in a paper with a home, a region abroad votes
/// for its country once however often it is written; a county and a town
/// that lie together in one state alone vote for it; the capital's weight
/// is not given over its own country of the name nor by an alternate name
/// (issue 11, session 34). extract/55: a known US television station's
/// call sign in the address gives its city of license as the outlet's
/// home (`data/us_broadcasters.tsv`) (issue 11, session 35). extract/56:
/// with no city dateline, the outlet's city, when the report names it, is
/// the home whose neighbourhoods far small towns of another state are
/// (issue 11, session 35). extract/57: a city in capitals alone on its
/// line before a dash ("ANCHORAGE –", "STOCKTON-") is kept by cleaning
/// and read as the dateline (issue 11, session 35). extract/58: the city
/// after the report's first street address ("in the 400 block of West
/// 27th Street in Newport News") is the shooting's, as after a shooting
/// word (issue 11, session 35). extract/59: a person the body names,
/// written possessive in the title ("Trinity Gay's Death"), is no town
/// of the title (issue 11, session 35). extract/60: the content vector
/// cached with each extraction (in the report's digest) folds Latin
/// diacritics, "José" and "Jose" one word (issue 12, session 38).
/// extract/61: crowds counted by what they did ("thousands staged
/// protests", a coder's "believed to have at least 50 people",
/// "protesting students", the side of a clash that is not the police;
/// issue 11, session 39). extract/62: a lone given name of a person the
/// report names in full ("Joshua Reed", then "from Joshua") is the person,
/// not a town of that name (issue 11, session 39). extract/63: a city
/// named like a common word that opens the outlet's domain is that city
/// where the report writes it as a place ("buffalonews.com", "in
/// Buffalo"); a compass word shared with a town's own name no longer keeps
/// an everyday alternate name ("East Side", East Ridge) (issue 11,
/// session 39). extract/64: a protest's people "with" it after a comma,
/// "the participation of", "there were" (issue 11, session 39).
/// extract/65: what only a crowd does ("mobbed", "ran riot", "built
/// barricades", "began throwing stones"; issue 11, session 39).
/// extract/66: a lone given name after "at" is the person, as a surname
/// is ("shot at Joshua"; issue 11, session 39).
pub const EXTRACTOR_VERSION: &str = "extract/66";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    /// A week ("earlier this week", "last week"): `date` is its Monday.
    Week,
    /// A date was stated but nothing anchors it (no publication date for a
    /// "February 22" or "yesterday"). Never guessed.
    Unresolved,
}

/// A date the report gives for an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// The first day of the period: the day itself, the first of the month,
    /// or January 1. `None` when unresolved.
    pub date: Option<NaiveDate>,
    pub precision: DatePrecision,
    /// The words that stated it, and their span in the original text.
    pub text: String,
    pub span: [usize; 2],
    /// The day was stated only by a sentence that does not tell the event
    /// itself: what followed it ("a vigil Wednesday", "in a court hearing
    /// Monday", "arrested Tuesday in the shooting") or the scene around it
    /// ("the town is in shock Thursday"). Such a day is often not the
    /// event's, so clustering weighs it against another day but never lets
    /// it veto (docs/clustering.md, "Hard constraints"). Absent (false) in
    /// JSON for a day the text ties to the event, and for every other date.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub weak: bool,
}

impl EventDate {
    /// "2020-02-22", "2020-02", "2020", or None.
    pub fn display(&self) -> Option<String> {
        format_dated(self.date?, self.precision)
    }
}

/// A date at a precision as concord writes it everywhere: "2020-02-22",
/// "2020-W08", "2020-02", "2020"; None when unresolved.
pub fn format_dated(date: NaiveDate, precision: DatePrecision) -> Option<String> {
    Some(match precision {
        DatePrecision::Day => date.format("%Y-%m-%d").to_string(),
        DatePrecision::Month => date.format("%Y-%m").to_string(),
        DatePrecision::Year => date.format("%Y").to_string(),
        DatePrecision::Week => date.format("%G-W%V").to_string(),
        DatePrecision::Unresolved => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceLevel {
    Country,
    Region,
    City,
}

/// A place resolved against the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceRef {
    /// The GeoNames id: stable across gazetteer rebuilds.
    pub geonames_id: u32,
    /// The canonical English name ("Astana" for "Nur-Sultan").
    pub name: String,
    pub level: PlaceLevel,
    /// The country's canonical name ("Kazakhstan").
    pub country: String,
    /// ISO 3166-1 alpha-2.
    pub country_code: String,
    pub lat: f64,
    pub lon: f64,
}

/// How finely a found place name is resolved. A county or a sub-place the
/// gazetteer lacks takes the coordinates and GeoNames id of the place the
/// report puts it in (its `within`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundPlaceLevel {
    /// A continent or another region larger than a country ("Europe",
    /// "the Middle East", "the EU"): listed, never resolved into the
    /// gazetteer's hierarchy (a continent has a GeoNames id and point; the
    /// others have neither in concord's data).
    WorldRegion,
    Country,
    Region,
    County,
    City,
    SubPlace,
}

/// How the report uses a place name it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceNameRole {
    /// Where the report's events happen: a sentence with an event word.
    Event,
    /// In a sentence about an earlier event.
    Background,
    /// The dateline ("MANASSAS, Va. --").
    Dateline,
    /// In a headline line.
    Headline,
    /// Part of an organisation's name ("Chicago Police Department").
    Organisation,
    /// A demonym or adjective ("Kazakh police", "American").
    Demonym,
    /// A state or country written after a place to say where it is
    /// ("Manassas, Va.").
    Qualifier,
    /// Where information came from ("reports from Almaty").
    Source,
    /// Any other mention: a possessive, a label ("the Zhanaozen unrest"), a
    /// place named in passing.
    Context,
}

/// One place name the report names, as found and resolved. `span` indexes
/// the report's original text and `&text[span] == text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoundPlace {
    pub span: [usize; 2],
    pub text: String,
    pub level: FoundPlaceLevel,
    pub role: PlaceNameRole,
    /// The resolution: for a county or sub-place, the place it lies in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u32>,
    /// The canonical name it resolved to (for a county or sub-place, the
    /// name as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// The first-level region's name ("Virginia").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// For a county or sub-place: the canonical name of the place whose id
    /// and coordinates it takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Why it resolved so, machine-readable ("population",
    /// "same_admin1_as:Chicago", "dateline"); docs/extraction.md lists them.
    pub evidence: Vec<String>,
}

/// A named spot inside a city: a square, park, street, block or landmark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubPlace {
    pub name: String,
    pub span: [usize; 2],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Detained,
    Participants,
    Killed,
    Injured,
}

impl Metric {
    pub const ALL: [Metric; 4] = [
        Metric::Detained,
        Metric::Participants,
        Metric::Killed,
        Metric::Injured,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Detained => "detained",
            Metric::Participants => "participants",
            Metric::Killed => "killed",
            Metric::Injured => "injured",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    Approx,
    AtLeast,
    MoreThan,
    AtMost,
    FewerThan,
    Range,
    Vague,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Protest,
    Detentions,
    Clash,
    Shooting,
    Strike,
    Unrest,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 7] = [
        EventKind::Protest,
        EventKind::Detentions,
        EventKind::Clash,
        EventKind::Shooting,
        EventKind::Strike,
        EventKind::Unrest,
        EventKind::Other,
    ];

    /// The kind's name as JSON writes it ("protest").
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Protest => "protest",
            EventKind::Detentions => "detentions",
            EventKind::Clash => "clash",
            EventKind::Shooting => "shooting",
            EventKind::Strike => "strike",
            EventKind::Unrest => "unrest",
            EventKind::Other => "other",
        }
    }
}

/// Where a figure's scope came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeSource {
    /// Places named in the figure's own sentence.
    Stated,
    /// The whole country, in so many words: "across the country",
    /// "nationwide", "in other cities", or a total after a breakdown by
    /// city. Only this makes a statement about the whole country.
    #[default]
    CountryWide,
    /// Places carried from an earlier sentence of the paragraph, or the
    /// dateline's city.
    Carried,
    /// Nothing said where: the report's main place, by default.
    Report,
}

impl ScopeSource {
    /// The figure's own sentence says where it counts.
    pub fn is_in_own_sentence(self) -> bool {
        matches!(self, ScopeSource::Stated | ScopeSource::CountryWide)
    }
}

/// One number a report states about an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub metric: Metric,
    /// The number as stated (36 for "more than three dozen"); `None` for
    /// vague quantities ("dozens", "some").
    pub value: Option<u64>,
    /// The upper number of a range ("between 40 and 60").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_hi: Option<u64>,
    pub qualifier: Qualifier,
    /// The interval the policy in docs/figures.md gives the statement.
    pub lo: u64,
    /// `None` is unbounded above ("at least 20").
    pub hi: Option<u64>,
    /// The scope: canonical names of the places the number counts. A
    /// national number has the country's name.
    pub places: Vec<String>,
    /// Where `places` came from: a country-wide phrase makes a statement
    /// about the whole country; a country named in passing ("four dead in
    /// Georgia", read as the country) or lent by the report's main place
    /// does not (clustering reads the difference).
    #[serde(default)]
    pub scope_from: ScopeSource,
    /// Byte span of the number phrase in the report's original text.
    pub span: [usize; 2],
    /// The text at `span`.
    pub quote: String,
    /// The sentence containing the figure, and its span.
    pub sentence: String,
    pub sentence_span: [usize; 2],
    /// The hedging words as written ("more than", "about").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier_words: Option<String>,
    /// The vague phrase, for vague figures ("dozens").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
    /// Who the report says gave the number ("Interior Ministry").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
    /// True when the figure belongs to an earlier event the report mentions
    /// only as context.
    pub background: bool,
    /// The date of the event the figure belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<EventDate>,
    pub extractor_version: String,
    /// For a figure read from a coded dataset's column: the dataset, row
    /// and column it came from ("CCC row 812, size_high"). Its `sentence`
    /// is then empty: a cell is not a sentence. Absent for every figure of
    /// a text report, so text extractions are unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coded: Option<crate::coded::CodedCell>,
    /// What `span` and `sentence_span` index: the report's text, or its
    /// title for a figure only the title states. Absent for the text.
    #[serde(default, skip_serializing_if = "QuotedFrom::is_text")]
    pub quoted_from: QuotedFrom,
}

/// Which of a report's stored strings a figure's quote was cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuotedFrom {
    /// The report's text (its readable text for a page or feed item, with
    /// spans mapped into the stored original).
    #[default]
    Text,
    /// The report's title, as stored: a page whose body is a paywall
    /// notice or a feed item of a title and a summary may state its
    /// casualties only there ("1 dead, 4 hurt after block party gunfire").
    Title,
}

impl QuotedFrom {
    pub fn is_text(&self) -> bool {
        *self == QuotedFrom::Text
    }

    /// What views put before a quote to say where it was cut from:
    /// nothing for the text, "title: " for the title.
    pub fn label(self) -> &'static str {
        match self {
            QuotedFrom::Text => "",
            QuotedFrom::Title => "title: ",
        }
    }
}

/// One place-day the report describes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub date: Option<EventDate>,
    pub place: Option<PlaceRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_places: Vec<SubPlace>,
    /// An earlier event mentioned as context, never the report's own news.
    pub background: bool,
    /// Indices into `Extraction::figures` of the figures scoped to this
    /// mention's place alone.
    pub figures: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MainEvent {
    pub date: Option<EventDate>,
    /// The main place: the dateline city, or the most salient place. A
    /// country when the report names no city.
    pub place: Option<PlaceRef>,
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_places: Vec<SubPlace>,
    pub kind: EventKind,
    /// The place the dateline names ("ALMATY, Kazakhstan --"), which is
    /// where the report was filed, not necessarily where the event was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<PlaceRef>,
}

/// An organizing group, with the names the report uses for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organizer {
    /// The longest name the report gives ("Democratic Choice of Kazakhstan").
    pub name: String,
    /// Acronyms and other names ("DVK", "DCK").
    pub aliases: Vec<String>,
    /// The folded key used for comparison across reports.
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    /// The folded key ("nazarbayev" for "Nazarbaev").
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub report: String,
    pub extractor_version: String,
    pub main: MainEvent,
    /// Every place-day the report describes, the main one included.
    pub mentions: Vec<Mention>,
    pub figures: Vec<Figure>,
    pub organizers: Vec<Organizer>,
    pub people: Vec<Person>,
    /// The headline as used for matching (the title, or the first line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// Things a user should know: an unanchored date, an unknown place.
    pub diagnostics: Vec<String>,
    /// Every place name found, in text order (empty in extractions stored
    /// before `extract/3`).
    #[serde(default)]
    pub places: Vec<FoundPlace>,
}
