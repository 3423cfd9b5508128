//! The names fictional people are given: each name part as its own script writes it, with the
//! Latin transcriptions people actually use for it. A listed person and a traveller who are the
//! same person may carry different transcriptions; that is what the desk trains officers to
//! recognise.

use crate::specimens::Rng;

/// A name tradition, deciding the script and the stock names are drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tradition {
    /// Arabic script, with the common Latin transcriptions.
    Arabic,
    /// Cyrillic script, with the ICAO and common transliterations.
    Cyrillic,
    /// Latin script with diacritics.
    Latin,
    /// Utopia: any of the above and names from across the world.
    Mixed,
}

/// One name part: as written in its own script, and its Latin spellings, most common first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stock {
    pub native: &'static str,
    pub spellings: &'static [&'static str],
}

const fn s(native: &'static str, spellings: &'static [&'static str]) -> Stock {
    Stock { native, spellings }
}

pub const ARABIC_MALE: &[Stock] = &[
    s("محمد", &["MOHAMMED", "MUHAMMAD", "MOHAMED", "MOHAMMAD"]),
    s("أحمد", &["AHMED", "AHMAD"]),
    s("علي", &["ALI", "ALY"]),
    s("عمر", &["OMAR", "UMAR", "OMER"]),
    s("خالد", &["KHALED", "KHALID"]),
    s("يوسف", &["YOUSSEF", "YUSUF", "YOUSEF"]),
    s("حسن", &["HASSAN", "HASAN"]),
    s("حسين", &["HUSSEIN", "HUSSAIN", "HOSSEIN"]),
    s("إبراهيم", &["IBRAHIM", "EBRAHIM"]),
    s("طارق", &["TARIQ", "TAREK", "TARIK"]),
    s("سمير", &["SAMIR", "SAMEER"]),
    s("كريم", &["KARIM", "KAREEM"]),
    s("مصطفى", &["MUSTAFA", "MOSTAFA", "MUSTAPHA"]),
    s("ياسين", &["YASSINE", "YASIN", "YASSIN"]),
    s("زياد", &["ZIAD", "ZIYAD"]),
    s("فيصل", &["FAISAL", "FAYSAL"]),
    s("ماجد", &["MAJID", "MAJED"]),
    s("رامي", &["RAMI", "RAMY"]),
    s("نبيل", &["NABIL", "NABEEL"]),
    s("جمال", &["JAMAL", "GAMAL"]),
];

pub const ARABIC_FEMALE: &[Stock] = &[
    s("فاطمة", &["FATIMA", "FATMA", "FATIMAH"]),
    s("عائشة", &["AISHA", "AICHA", "AYESHA"]),
    s("مريم", &["MARIAM", "MARYAM", "MERIEM"]),
    s("زينب", &["ZAINAB", "ZEINAB", "ZAYNAB"]),
    s("نور", &["NOUR", "NUR", "NOOR"]),
    s("ليلى", &["LEILA", "LAYLA", "LAILA"]),
    s("سارة", &["SARA", "SARAH"]),
    s("هدى", &["HUDA", "HODA"]),
    s("أمينة", &["AMINA", "AMEENA"]),
    s("رانيا", &["RANIA", "RANYA"]),
    s("سلمى", &["SALMA", "SELMA"]),
    s("ياسمين", &["YASMINE", "YASMIN"]),
];

pub const ARABIC_FAMILY: &[Stock] = &[
    s("الرشيد", &["AL RASHID", "ALRASHID", "EL RACHID"]),
    s("الحداد", &["AL HADDAD", "EL HADDAD", "HADDAD"]),
    s("المصري", &["AL MASRI", "EL MASRY", "ALMASRI"]),
    s("الشريف", &["AL SHARIF", "EL CHERIF", "ALSHARIF"]),
    s("النجار", &["AL NAJJAR", "EL NAGGAR", "NAJJAR"]),
    s("حمدان", &["HAMDAN"]),
    s("عثمان", &["OTHMAN", "OSMAN", "USMAN"]),
    s("الخطيب", &["AL KHATIB", "EL KHATIB", "AL KHATEEB"]),
    s("يعقوب", &["YACOUB", "YAQUB", "YAKOUB"]),
    s("منصور", &["MANSOUR", "MANSUR"]),
    s("سليمان", &["SULEIMAN", "SOLIMAN", "SULAIMAN"]),
    s("قاسم", &["QASIM", "KASSEM", "QASSEM"]),
    s(
        "عبد الرحمن",
        &["ABDUL RAHMAN", "ABDULRAHMAN", "ABDEL RAHMAN"],
    ),
    s("الزين", &["EL ZEIN", "AL ZAIN"]),
    s("بن علي", &["BEN ALI", "BIN ALI"]),
    s("درويش", &["DARWISH", "DERVISH"]),
];

pub const CYRILLIC_MALE: &[Stock] = &[
    s("Сергей", &["SERGEI", "SERGEY"]),
    s("Алексей", &["ALEKSEI", "ALEXEY", "ALEKSEY"]),
    s("Дмитрий", &["DMITRII", "DMITRY", "DMITRIY"]),
    s("Юрий", &["IURII", "YURI", "YURIY"]),
    s("Андрей", &["ANDREI", "ANDREY"]),
    s("Николай", &["NIKOLAI", "NIKOLAY"]),
    s("Михаил", &["MIKHAIL", "MIHAIL"]),
    s("Евгений", &["EVGENII", "YEVGENIY", "EVGENY"]),
    s("Вадим", &["VADIM"]),
    s("Тимур", &["TIMUR", "TIMOUR"]),
];

pub const CYRILLIC_FEMALE: &[Stock] = &[
    s("Наталья", &["NATALIA", "NATALYA"]),
    s("Юлия", &["IULIIA", "YULIA", "JULIA"]),
    s("Ксения", &["KSENIIA", "XENIA", "KSENIA"]),
    s("Татьяна", &["TATIANA", "TATYANA"]),
    s("Ольга", &["OLGA"]),
    s("Екатерина", &["EKATERINA", "YEKATERINA"]),
    s("Ирина", &["IRINA"]),
    s("Светлана", &["SVETLANA"]),
];

/// Family names written the same for men and women.
pub const CYRILLIC_FAMILY: &[Stock] = &[
    s("Шевченко", &["SHEVCHENKO"]),
    s("Кравчук", &["KRAVCHUK"]),
    s("Ткаченко", &["TKACHENKO"]),
    s("Бондар", &["BONDAR"]),
];

/// Family names with a feminine form in `-а`.
pub const CYRILLIC_FAMILY_GENDERED: &[Stock] = &[
    s("Кузнецов", &["KUZNETSOV", "KOUZNETSOV"]),
    s("Жуков", &["ZHUKOV", "JOUKOV"]),
    s("Соловьёв", &["SOLOVEV", "SOLOVYOV", "SOLOVIEV"]),
    s("Щербаков", &["SHCHERBAKOV", "SCHERBAKOV"]),
    s("Фёдоров", &["FEDOROV", "FYODOROV"]),
    s("Яковлев", &["IAKOVLEV", "YAKOVLEV"]),
    s("Зайцев", &["ZAITSEV", "ZAYTSEV"]),
];

pub const LATIN_MALE: &[Stock] = &[
    s("José", &["JOSE"]),
    s("Søren", &["SOEREN", "SOREN"]),
    s("Jürgen", &["JUERGEN", "JURGEN"]),
    s("Björn", &["BJOERN", "BJORN"]),
    s("Łukasz", &["LUKASZ"]),
    s("François", &["FRANCOIS"]),
    s("João", &["JOAO"]),
    s("Andrés", &["ANDRES"]),
    s("Tomáš", &["TOMAS"]),
    s("Mateo", &["MATEO"]),
];

pub const LATIN_FEMALE: &[Stock] = &[
    s("Inês", &["INES"]),
    s("Hélène", &["HELENE"]),
    s("Zoë", &["ZOE"]),
    s("Agnieszka", &["AGNIESZKA"]),
    s("Begoña", &["BEGONA"]),
    s("Małgorzata", &["MALGORZATA"]),
    s("Camila", &["CAMILA"]),
    s("Lucía", &["LUCIA"]),
];

pub const LATIN_FAMILY: &[Stock] = &[
    s("Müller", &["MUELLER", "MULLER"]),
    s("Peña", &["PENA"]),
    s("Núñez", &["NUNEZ"]),
    s("Østergaard", &["OESTERGAARD", "OSTERGAARD"]),
    s("Dvořák", &["DVORAK"]),
    s("García", &["GARCIA"]),
    s("Gonçalves", &["GONCALVES"]),
    s("van der Berg", &["VAN DER BERG", "VANDERBERG"]),
    s("de la Cruz", &["DE LA CRUZ", "DELACRUZ"]),
    s("da Silva", &["DA SILVA", "DASILVA"]),
    s("O'Brien", &["OBRIEN", "O BRIEN"]),
    s("Wiśniewski", &["WISNIEWSKI"]),
];

/// Names of Utopians from across the world, written in Latin script only.
pub const WORLD_MALE: &[Stock] = &[
    s("Chukwuemeka", &["CHUKWUEMEKA"]),
    s("Kwame", &["KWAME"]),
    s("Minh", &["MINH"]),
    s("Kenji", &["KENJI"]),
    s("Jonas", &["JONAS"]),
    s("Tendai", &["TENDAI"]),
];

pub const WORLD_FEMALE: &[Stock] = &[
    s("Akosua", &["AKOSUA"]),
    s("Linh", &["LINH"]),
    s("Mei", &["MEI"]),
    s("Grace", &["GRACE"]),
    s("Wanjiru", &["WANJIRU"]),
    s("Priya", &["PRIYA"]),
];

pub const WORLD_FAMILY: &[Stock] = &[
    s("Okafor", &["OKAFOR"]),
    s("Mensah", &["MENSAH"]),
    s("Nguyen", &["NGUYEN"]),
    s("Tanaka", &["TANAKA"]),
    s("Achieng", &["ACHIENG"]),
    s("Mwangi", &["MWANGI"]),
    s("Osei", &["OSEI"]),
    s("Eriksson", &["ERIKSSON", "ERIKSON"]),
];

/// One part of a person's name: as their script writes it, and its Latin spellings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub native: String,
    pub spellings: Vec<String>,
}

impl Part {
    fn of(stock: &Stock) -> Part {
        Part {
            native: stock.native.to_string(),
            spellings: stock.spellings.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The feminine form of a Cyrillic family name (`Кузнецов` → `Кузнецова`).
    fn feminine(stock: &Stock) -> Part {
        Part {
            native: format!("{}а", stock.native),
            spellings: stock.spellings.iter().map(|s| format!("{s}A")).collect(),
        }
    }
}

/// A fictional person's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    pub tradition: Tradition,
    /// Given names (and, in the Arabic tradition, the father's name), in order.
    pub given: Vec<Part>,
    pub family: Part,
}

impl PersonName {
    /// The name in its own script, given names first.
    pub fn native(&self) -> String {
        self.parts()
            .map(|p| p.native.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The name in the most common Latin spelling, given names first.
    pub fn common(&self) -> String {
        self.spelled(|_, _| 0)
    }

    /// The name with the spelling `choose(part index, number of spellings)` picks for each part.
    pub fn spelled(&self, mut choose: impl FnMut(usize, usize) -> usize) -> String {
        self.parts()
            .enumerate()
            .map(|(i, p)| p.spellings[choose(i, p.spellings.len()) % p.spellings.len()].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The given names and the family name, each in the spelling `choose` picks (as
    /// [`PersonName::spelled`]), as a list or an MRZ separates them.
    pub fn given_and_family(
        &self,
        mut choose: impl FnMut(usize, usize) -> usize,
    ) -> (String, String) {
        let spell = |i: usize, p: &Part, choose: &mut dyn FnMut(usize, usize) -> usize| {
            p.spellings[choose(i, p.spellings.len()) % p.spellings.len()].clone()
        };
        let given: Vec<String> = self
            .given
            .iter()
            .enumerate()
            .map(|(i, p)| spell(i, p, &mut choose))
            .collect();
        let family = spell(self.given.len(), &self.family, &mut choose);
        (given.join(" "), family)
    }

    pub fn parts(&self) -> impl Iterator<Item = &Part> {
        self.given.iter().chain(std::iter::once(&self.family))
    }
}

/// A name for a person of `tradition` and sex `female`, drawn from the stock.
pub fn person(rng: &mut Rng, tradition: Tradition, female: bool) -> PersonName {
    let tradition = match tradition {
        Tradition::Mixed => match rng.below(10) {
            0..=2 => Tradition::Arabic,
            3..=4 => Tradition::Cyrillic,
            5..=6 => Tradition::Latin,
            _ => Tradition::Mixed,
        },
        t => t,
    };
    let pick = |rng: &mut Rng, stock: &[Stock]| Part::of(rng.pick(stock));
    match tradition {
        Tradition::Arabic => {
            let own = pick(rng, if female { ARABIC_FEMALE } else { ARABIC_MALE });
            let mut given = vec![own];
            // Often the father's name follows the person's own.
            if rng.below(2) == 0 {
                given.push(pick(rng, ARABIC_MALE));
            }
            PersonName {
                tradition,
                given,
                family: pick(rng, ARABIC_FAMILY),
            }
        }
        Tradition::Cyrillic => {
            let given = vec![pick(
                rng,
                if female {
                    CYRILLIC_FEMALE
                } else {
                    CYRILLIC_MALE
                },
            )];
            let family = if rng.below(3) == 0 {
                pick(rng, CYRILLIC_FAMILY)
            } else {
                let stock = rng.pick(CYRILLIC_FAMILY_GENDERED);
                if female {
                    Part::feminine(stock)
                } else {
                    Part::of(stock)
                }
            };
            PersonName {
                tradition,
                given,
                family,
            }
        }
        Tradition::Latin => {
            let first = if female { LATIN_FEMALE } else { LATIN_MALE };
            let mut given = vec![pick(rng, first)];
            if rng.below(3) == 0 {
                given.push(pick(rng, first));
                given.dedup();
            }
            PersonName {
                tradition,
                given,
                family: pick(rng, LATIN_FAMILY),
            }
        }
        Tradition::Mixed => PersonName {
            tradition,
            given: vec![pick(rng, if female { WORLD_FEMALE } else { WORLD_MALE })],
            family: pick(rng, WORLD_FAMILY),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use assessments::names::{Name, transliterate};

    #[test]
    fn every_stock_name_reads_in_its_own_script_and_its_spellings_are_mrz_names() {
        for list in [
            ARABIC_MALE,
            ARABIC_FEMALE,
            ARABIC_FAMILY,
            CYRILLIC_MALE,
            CYRILLIC_FEMALE,
            CYRILLIC_FAMILY,
            CYRILLIC_FAMILY_GENDERED,
            LATIN_MALE,
            LATIN_FEMALE,
            LATIN_FAMILY,
            WORLD_MALE,
            WORLD_FEMALE,
            WORLD_FAMILY,
        ] {
            for stock in list {
                transliterate(stock.native).unwrap_or_else(|e| panic!("{}: {e}", stock.native));
                assert!(!stock.spellings.is_empty(), "{}", stock.native);
                for spelling in stock.spellings {
                    assert!(
                        spelling
                            .bytes()
                            .all(|b| b.is_ascii_uppercase() || b == b' '),
                        "{spelling}"
                    );
                    Name::parse(spelling).unwrap();
                }
            }
        }
    }

    #[test]
    fn people_are_drawn_the_same_from_the_same_seed() {
        let draw = |seed| {
            let mut rng = Rng::new(seed);
            (0..50)
                .map(|i| person(&mut rng, Tradition::Mixed, i % 2 == 0).native())
                .collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }

    #[test]
    fn a_woman_carries_the_feminine_family_name() {
        let mut rng = Rng::new(3);
        let women: Vec<PersonName> = (0..200)
            .map(|_| person(&mut rng, Tradition::Cyrillic, true))
            .collect();
        assert!(
            women
                .iter()
                .any(|w| w.family.native == "Кузнецова" && w.family.spellings[0] == "KUZNETSOVA")
        );
    }
}
