//! Sentence patterns, written for this corpus. Placeholders: `{n}` a count
//! with its noun ("more than 100 people"), `{w}` an optional place phrase
//! with its leading space (" in Almaty" or ""), `{event}` the event noun,
//! `{city}`, `{country}`, `{org}`, `{sub}` a spot in the city, `{grievance}`,
//! `{d}` a date phrase with its leading space, `{N}` a title-cased count.

pub const DETAINED_CLAUSES: &[&str] = &[
    "{n} were detained{w}",
    "police detained {n}{w}",
    "{n} were taken into custody{w}",
    "{n} were arrested{w}",
    "security forces rounded up {n}{w}",
    "{n} were held by police{w}",
    "officers detained {n}{w}",
    "authorities arrested {n}{w}",
    "{n} were bundled into police vans{w}",
    "police took {n} into custody{w}",
    "{n} were led away by riot police{w}",
];

pub const PARTICIPANT_CLAUSES: &[&str] = &[
    "{n} gathered{w}",
    "{n} took part in the {event}{w}",
    "{n} marched{w}",
    "{n} rallied{w}",
    "{n} turned out{w}",
    "a crowd of {n} assembled{w}",
    "{n} joined the {event}{w}",
    "{n} took to the streets{w}",
    "{n} came out to protest{w}",
];

pub const STRIKE_CLAUSES: &[&str] = &[
    "{n} walked off the job{w}",
    "{n} joined the strike{w}",
    "{n} stayed away from work{w}",
    "{n} downed tools{w}",
    "{n} took part in the walkout{w}",
];

pub const INJURED_CLAUSES: &[&str] = &[
    "{n} were injured{w}",
    "{n} were hurt{w}",
    "{n} were treated for injuries{w}",
    "{n} were wounded{w}",
    "{n} were taken to hospital{w}",
    "{n} needed medical care{w}",
];

pub const KILLED_CLAUSES: &[&str] = &[
    "{n} were killed{w}",
    "{n} died{w}",
    "{n} lost their lives{w}",
    "the violence left {n} dead{w}",
];

pub const SHOOTING_KILLED_CLAUSES: &[&str] = &[
    "{n} were shot dead{w}",
    "{n} were killed when a gunman opened fire{w}",
    "a gunman killed {n}{w}",
    "{n} died in the shooting{w}",
];

/// National-scope lead clauses: the number counts the whole country.
pub const NATIONAL_DETAINED_CLAUSES: &[&str] = &[
    "{n} were detained{d} as police moved to break up {event}s in {city} and other cities across {country}",
    "police in {country} detained {n}{d} during {event}s called by {org}",
    "{n} were detained across {country}{d} as supporters of {org} tried to rally in several cities",
    "authorities in {country} detained {n} nationwide{d}",
    "{n} were taken into custody in {city} and other {country} cities{d}",
];

pub const NATIONAL_PARTICIPANT_CLAUSES: &[&str] = &[
    "{n} took part in {event}s in {city} and other cities across {country}{d}",
    "{n} rallied in cities across {country}{d}",
    "{n} joined {event}s nationwide{d}, answering a call by {org}",
    "{n} took to the streets of {city} and other {country} cities{d}",
];

pub const NATIONAL_STRIKE_CLAUSES: &[&str] = &[
    "{n} joined a nationwide strike{d}",
    "{n} walked off the job across {country}{d}",
    "{n} in {city} and other cities stopped work{d}",
];

pub const EVENT_NOUNS_PROTEST: &[&str] = &["rally", "protest", "demonstration", "march"];
pub const EVENT_NOUNS_DETENTIONS: &[&str] = &["unsanctioned rally", "opposition rally", "protest"];
pub const EVENT_NOUNS_STRIKE: &[&str] = &["strike", "walkout"];
pub const EVENT_NOUNS_CLASH: &[&str] = &["protest", "demonstration"];
pub const EVENT_NOUNS_SHOOTING: &[&str] = &["shooting", "attack"];

pub const PEOPLE_NOUNS: &[&str] = &[
    "people",
    "people",
    "protesters",
    "demonstrators",
    "activists",
    "opposition supporters",
    "people",
];
pub const WORKER_NOUNS: &[&str] = &["workers", "employees", "workers"];

pub const ORGANIZER_SENTENCES: &[&str] = &[
    "the {event} was called by {org}, which accuses the authorities of ignoring {grievance}",
    "{org} had urged supporters to come out against {grievance}",
    "supporters of {org} said they were protesting {grievance}",
    "the protest was organized by {org} over {grievance}",
    "{org}, which organized the {event}, said it wanted an open debate on {grievance}",
    "the gathering had been announced days earlier on social media by {org}",
];

pub const SCENE_SENTENCES: &[&str] = &[
    "riot police in helmets lined the streets around {sub}",
    "demonstrators chanted slogans and held up hand-written placards near {sub}",
    "mobile internet in the city centre was disrupted for several hours",
    "officials described the gathering as illegal and urged people to go home",
    "police vans were parked along the approaches to {sub} from early morning",
    "several journalists said they were prevented from filming",
    "shops near {sub} closed their shutters as the crowd grew",
    "witnesses said officers pulled people from the crowd without explanation",
    "the authorities had refused to grant a permit for the {event}",
    "footage shared online showed people being carried to buses",
    "the square was cleared by late afternoon",
];

pub const SHOOTING_SCENE_SENTENCES: &[&str] = &[
    "the gunfire began shortly after people had gathered near {sub}",
    "police cordoned off several blocks around {sub}",
    "a suspect was taken into custody after a brief chase, police said",
    "investigators were still trying to establish a motive",
    "residents described hearing a rapid burst of shots",
    "the mayor called the attack a senseless act of violence",
];

pub const CLOSING_SENTENCES: &[&str] = &[
    "the interior ministry did not respond to a request for comment",
    "the authorities did not comment on the detentions",
    "organizers said they would try to gather again next month",
    "human rights groups condemned the response of the police",
    "the government says unsanctioned gatherings threaten public order",
    "it was not immediately clear how many of those held were later released",
    "foreign embassies called on all sides to show restraint",
    "the prosecutor's office said it had opened an inquiry",
    "local media reported that most detainees were released by evening",
    "critics say the law on public assemblies is used to stifle dissent",
];

pub const QUOTES: &[&str] = &[
    "“We are not afraid. We only want to be heard,”",
    "“They grabbed people who were simply walking past,”",
    "“This is our city and we have the right to speak,”",
    "“Nobody asked us what we think, so we came here to tell them,”",
    "“I saw officers dragging a woman by her arms,”",
    "“We will come back next week, and the week after that,”",
    "“My son was taken away and nobody will tell me where he is,”",
    "“It was peaceful until the police started pushing,”",
];

pub const RELATED_HEADLINES: &[&str] = &[
    "Opposition Leader Calls For Dialogue With Government",
    "Court Upholds Ban On Unsanctioned Rallies",
    "Parliament Debates New Law On Public Assemblies",
    "Election Observers Report Irregularities",
    "Journalists Say They Were Beaten While Covering Protest",
    "Rights Groups Urge Release Of Jailed Activists",
    "Government Promises Review Of Police Tactics",
];

pub const CAPTIONS: &[&str] = &[
    "WATCH: Police Disperse Protesters In {city}",
    "WATCH: Scenes From The {Event} In {city}",
    "WATCH: Eyewitness Video From {city}",
    "WATCH: What We Know About The {Event} In {city}",
];

pub const HEADER_LINES: &[&str] = &[
    "Skip to navigation",
    "Skip to main content",
    "Breaking News",
    "Menu",
    "Search",
    "Live",
    "Sign in",
];

pub const FOOTER_LINES: &[&str] = &[
    "Share this article",
    "Facebook",
    "Twitter",
    "Email",
    "Print",
    "Comments are closed.",
    "Subscribe to our newsletter",
    "Most Popular",
];

/// Headline patterns by family; index i is shared by lookalike twins.
pub const HEADLINES_NATIONAL_DETAINED: [&str; 6] = [
    "{N} Detained As Police Break Up Opposition Rallies In {country}",
    "Police Detain {N} At Unsanctioned Rallies Across {country}",
    "{country}: {N} Held As {org} Supporters Try To Rally",
    "Mass Detentions As Opposition Protests Sweep {country}",
    "{N} Detained As Police Block Opposition Rallies In {country}",
    "{country} Police Crack Down On Day Of Protest",
];

pub const HEADLINES_NATIONAL_PARTICIPANTS: [&str; 6] = [
    "{N} Rally Across {country} Over {Grievance}",
    "Protests Spread To Several Cities In {country}",
    "{country}: {N} Join Nationwide Protests",
    "Opposition Supporters March In {city} And Other {country} Cities",
    "{N} Take To The Streets In {country}",
    "Day Of Protest In {country} Draws {N}",
];

pub const HEADLINES_NATIONAL_STRIKE: [&str; 6] = [
    "{N} Workers Strike Across {country}",
    "Nationwide Strike Hits {country}",
    "Strike Spreads To {city} And Other Cities",
    "{country}: {N} Walk Off The Job",
    "Workers In {country} Strike Over {Grievance}",
    "{N} Join Strike In {country}",
];

pub const HEADLINES_CITY_DETAINED: [&str; 6] = [
    "{N} Detained At Protest In {city}",
    "Police Detain {N} In {city}",
    "{city} Rally Ends In Mass Arrests",
    "Arrests As Protesters Gather In {city}",
    "{country}: {N} Held After {city} Protest",
    "Police Break Up Rally In {city}",
];

pub const HEADLINES_CITY_PARTICIPANTS: [&str; 6] = [
    "{N} Protest In {city} Over {Grievance}",
    "{city} Protesters Rally Against {Grievance}",
    "Crowds Gather In {city}",
    "{N} Rally In {city}",
    "{country}: Protest In {city} Draws {N}",
    "Residents Of {city} Take To The Streets",
];

pub const HEADLINES_CITY_STRIKE: [&str; 6] = [
    "{N} Workers Strike In {city}",
    "Strike Hits {city}",
    "{city} Workers Walk Out Over {Grievance}",
    "{N} Join Strike In {city}",
    "{country}: Workers Down Tools In {city}",
    "Walkout Halts Work In {city}",
];

pub const HEADLINES_CITY_INJURED: [&str; 6] = [
    "{N} Injured In {city} Clashes",
    "Police And Protesters Clash In {city}",
    "Clashes In {city} Leave {N} Hurt",
    "Violence Erupts At {city} Protest",
    "{country}: {N} Hurt As Police Disperse Protest In {city}",
    "Tear Gas Fired At Protesters In {city}",
];

pub const HEADLINES_CITY_KILLED: [&str; 6] = [
    "{N} Killed In {city} Shooting",
    "Shooting In {city} Leaves {N} Dead",
    "Gunman Opens Fire In {city}",
    "{country}: {N} Dead After Shooting In {city}",
    "Police Hunt Suspect After Deadly {city} Shooting",
    "{N} Dead In {city} Shooting",
];

/// Fills `{name}` placeholders; unknown names stay as written so a typo is
/// visible in the output rather than silently dropped.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match values.iter().find(|(name, _)| *name == key) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

pub const REACTION_SENTENCES: &[&str] = &[
    "a police spokesman in {city} said officers had acted strictly within the law and that nobody had been mistreated",
    "the mayor's office said the {event} had not been authorized and blamed the organizers for any disruption",
    "the interior ministry said in a statement that those held would face administrative charges for taking part in an unsanctioned gathering",
    "officials said the police had only intervened after demonstrators blocked traffic on the main road",
    "the government's human rights ombudsman said she would look into complaints about the conduct of the police",
    "a spokeswoman for the regional governor told reporters that the authorities were open to dialogue but would not tolerate disorder",
    "the prosecutor's office warned that organizers of unauthorized gatherings could face criminal charges",
    "state television did not mention the {event} in its evening bulletin",
];

pub const GRIEVANCE_SENTENCES: &[&str] = &[
    "anger over {grievance} has been building for months, fuelled by complaints that officials ignore ordinary people",
    "critics of the government say {grievance} has hit poorer families hardest",
    "the authorities insist that {grievance} has been exaggerated by the opposition and by foreign media",
    "{org} has staged several protests this year, most of them quickly dispersed by the police",
    "independent candidates have struggled to register for elections, and most opposition groups remain outside parliament",
    "activists say the courts rarely side with those who challenge the authorities",
    "the movement draws much of its support from young people who follow its leaders on messaging apps",
    "the government has promised reforms, but critics say little has changed in practice",
    "previous attempts to hold {event}s in {city} were broken up within minutes",
    "public discontent has also grown over the cost of living and the state of local hospitals",
];

pub const AFTERMATH_SENTENCES: &[&str] = &[
    "by evening the streets around {sub} were quiet, with police patrols still visible",
    "lawyers said they had been unable to reach several of their clients for hours",
    "some of those detained were released late at night after signing statements",
    "relatives gathered outside police stations in the evening, asking for information",
    "traffic in the centre of {city} returned to normal later in the day",
    "the organizers posted videos of the {event} online, where they were widely shared",
    "police later said they were reviewing footage to identify other participants",
    "several independent news sites reported problems loading their pages during the day",
];

pub const SHOOTING_AFTERMATH_SENTENCES: &[&str] = &[
    "the wounded were taken to three hospitals across {city}",
    "a vigil for the victims was planned for the following evening near {sub}",
    "the police chief said more officers would patrol the area in the coming weeks",
    "investigators asked anyone with video of the shooting to come forward",
    "local officials renewed calls for tighter controls on firearms",
];

pub const OFFICIAL_QUOTES: &[&str] = &[
    "“Order was restored quickly and the situation is under control,”",
    "“Everyone has the right to express an opinion, but within the framework of the law,”",
    "“We will investigate every complaint that reaches us,”",
    "“The organizers knew this gathering was not permitted,”",
];

pub const OFFICIAL_TITLES: &[&str] = &[
    "a police spokesman",
    "the deputy mayor",
    "a regional official",
    "an interior ministry spokeswoman",
];

pub const CROWD_DETAIL_SENTENCES: &[&str] = &[
    "many of those taking part were students and young professionals",
    "some carried national flags, others held portraits of jailed activists",
    "older residents stood on the pavements and watched, some of them applauding",
    "the crowd sang the national anthem before the police moved in",
    "organizers handed out leaflets listing their demands",
    "people in the crowd chanted for the resignation of the local governor",
    "volunteers distributed water and asked participants not to respond to provocations",
    "several speakers addressed the crowd through a portable loudspeaker",
];

pub const SHOOTING_QUOTES: &[&str] = &[
    "“Everyone started running and screaming, I just pulled my children behind a car,”",
    "“I heard something like firecrackers, and then people were lying on the ground,”",
    "“This street used to be safe. I do not know what to tell my family now,”",
    "“The ambulances came quickly, but for some of them it was already too late,”",
];

pub const SHOOTING_CONTEXT_SENTENCES: &[&str] = &[
    "the motive for the attack was not immediately clear",
    "the area around {sub} is usually busy with shoppers in the afternoon",
    "officials said there was no indication that the attack was linked to terrorism",
    "the suspect was known to the police, according to local media",
];

pub const SHOOTING_CLOSING_SENTENCES: &[&str] = &[
    "the investigation is continuing",
    "police did not release the names of the victims",
    "the city council is due to discuss security measures next week",
    "a hotline has been set up for relatives of the victims",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_and_keeps_unknown() {
        assert_eq!(
            fill(
                "{n} were detained{w}",
                &[("n", "26 people"), ("w", " in Almaty")]
            ),
            "26 people were detained in Almaty"
        );
        assert_eq!(fill("{x} and {", &[]), "{x} and {");
    }
}
