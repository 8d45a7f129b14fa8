//! Name vocabulary: the US Census 1990 first-name and surname gazetteers (embedded, parsed once) and
//! the closed word lists that decide whether a capitalized word can be part of a person's name:
//! titles, suffixes, particles, words that mark places and organizations, and common sentence words.
//! Gazetteer hits are evidence for a name, never proof (many surnames are common words).

use crate::words::{FxBuild, FxMap, WordMap, WordSet};
use arrayvec::ArrayString;
use std::sync::LazyLock;

/// Calls `f` with the lower-case form of `word`, without allocating for short ASCII words.
pub fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    // Most words checked are already lower-case ASCII: no copy.
    if !word
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        return f(word);
    }
    if word.is_ascii() {
        // A copy on the stack, folded in place (no UTF-8 validation of the copy).
        if let Ok(mut buf) = ArrayString::<48>::from(word) {
            buf.make_ascii_lowercase();
            return f(&buf);
        }
    }
    f(&word.to_lowercase())
}

/// Calls `f` with `word.to_ascii_lowercase()`, without allocating for words of up to 48 bytes.
pub fn with_ascii_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    match ArrayString::<48>::from(word) {
        Ok(mut buf) => {
            buf.make_ascii_lowercase();
            f(&buf)
        }
        Err(_) => f(&word.to_ascii_lowercase()),
    }
}

use super::Gender;

const MALE_FIRST: &str = include_str!("../../data/names/male_first.txt");
const FEMALE_FIRST: &str = include_str!("../../data/names/female_first.txt");
const ALL_LAST: &str = include_str!("../../data/names/all_last.txt");

/// Name (upper-case, letters only) → frequency in thousandths of a percent.
type Gazetteer = FxMap<&'static str, u32>;

fn parse_gazetteer(text: &'static str) -> Gazetteer {
    let mut map = FxMap::with_capacity_and_hasher(text.len() / 12, FxBuild::default());
    for line in text.lines() {
        let mut parts = line.split_ascii_whitespace();
        let (Some(name), Some(freq)) = (parts.next(), parts.next()) else {
            continue;
        };
        map.entry(name).or_insert(thousandths(freq));
    }
    map
}

/// A census frequency in thousandths of a percent: "1.006" → 1006, read digit by digit when it
/// has the lists' three decimals, through a float otherwise.
fn thousandths(freq: &str) -> u32 {
    if let Some((whole, frac)) = freq.split_once('.') {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if digits(whole) && frac.len() == 3 && digits(frac) && whole.len() <= 6 {
            return whole
                .bytes()
                .chain(frac.bytes())
                .fold(0, |n, d| n * 10 + u32::from(d - b'0'));
        }
    }
    freq.parse::<f64>()
        .map(|f| (f * 1000.0).round() as u32)
        .unwrap_or(0)
}

/// Given names with their evidence for each gender (every listed name counts at least 1, so
/// that rare names still register).
static FIRST: LazyLock<FxMap<&'static str, FirstNameEvidence>> = LazyLock::new(|| {
    let (male, female) = (parse_gazetteer(MALE_FIRST), parse_gazetteer(FEMALE_FIRST));
    let mut first = FxMap::with_capacity_and_hasher(male.len() + female.len(), FxBuild::default());
    for (name, f) in &male {
        first.entry(*name).or_insert(NO_NAME).male = (*f).max(1);
    }
    for (name, f) in &female {
        first.entry(*name).or_insert(NO_NAME).female = (*f).max(1);
    }
    first
});
static LAST: LazyLock<Gazetteer> = LazyLock::new(|| parse_gazetteer(ALL_LAST));

/// Builds every list of this module now instead of at its first use (`crate::extract::warm_up`).
pub fn warm_up() {
    LazyLock::force(&FIRST);
    LazyLock::force(&LAST);
    LazyLock::force(&TITLES);
    LazyLock::force(&OCCUPATIONS);
    LazyLock::force(&ROLES);
    LazyLock::force(&KIN);
    LazyLock::force(&GENDERS);
    LazyLock::force(&NON_PERSON);
    LazyLock::force(&NON_NAME);
    LazyLock::force(&PLACES);
    LazyLock::force(&SURNAME_LIKE_PLACES);
    LazyLock::force(&STOP_WORDS);
    LazyLock::force(&WORD_FACTS);
}

const NO_NAME: FirstNameEvidence = FirstNameEvidence { male: 0, female: 0 };

/// Calls `f` with the upper-case ASCII letters of `word` ("O'Neal" → "ONEAL"), as the census
/// lists spell names.
fn with_census_key<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut key = ArrayString::<48>::new();
    for b in word.bytes() {
        if b.is_ascii_alphabetic() && !key.is_full() {
            key.push(char::from(b.to_ascii_uppercase()));
        }
    }
    f(&key)
}

/// How strongly the gazetteers say `word` is a given name, and for which gender.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FirstNameEvidence {
    pub male: u32,
    pub female: u32,
}

impl FirstNameEvidence {
    pub fn is_name(&self) -> bool {
        self.male > 0 || self.female > 0
    }

    pub fn gender(&self) -> Gender {
        if self.male > self.female.saturating_mul(3) {
            Gender::Male
        } else if self.female > self.male.saturating_mul(3) {
            Gender::Female
        } else {
            Gender::Unknown
        }
    }
}

/// Census evidence that `word` is a given name (zero frequencies when it is not listed).
pub fn first_name(word: &str) -> FirstNameEvidence {
    // "Mary-Kate": a hyphenated given name whose parts are all given names.
    if word.contains('-') {
        let parts: Vec<FirstNameEvidence> = word.split('-').map(first_name).collect();
        if parts.iter().all(|p| p.is_name()) {
            return parts[0];
        }
    }
    with_census_key(word, |key| FIRST.get(key).copied().unwrap_or(NO_NAME))
}

/// `true` when the census lists `word` as a surname.
pub fn is_surname(word: &str) -> bool {
    with_census_key(word, |key| LAST.contains_key(key))
}

/// A word that introduces a name and is not part of it, lower-case without its period.
/// The value says what it tells about the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleKind {
    /// "Mr.", "Mrs.", "Dr.": courtesy, maybe with a gender.
    Courtesy(Gender),
    /// "Officer", "Sgt.", "Judge": a rank or office, recorded as a role.
    Office(&'static str),
    /// "Model", "Singer": an occupation used as a title.
    Occupation(&'static str),
}

/// Titles that can precede a name, lower-case, without period.
pub fn title(word: &str) -> Option<TitleKind> {
    with_lower(word.trim_end_matches('.'), |w| TITLES.get(w).copied())
}

/// The title words and what each tells (the first listing of a word wins).
static TITLES: LazyLock<WordMap<TitleKind>> = LazyLock::new(|| {
    use Gender::*;
    use TitleKind::*;
    let mut titles = table(&[
        (&["mr", "mister"], Courtesy(Male)),
        (&["mrs", "ms", "miss", "madam"], Courtesy(Female)),
        (
            &["dr", "prof", "professor", "rev", "reverend", "hon"],
            Courtesy(Unknown),
        ),
        (&["sir", "lord"], Courtesy(Male)),
        (&["dame", "lady"], Courtesy(Female)),
        (
            &[
                "officer",
                "ofc",
                "patrolman",
                "patrolwoman",
                "trooper",
                "deputy",
                "agent",
            ],
            Office("officer"),
        ),
        (
            &[
                "sgt",
                "sergeant",
                "lt",
                "lieutenant",
                "capt",
                "captain",
                "cpl",
                "corporal",
                "det",
                "detective",
                "pfc",
                "pvt",
                "private",
                "spc",
                "specialist",
                "maj",
                "major",
                "col",
                "colonel",
                "gen",
                "general",
                "cmdr",
                "commander",
                "insp",
                "inspector",
                "chief",
                "sheriff",
                "marshal",
                "constable",
                "investigator",
            ],
            Office("officer"),
        ),
        (&["judge", "justice", "magistrate"], Office("judge")),
        (&["mayor"], Office("mayor")),
        (&["gov", "governor"], Office("governor")),
        (
            &[
                "sen",
                "senator",
                "rep",
                "representative",
                "congressman",
                "congresswoman",
                "councilman",
                "councilwoman",
                "alderman",
                "commissioner",
                "assemblyman",
                "assemblywoman",
                "delegate",
            ],
            Office("politician"),
        ),
        (&["president"], Office("president")),
        (
            &["pastor", "bishop", "imam", "rabbi", "father", "pope"],
            Office("clergy"),
        ),
        (&["coach"], Office("coach")),
        (&["principal", "superintendent"], Office("educator")),
        (
            &["attorney", "prosecutor", "da", "solicitor"],
            Office("attorney"),
        ),
        (&["coroner"], Office("coroner")),
        (&["comm", "supt", "dep"], Office("officer")),
        (&["model", "supermodel"], Occupation("model")),
    ]);
    // Occupations used as titles, by their canonical noun ("singer-songwriter" is no title).
    for w in OCCUPATIONS_AS_TITLES {
        if let Some(o) = occupation(w) {
            titles.entry(w).or_insert(Occupation(o));
        }
    }
    WordMap::from_map(titles)
});

/// A lookup table from match arms: each arm's words with its value, the first listing of a word
/// winning as in a `match`.
fn table<V: Copy>(arms: &[(&[&'static str], V)]) -> FxMap<&'static str, V> {
    let mut map = FxMap::default();
    for (words, value) in arms {
        for w in *words {
            map.entry(*w).or_insert(*value);
        }
    }
    map
}

/// Canonical occupation noun for a lower-case word ("singer-songwriter" → "singer"), if it names one.
pub fn occupation(word: &str) -> Option<&'static str> {
    with_lower(word, |w| {
        let head = w.rfind('-').map_or(w, |i| &w[i + 1..]);
        let base = match w {
            "singer-songwriter" => return Some("singer"),
            "supermodel" => return Some("model"),
            _ => head,
        };
        OCCUPATIONS.get(base).copied()
    })
}

/// Occupations that also stand before a name as a title ("singer Taylor Swift").
const OCCUPATIONS_AS_TITLES: [&str; 19] = [
    "singer",
    "rapper",
    "songwriter",
    "musician",
    "actor",
    "actress",
    "comedian",
    "author",
    "writer",
    "journalist",
    "reporter",
    "anchor",
    "designer",
    "photographer",
    "artist",
    "director",
    "producer",
    "chef",
    "star",
];

static OCCUPATIONS: LazyLock<WordMap<&'static str>> = LazyLock::new(|| {
    ["model"]
        .into_iter()
        .chain(OCCUPATIONS_AS_TITLES)
        .chain([
            "teacher",
            "nurse",
            "doctor",
            "physician",
            "firefighter",
            "lawyer",
            "attorney",
            "pastor",
            "student",
            "athlete",
            "player",
            "coach",
            "driver",
            "farmer",
            "soldier",
            "veteran",
            "mechanic",
            "cashier",
            "clerk",
            "bartender",
            "barber",
            "rancher",
            "contractor",
            "businessman",
            "businesswoman",
            "entrepreneur",
            "dancer",
            "boxer",
            "footballer",
            "quarterback",
            "guard",
            "manager",
            "owner",
            "employee",
            "worker",
            "paramedic",
            "politician",
            "professor",
            "engineer",
            "accountant",
            "pilot",
            "preacher",
            "minister",
            "deacon",
            "activist",
        ])
        .map(|w| (w, w))
        .collect()
});

static ROLES: LazyLock<WordMap<&'static str>> = LazyLock::new(|| {
    WordMap::from_map(table(&[
        (&["victim", "victims"], "victim"),
        (
            &[
                "suspect",
                "suspects",
                "gunman",
                "shooter",
                "assailant",
                "attacker",
                "killer",
                "robber",
                "defendant",
                "accused",
            ],
            "suspect",
        ),
        (
            &[
                "officer",
                "officers",
                "deputy",
                "trooper",
                "policeman",
                "policewoman",
            ],
            "officer",
        ),
        (&["witness", "witnesses", "bystander"], "witness"),
        (&["driver"], "driver"),
        (&["passenger"], "passenger"),
        (
            &["homeowner", "resident", "neighbor", "neighbour"],
            "resident",
        ),
    ]))
});

/// Role nouns ("the victim", "the suspect"), canonical singular.
pub fn role_noun(word: &str) -> Option<&'static str> {
    with_lower(word, |w| ROLES.get(w).copied())
}

/// Kin nouns and what they tell: the relation from the possessor to the named person and the
/// named person's gender.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kin {
    /// Relation with subject = possessor, object = the kin.
    pub relation: super::RelationKind,
    pub gender: Gender,
    /// Lower-case canonical noun, for family roles ("mother").
    pub noun: &'static str,
}

pub fn kin(word: &str) -> Option<Kin> {
    with_lower(word, |w| KIN.get(w).copied())
}

/// The kin nouns (the first listing of a word wins).
static KIN: LazyLock<WordMap<Kin>> = LazyLock::new(|| {
    use super::RelationKind::*;
    use Gender::*;
    let kin = |relation, gender, noun| Kin {
        relation,
        gender,
        noun,
    };
    WordMap::from_map(table(&[
        (&["husband"], kin(Spouse, Male, "husband")),
        (&["wife"], kin(Spouse, Female, "wife")),
        (&["spouse"], kin(Spouse, Unknown, "spouse")),
        (&["son", "stepson"], kin(Child, Male, "son")),
        (
            &["daughter", "stepdaughter"],
            kin(Child, Female, "daughter"),
        ),
        (
            &["child", "baby", "kid", "stepchild"],
            kin(Child, Unknown, "child"),
        ),
        (
            &["mother", "mom", "mum", "mommy", "stepmother"],
            kin(Parent, Female, "mother"),
        ),
        (
            &["father", "dad", "daddy", "stepfather"],
            kin(Parent, Male, "father"),
        ),
        (&["parent"], kin(Parent, Unknown, "parent")),
        (
            &["brother", "half-brother", "stepbrother"],
            kin(Sibling, Male, "brother"),
        ),
        (
            &["sister", "half-sister", "stepsister"],
            kin(Sibling, Female, "sister"),
        ),
        (&["sibling"], kin(Sibling, Unknown, "sibling")),
    ]))
});

static GENDERS: LazyLock<WordMap<Gender>> = LazyLock::new(|| {
    // A kin noun's own gender first, then the person nouns.
    let mut genders: FxMap<&'static str, Gender> = KIN.iter().map(|(w, k)| (w, k.gender)).collect();
    let nouns = table(&[
        (
            &[
                "man",
                "boy",
                "male",
                "gentleman",
                "guy",
                "teenager-boy",
                "father",
                "grandfather",
                "uncle",
                "nephew",
                "grandson",
                "boyfriend",
                "actor",
                "businessman",
                "policeman",
                "gunman",
                "fiance",
                "fiancé",
                "groom",
            ],
            Gender::Male,
        ),
        (
            &[
                "woman",
                "girl",
                "female",
                "lady",
                "grandmother",
                "aunt",
                "niece",
                "granddaughter",
                "girlfriend",
                "actress",
                "businesswoman",
                "policewoman",
                "fiancee",
                "fiancée",
                "bride",
                "mom",
            ],
            Gender::Female,
        ),
    ]);
    for (w, g) in nouns {
        genders.entry(w).or_insert(g);
    }
    WordMap::from_map(genders)
});

/// Gender implied by a person noun ("woman", "boy", "mother").
pub fn noun_gender(word: &str) -> Option<Gender> {
    with_lower(word, |w| GENDERS.get(w).copied())
}

static NON_PERSON: LazyLock<WordSet> = LazyLock::new(|| {
    [
        "dog",
        "dogs",
        "cat",
        "cats",
        "puppy",
        "kitten",
        "horse",
        "pet",
        "pets",
        "animal",
        "bear",
        "deer",
        "cow",
        "bull",
        "pony",
        "bird",
        "parrot",
        "pit",
        "pitbull",
        "lab",
        "retriever",
        "shepherd",
        "terrier",
        "mare",
        "stallion",
        "building",
        "buildings",
        "house",
        "home",
        "homes",
        "structure",
        "bridge",
        "church",
        "school",
        "car",
        "truck",
        "vehicle",
        "tree",
        "trees",
        "company",
        "business",
        "firm",
        "store",
        "restaurant",
        "bar",
        "tradition",
        "law",
        "case",
        "mystery",
        "record",
        "feud",
        "conflict",
        "war",
        "dispute",
        "program",
        "franchise",
        "brand",
        "band",
        "theater",
        "hotel",
        "facility",
        "plant",
        "mill",
        "factory",
        "boat",
        "ship",
        "plane",
        "aircraft",
        "gun",
        "rifle",
        "pistol",
        "weapon",
        "statue",
        "monument",
        "organization",
        "team",
        "club",
        "event",
        "festival",
        "parade",
        "show",
        "series",
        "song",
        "album",
        "film",
        "movie",
        "book",
        "novel",
        "newspaper",
        "magazine",
        "station",
        "network",
        "institution",
        "hospital",
        "prison",
        "jail",
        "system",
        "policy",
        "practice",
        "rivalry",
        "marriage",
        "relationship",
        "friendship",
        "partnership",
        "sentence",
        "career",
        "history",
        "daughter's",
        "son's",
    ]
    .into_iter()
    .collect()
});

/// Nouns that make "the N-year-old NOUN" something other than a person.
pub fn is_non_person_noun(word: &str) -> bool {
    with_lower(word, |w| NON_PERSON.contains(w))
}

static NON_NAME: LazyLock<WordSet> = LazyLock::new(|| {
    [
        // calendar
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "christmas",
        "thanksgiving",
        "easter",
        "halloween",
        "eve",
        "new",
        "year",
        "years",
        "day",
        "days",
        "week",
        "weekend",
        "month",
        "morning",
        "night",
        "evening",
        "afternoon",
        "today",
        "tonight",
        // directions and geography
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
        "downtown",
        "uptown",
        "midtown",
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "boulevard",
        "blvd",
        "drive",
        "dr",
        "lane",
        "ln",
        "way",
        "court",
        "ct",
        "place",
        "pl",
        "highway",
        "hwy",
        "interstate",
        "route",
        "parkway",
        "pkwy",
        "freeway",
        "expressway",
        "turnpike",
        "circle",
        "terrace",
        "trail",
        "alley",
        "square",
        "block",
        "county",
        "city",
        "town",
        "township",
        "village",
        "borough",
        "parish",
        "state",
        "states",
        "province",
        "district",
        "ward",
        "park",
        "island",
        "islands",
        "lake",
        "river",
        "creek",
        "beach",
        "bay",
        "harbor",
        "harbour",
        "port",
        "mountain",
        "mount",
        "mt",
        "valley",
        "heights",
        "hills",
        "springs",
        "ranch",
        "farm",
        "farms",
        "acres",
        "pointe",
        "grove",
        "meadows",
        "glen",
        "lakes",
        "falls",
        "forest",
        "gardens",
        "garden",
        "estates",
        "manor",
        "ridge",
        "point",
        "landing",
        "crossing",
        "junction",
        "station",
        "airport",
        "terminal",
        "bridge",
        "tunnel",
        "coast",
        "gulf",
        "ocean",
        "sea",
        "desert",
        "canyon",
        "valley",
        "us",
        "u.s",
        "united",
        "kingdom",
        "muslim",
        "muslims",
        "islamic",
        "christians",
        "catholic",
        "jewish",
        "los",
        "las",
        "san",
        "santa",
        "fort",
        "ft",
        "saint",
        // organizations and institutions
        "police",
        "sheriff's",
        "sheriffs",
        "department",
        "dept",
        "office",
        "precinct",
        "division",
        "unit",
        "bureau",
        "agency",
        "force",
        "patrol",
        "squad",
        "team",
        "services",
        "service",
        "center",
        "centre",
        "hospital",
        "medical",
        "health",
        "clinic",
        "institute",
        "school",
        "schools",
        "high",
        "elementary",
        "middle",
        "academy",
        "university",
        "college",
        "campus",
        "church",
        "chapel",
        "cathedral",
        "temple",
        "mosque",
        "ministries",
        "ministry",
        "fire",
        "rescue",
        "ems",
        "emergency",
        "jail",
        "prison",
        "penitentiary",
        "correctional",
        "corrections",
        "detention",
        "courthouse",
        "court's",
        "hall",
        "club",
        "bar",
        "grill",
        "lounge",
        "restaurant",
        "cafe",
        "pizza",
        "store",
        "stores",
        "market",
        "mall",
        "plaza",
        "shop",
        "shopping",
        "apartments",
        "apartment",
        "complex",
        "homes",
        "housing",
        "hotel",
        "motel",
        "inn",
        "resort",
        "casino",
        "theater",
        "theatre",
        "stadium",
        "arena",
        "field",
        "gym",
        "library",
        "museum",
        "zoo",
        "cemetery",
        "funeral",
        "mortuary",
        "bank",
        "company",
        "co",
        "inc",
        "corp",
        "corporation",
        "llc",
        "ltd",
        "group",
        "association",
        "foundation",
        "society",
        "union",
        "council",
        "area",
        "wildlife",
        "refuge",
        "preserve",
        "reservation",
        "committee",
        "commission",
        "board",
        "government",
        "administration",
        "authority",
        "army",
        "navy",
        "marine",
        "marines",
        "corps",
        "military",
        "guard",
        "fbi",
        "atf",
        "dea",
        "cia",
        "nypd",
        "lapd",
        "cpd",
        "spd",
        "swat",
        "gang",
        "party",
        "democrats",
        "democratic",
        "republicans",
        "republican",
        "congress",
        "senate",
        "house",
        "assembly",
        "legislature",
        "program",
        "project",
        "network",
        "news",
        "times",
        "post",
        "tribune",
        "herald",
        "journal",
        "gazette",
        "press",
        "daily",
        "review",
        "magazine",
        "radio",
        "tv",
        "television",
        "channel",
        "media",
        "online",
        "facebook",
        "twitter",
        "instagram",
        "youtube",
        "google",
        "snapchat",
        "tiktok",
        "reddit",
        "iphone",
        "internet",
        "web",
        "website",
        "app",
        "blog",
        "discs",
        "show",
        "live",
        "tour",
        "festival",
        "awards",
        "award",
        "games",
        "league",
        "conference",
        "series",
        "championship",
        "bowl",
        "cup",
        "national",
        "international",
        "federal",
        "regional",
        "municipal",
        "superior",
        "supreme",
        "circuit",
        "appeals",
        "district's",
        "attorney's",
        "general's",
        "coroner's",
        "examiner's",
        "examiner",
        "crime",
        "stoppers",
        "lives",
        "matter",
        "justice",
        "peace",
        "act",
        "amendment",
        "code",
        "law",
        "chapter",
        "section",
        "airlines",
        "airline",
        "motors",
        "energy",
        "oil",
        "gas",
        "electric",
        "water",
        "transit",
        "railroad",
        "railway",
        "bus",
        "metro",
        "subway",
        "lines",
        "express",
        "chevrolet",
        "chevy",
        "toyota",
        "honda",
        "nissan",
        "dodge",
        "jeep",
        "buick",
        "cadillac",
        "pontiac",
        "bmw",
        "hyundai",
        "camry",
        "impala",
        "civic",
        "accord",
        "tahoe",
        "malibu",
        "explorer",
        "silverado",
        "god",
        "christ",
        "allah",
        "bible",
        "mass",
        "global",
        "world",
        "district",
        "smith's",
        "walmart",
        "kmart",
        "walgreens",
        "target's",
        "mcdonald's",
        "starbucks",
        "qfc",
        "legion",
        "memorial",
        "veterans",
        "affairs",
        "security",
        "homeland",
        "sports",
        "football",
        "basketball",
        "baseball",
        "soccer",
        "hockey",
        "nfl",
        "nba",
        "mlb",
        "nhl",
        "ncaa",
        "espn",
        "cnn",
        "abc",
        "cbs",
        "nbc",
        "fox",
        "pbs",
        "npr",
        "bbc",
        "ap",
        "associated",
        "reuters",
        "wsvn",
        "upi",
    ]
    .into_iter()
    .collect()
});

/// Words that never belong to a person's name and, inside a capitalized run, mark a place, an
/// organization, a work or a date ("County", "Police", "Center", "Discs", "Monday").
pub fn is_non_name_word(word: &str) -> bool {
    with_lower(word, |w| NON_NAME.contains(w) || PLACES.contains(w))
}

static PLACES: LazyLock<WordSet> = LazyLock::new(|| {
    [
        "america",
        "american",
        "americans",
        "usa",
        "africa",
        "african",
        "asia",
        "asian",
        "europe",
        "european",
        "mexico",
        "mexican",
        "canada",
        "canadian",
        "england",
        "english",
        "british",
        "britain",
        "china",
        "chinese",
        "japan",
        "japanese",
        "india",
        "indian",
        "france",
        "french",
        "german",
        "germany",
        "spanish",
        "spain",
        "italian",
        "italy",
        "irish",
        "ireland",
        "russian",
        "russia",
        "israeli",
        "iraq",
        "iraqi",
        "syria",
        "syrian",
        "hispanic",
        "latino",
        "latina",
        "caucasian",
        "york",
        "jersey",
        "angeles",
        "chicago",
        "texas",
        "florida",
        "california",
        "orleans",
        "vegas",
        "philadelphia",
        "detroit",
        "atlanta",
        "miami",
        "boston",
        "baltimore",
        "louisiana",
        "ohio",
        "indiana",
        "illinois",
        "michigan",
        "tennessee",
        "kentucky",
        "alabama",
        "mississippi",
        "missouri",
        "oklahoma",
        "arkansas",
        "arizona",
        "colorado",
        "nevada",
        "oregon",
        "utah",
        "iowa",
        "kansas",
        "nebraska",
        "minnesota",
        "wisconsin",
        "pennsylvania",
        "maryland",
        "delaware",
        "connecticut",
        "massachusetts",
        "maine",
        "vermont",
        "hampshire",
        "rhode",
        "alaska",
        "hawaii",
        "idaho",
        "wyoming",
        "seattle",
        "milwaukee",
        "cleveland",
        "cincinnati",
        "columbus",
        "pittsburgh",
        "oakland",
        "denver",
        "tulsa",
        "omaha",
        "louisville",
        "nashville",
        "jacksonville",
        "tampa",
        "brooklyn",
        "bronx",
        "queens",
        "manhattan",
        "harlem",
        "broadway",
    ]
    .into_iter()
    .collect()
});

/// Proper names of places and peoples ("Chicago", "Cleveland", "Mexican"): they end a name run
/// unless a given name comes before them ("Kevin Cleveland").
pub fn is_place_name(word: &str) -> bool {
    with_lower(word, |w| PLACES.contains(w))
}

static SURNAME_LIKE_PLACES: LazyLock<WordSet> = LazyLock::new(|| {
    [
        "hall", "marine", "shores", "waters", "field", "fields", "house", "church", "lane",
        "grove", "brooks", "rivers", "wells", "springs", "chapel", "temple", "lakes", "meadows",
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "post",
        "bay", "ridge", "hills", "forest", "garden", "gardens", "banks", "sparks", "woods", "may",
        "august", "april", "june",
    ]
    .into_iter()
    .collect()
});

/// Place and organization words that are also common surnames ("Steve Hall", "Ayanna Northern",
/// "Tacorey Lakes"): part of a name after a given name or in a context that says person.
pub fn is_surname_like_place_word(word: &str) -> bool {
    with_lower(word, |w| SURNAME_LIKE_PLACES.contains(w))
}

/// Day and month names: they follow names in dates ("Smith Tuesday") and never continue a name.
pub fn is_calendar_word(word: &str) -> bool {
    with_lower(
        word.trim_end_matches('.'),
        crate::temporal::is_calendar_name,
    )
}

static STOP_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "nor",
        "if",
        "when",
        "whenever",
        "after",
        "before",
        "while",
        "as",
        "at",
        "in",
        "on",
        "of",
        "for",
        "to",
        "from",
        "by",
        "with",
        "about",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "hers",
        "their",
        "our",
        "my",
        "your",
        "its",
        "him",
        "them",
        "us",
        "me",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "where",
        "what",
        "who",
        "whom",
        "whose",
        "which",
        "why",
        "how",
        "then",
        "also",
        "however",
        "meanwhile",
        "according",
        "officers",
        "officials",
        "authorities",
        "witnesses",
        "investigators",
        "detectives",
        "deputies",
        "family",
        "families",
        "friends",
        "relatives",
        "neighbors",
        "residents",
        "both",
        "all",
        "some",
        "many",
        "several",
        "few",
        "no",
        "not",
        "yes",
        "so",
        "now",
        "yesterday",
        "last",
        "next",
        "first",
        "second",
        "third",
        "early",
        "late",
        "update",
        "updated",
        "breaking",
        "watch",
        "read",
        "related",
        "more",
        "photo",
        "photos",
        "video",
        "videos",
        "click",
        "copyright",
        "source",
        "sources",
        "said",
        "says",
        "during",
        "since",
        "until",
        "despite",
        "because",
        "although",
        "though",
        "even",
        "just",
        "only",
        "still",
        "another",
        "other",
        "each",
        "every",
        "most",
        "such",
        "like",
        "unlike",
        "instead",
        "later",
        "earlier",
        "again",
        "once",
        "around",
        "near",
        "inside",
        "outside",
        "over",
        "under",
        "into",
        "through",
        "across",
        "among",
        "between",
        "without",
        "within",
        "whether",
        "do",
        "does",
        "did",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "shall",
        "let",
        "please",
        "thank",
        "thanks",
        "sorry",
        "oh",
        "well",
        "yeah",
        "hey",
        "hello",
        "dear",
        "please",
        "share",
        "tweet",
        "email",
        "print",
        "comments",
        "comment",
        "advertisement",
        "story",
        "stories",
        "report",
        "reports",
        "caption",
        "image",
        "images",
        "getty",
        "file",
        "credit",
        "courtesy",
        "editor's",
        "note",
        "see",
        "also",
        "police",
        "sheriff",
        "victim",
        "victims",
        "suspect",
        "suspects",
        "man",
        "woman",
        "men",
        "women",
        "boy",
        "girl",
        "teen",
        "teens",
        "child",
        "children",
        "people",
        "anyone",
        "anybody",
        "someone",
        "somebody",
        "everyone",
        "everybody",
        "nobody",
        "none",
        "nothing",
        "everything",
        "something",
        "anything",
        "whoever",
        "whatever",
        "sources",
        "tips",
        "tip",
        "information",
        "anyone",
        "call",
        "contact",
        "follow",
        "like",
        "join",
        "subscribe",
        "sign",
        "log",
        "login",
        "home",
        "news",
        "local",
        "sports",
        "weather",
        "opinion",
        "obituaries",
        "entertainment",
        "business",
        "politics",
        "crime",
        "top",
        "latest",
        "trending",
        "popular",
        "featured",
        "sponsored",
        "recommended",
        "more",
        "advertise",
        "privacy",
        "terms",
        "policy",
        "contact",
        "about",
        "help",
        "menu",
        "search",
        "section",
        "previous",
        "next",
        "back",
        "close",
        "open",
        "loading",
        "shooting",
        "shootings",
        "shot",
        "killed",
        "dead",
        "death",
        "deaths",
        "murder",
        "homicide",
        "arrest",
        "arrested",
        "charged",
        "charges",
        "court",
        "trial",
        "jury",
        "judge",
        "prosecutors",
        "prosecutor",
        "defense",
        "attorney",
        "attorneys",
        "lawyer",
        "sgt",
        "lt",
        "capt",
        "det",
        "officer",
        "ofc",
        "chief",
        "mayor",
        "governor",
        "gov",
        "sen",
        "rep",
        "president",
        "dr",
        "mr",
        "mrs",
        "ms",
        "miss",
        "rev",
        "pastor",
        "jr",
        "sr",
        "ii",
        "iii",
        "iv",
        "am",
        "pm",
        "a.m",
        "p.m",
        "ok",
        "okay",
        "via",
        "per",
        "amid",
        "upon",
        "onto",
        "toward",
        "towards",
        "against",
        "along",
        "behind",
        "beyond",
        "except",
        "plus",
        "than",
        "too",
        "very",
        "really",
        "always",
        "never",
        "sometimes",
        "often",
        "usually",
        "perhaps",
        "maybe",
        "probably",
        "certainly",
        "indeed",
        "finally",
        "eventually",
        "suddenly",
        "currently",
        "recently",
        "initially",
        "originally",
        "previously",
        "officially",
        "authorities",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "mother",
        "father",
        "brother",
        "sister",
        "son",
        "daughter",
        "husband",
        "wife",
        "grandmother",
        "grandfather",
        "aunt",
        "uncle",
        "cousin",
        "mom",
        "dad",
        "baby",
        "kids",
        "parents",
        "together",
        "sharing",
        "later",
        "now",
        "take",
        "look",
        "here's",
        "there's",
        "it's",
        "that's",
        "what's",
        "who's",
        "he's",
        "she's",
        "they're",
        "we're",
        "i'm",
        "you're",
        "don't",
        "didn't",
        "doesn't",
        "isn't",
        "wasn't",
        "aren't",
        "weren't",
        "can't",
        "won't",
        "wouldn't",
        "couldn't",
        "shouldn't",
        "hasn't",
        "haven't",
        "hadn't",
        "let's",
        "we've",
        "i've",
        "you've",
        "they've",
        "i'd",
        "he'd",
        "she'd",
        "we'd",
        "they'd",
        "i'll",
        "he'll",
        "she'll",
        "we'll",
        "they'll",
        "you'll",
        "according",
        "accused",
        "alleged",
        "allegedly",
        "reportedly",
        "apparently",
        "investigation",
        "investigators",
        "medical",
        "emergency",
        "gunfire",
        "gunshot",
        "gunshots",
        "multiple",
        "several",
        "numerous",
        "various",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "whose",
        "any",
        "much",
        "either",
        "neither",
        "same",
        "own",
        "whom",
        "yet",
        "else",
        "ever",
        "already",
        "soon",
        "far",
        "ago",
        "away",
        "out",
        "up",
        "down",
        "off",
        "above",
        "below",
        "beside",
        "besides",
        "among",
        "throughout",
        "following",
        "regarding",
        "concerning",
        "including",
        "excluding",
        "given",
        "based",
        "born",
        "died",
        "age",
        "aged",
        "ages",
        "year-old",
        "years",
        "old",
        "older",
        "elderly",
        "adult",
        "adults",
        "juvenile",
        "juveniles",
        "minor",
        "minors",
        "teenager",
        "teenagers",
        "toddler",
        "infant",
        "student",
        "students",
        "couple",
        "everyone",
        "nearly",
        "almost",
        "about",
        "approximately",
        "roughly",
        "least",
    ]
    .into_iter()
    // "one" to "ten"
    .chain(NUMBER_WORDS[1..=10].iter().copied())
    .collect()
});

/// Common words that start sentences or phrases and are never names when capitalized ("The",
/// "Police", "Witnesses", "Photo").
pub fn is_stop_word(word: &str) -> bool {
    with_lower(word, |w| STOP_WORDS.contains(w))
}

/// What the closed word lists say of one lower-case word: the answer of each word function
/// above, worked out once for every listed word so that a token looks its word up once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordFacts {
    pub title: Option<TitleKind>,
    pub occupation: Option<&'static str>,
    pub role: Option<&'static str>,
    pub kin: Option<Kin>,
    pub gender: Option<Gender>,
    pub stop: bool,
    pub non_name: bool,
    pub place: bool,
    pub surname_like_place: bool,
    pub calendar: bool,
    pub non_person: bool,
}

impl WordFacts {
    /// The facts of a word no list holds.
    pub const NONE: WordFacts = WordFacts {
        title: None,
        occupation: None,
        role: None,
        kin: None,
        gender: None,
        stop: false,
        non_name: false,
        place: false,
        surname_like_place: false,
        calendar: false,
        non_person: false,
    };

    /// The facts of `word`, by asking each word function.
    pub fn of(word: &str) -> Self {
        WordFacts {
            title: title(word),
            occupation: occupation(word),
            role: role_noun(word),
            kin: kin(word),
            gender: noun_gender(word),
            stop: is_stop_word(word),
            non_name: is_non_name_word(word),
            place: is_place_name(word),
            surname_like_place: is_surname_like_place_word(word),
            calendar: is_calendar_word(word),
            non_person: is_non_person_noun(word),
        }
    }
}

/// Every word of the lists above with its facts: the index of each word's facts, and the facts.
static WORD_FACTS: LazyLock<(WordMap<u16>, Vec<WordFacts>)> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = TITLES
        .iter()
        .map(|(w, _)| w)
        .chain(OCCUPATIONS.iter().map(|(w, _)| w))
        .chain(["singer-songwriter", "supermodel"])
        .chain(ROLES.iter().map(|(w, _)| w))
        .chain(KIN.iter().map(|(w, _)| w))
        .chain(GENDERS.iter().map(|(w, _)| w))
        .chain(NON_PERSON.iter())
        .chain(NON_NAME.iter())
        .chain(PLACES.iter())
        .chain(SURNAME_LIKE_PLACES.iter())
        .chain(STOP_WORDS.iter())
        .chain(crate::temporal::calendar_names())
        .collect();
    words.sort_unstable();
    words.dedup();
    let facts: Vec<WordFacts> = words.iter().map(|w| WordFacts::of(w)).collect();
    let index = words
        .into_iter()
        .enumerate()
        .map(|(i, w)| (w, u16::try_from(i).unwrap_or(u16::MAX)))
        .collect();
    (index, facts)
});

/// Every word the facts table holds (for tests that compare it with the word functions).
#[cfg(test)]
pub fn listed_words() -> impl Iterator<Item = &'static str> {
    WORD_FACTS.0.iter().map(|(w, _)| w)
}

/// Where a token's word facts are: an index into the table, or one of these two.
pub const NO_FACTS: u16 = u16::MAX;
/// The word must be asked of the functions themselves (not ASCII, or hyphenated: Unicode
/// lower-casing and a hyphenated occupation's head are not in the table).
pub const ASK_FACTS: u16 = u16::MAX - 1;

/// The facts slot of a word, from its text and its ASCII lower-cased form.
pub fn facts_slot(text: &str, lower: &str) -> u16 {
    if !text.is_ascii() || text.contains('-') {
        return ASK_FACTS;
    }
    facts_slot_of_plain(lower)
}

/// `facts_slot` of a word known to be ASCII without a hyphen, from its lower-cased form.
pub fn facts_slot_of_plain(lower: &str) -> u16 {
    WORD_FACTS.0.get(lower).copied().unwrap_or(NO_FACTS)
}

/// The facts in `slot` (see `facts_slot`); `None` for `ASK_FACTS`.
#[inline]
pub fn facts_in(slot: u16) -> Option<&'static WordFacts> {
    match slot {
        NO_FACTS => Some(&WordFacts::NONE),
        ASK_FACTS => None,
        i => WORD_FACTS.1.get(usize::from(i)),
    }
}

/// Lower-case particles that may sit inside a surname ("de la Cruz", "van der Berg").
pub fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "la"
            | "del"
            | "della"
            | "van"
            | "von"
            | "der"
            | "den"
            | "da"
            | "di"
            | "du"
            | "le"
            | "dos"
            | "das"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "ter"
            | "op"
    )
}

/// Generational suffixes ("Jr", "III"), without period.
pub fn is_suffix(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "Jr" | "Sr" | "JR" | "SR" | "II" | "III" | "IV" | "Jnr" | "Snr"
    )
}

/// The number words zero to nineteen, by value.
const NUMBER_WORDS: [&str; 20] = [
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
];

/// Spelled-out numbers one..ninety-nine ("sixteen", "twenty-one"), case-insensitive.
pub fn spelled_number(word: &str) -> Option<u32> {
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    with_lower(word, |w| {
        if let Some(i) = NUMBER_WORDS.iter().position(|u| *u == w) {
            return Some(i as u32);
        }
        let (tens, units) = match w.split_once(['-', ' ']) {
            Some((t, u)) => (t, Some(u)),
            None => (w, None),
        };
        let t = TENS.iter().position(|x| !x.is_empty() && *x == tens)? as u32;
        match units {
            None => Some(t * 10),
            Some(u) => {
                let u = NUMBER_WORDS[1..10].iter().position(|x| *x == u)? as u32 + 1;
                Some(t * 10 + u)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gazetteers_know_common_given_names_and_their_gender() {
        assert_eq!(first_name("John").gender(), Gender::Male);
        assert_eq!(first_name("Chrissy").gender(), Gender::Female);
        assert!(!first_name("Teigen").is_name());
        assert!(is_surname("Smith"));
        assert!(is_surname("O'Neal"));
    }

    #[test]
    fn the_word_facts_table_has_room_for_every_listed_word() {
        assert!(WORD_FACTS.1.len() < usize::from(ASK_FACTS));
        assert_eq!(listed_words().count(), WORD_FACTS.1.len());
    }

    #[test]
    fn every_listed_word_has_a_letter_so_punctuation_and_numbers_are_in_no_list() {
        for w in listed_words() {
            assert!(w.chars().any(char::is_alphabetic), "{w}");
        }
    }

    #[test]
    fn census_keys_are_the_upper_case_ascii_letters_of_a_word_up_to_48() {
        let key = |w: &str| with_census_key(w, str::to_string);
        assert_eq!(key("O'Neal"), "ONEAL");
        assert_eq!(key("Mary-Kate"), "MARYKATE");
        assert_eq!(key("José"), "JOS");
        assert_eq!(key("3rd"), "RD");
        assert_eq!(key(""), "");
        assert_eq!(key(&"ab".repeat(30)), "AB".repeat(24));
        assert!(first_name("o'brien").is_name() == first_name("OBrien").is_name());
        assert!(is_surname("Smith") && is_surname("SMITH") && !is_surname("Xqzv"));
    }

    #[test]
    fn census_frequencies_are_read_in_thousandths() {
        assert_eq!(thousandths("1.006"), 1006);
        assert_eq!(thousandths("0.810"), 810);
        assert_eq!(thousandths("0.000"), 0);
        // Other spellings go through a float, as before.
        assert_eq!(thousandths("2.5"), 2500);
        assert_eq!(thousandths("0.0004"), 0);
        assert_eq!(thousandths("x"), 0);
    }

    #[test]
    fn spelled_numbers_are_read() {
        assert_eq!(spelled_number("sixteen"), Some(16));
        assert_eq!(spelled_number("Twenty-one"), Some(21));
        assert_eq!(spelled_number("forty"), Some(40));
        assert_eq!(spelled_number("dozen"), None);
    }
}
