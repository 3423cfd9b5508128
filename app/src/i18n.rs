//! Translations: every string a user sees goes through [`Msg`].
//!
//! The text lives in Fluent catalogues that translators edit, `locales/<lang>/*.ftl`. The build
//! turns the English catalogue's keys into [`Msg`] and refuses a language whose keys differ, so
//! a missing translation is a build error, not a raw key on the page; a unit test checks that
//! every message takes the same arguments in every language. The catalogues are read on the
//! server only: islands receive their strings as props, and the browser bundle carries none.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A language the interface is available in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Arabic, written right to left.
    Ar,
}

impl Lang {
    /// Every supported language, in the order shown in language pickers.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::Es, Lang::Ar];

    /// The BCP 47 tag (`en`, `fr`, `es`, `ar`), used in `lang` attributes, cookies and the
    /// database.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Ar => "ar",
        }
    }

    /// The language's own name for itself.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Es => "Español",
            Lang::Ar => "العربية",
        }
    }

    /// The writing direction, for `dir` attributes: `rtl` for Arabic, else `ltr`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En | Lang::Fr | Lang::Es => "ltr",
        }
    }

    /// Parses a tag such as `fr`, `fr-FR` or `EN`; `None` for unsupported languages.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            "es" => Some(Lang::Es),
            "ar" => Some(Lang::Ar),
            _ => None,
        }
    }

    /// Picks the best supported language from an `Accept-Language` header; a language with
    /// `q=0` is one the reader does not want (RFC 9110), and an unreadable weight counts as 0.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::from_tag) else {
                continue;
            };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .filter(|q| q.is_finite() && *q > 0.0 && *q <= 1.0);
            let Some(q) = q else { continue };
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }
}

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// The Fluent bundles, one per language, built once from the embedded catalogues, with every
/// message that takes no argument formatted in advance (so [`t`] stays a lookup).
#[cfg(feature = "ssr")]
mod catalogue {
    use super::{CATALOGUES, Lang, Msg};
    use fluent_bundle::concurrent::FluentBundle;
    use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
    use std::collections::HashMap;
    use std::sync::OnceLock;

    pub(super) struct Catalogue {
        bundles: HashMap<Lang, FluentBundle<FluentResource>>,
        plain: HashMap<(Lang, Msg), &'static str>,
    }

    fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
        let id = lang.code().parse().expect("a language tag");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // No invisible isolation marks around arguments: the page isolates what needs it
        // (`<bdi>` around names), and marks inside attribute values and island templates
        // would only get in the way.
        bundle.set_use_isolating(false);
        // Numbers in messages are written the language's way: a decimal comma in French and
        // Spanish ("1,5 heure").
        match lang {
            Lang::Fr | Lang::Es => bundle.set_formatter(Some(decimal_comma)),
            Lang::En | Lang::Ar => {}
        }
        for (code, source) in CATALOGUES.iter().filter(|(code, _)| *code == lang.code()) {
            let resource = FluentResource::try_new((*source).to_owned())
                .unwrap_or_else(|(_, e)| panic!("the {code} catalogue does not parse: {e:?}"));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|e| panic!("the {code} catalogue repeats a key: {e:?}"));
        }
        bundle
    }

    fn decimal_comma<M>(value: &FluentValue, _: &M) -> Option<String> {
        match value {
            FluentValue::Number(n) => Some(n.as_string().replace('.', ",")),
            _ => None,
        }
    }

    impl Catalogue {
        fn load() -> Catalogue {
            let bundles: HashMap<Lang, FluentBundle<FluentResource>> =
                Lang::ALL.into_iter().map(|l| (l, bundle(l))).collect();
            let mut plain = HashMap::new();
            for lang in Lang::ALL {
                for msg in Msg::ALL {
                    let text = format(&bundles, lang, *msg, None);
                    plain.insert((lang, *msg), &*Box::leak(text.into_boxed_str()));
                }
            }
            Catalogue { bundles, plain }
        }

        pub(super) fn get() -> &'static Catalogue {
            static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
            CATALOGUE.get_or_init(Catalogue::load)
        }

        pub(super) fn text(&self, lang: Lang, msg: Msg) -> &'static str {
            self.plain[&(lang, msg)]
        }

        /// Whether `lang`'s own catalogue has `msg` and formats it without error, given a
        /// number for each of the arguments messages take.
        #[cfg(test)]
        pub(super) fn check(&self, lang: Lang, msg: Msg) -> Result<(), String> {
            let bundle = &self.bundles[&lang];
            let pattern = bundle
                .get_message(msg.code())
                .and_then(|m| m.value())
                .ok_or_else(|| format!("{lang:?} has no {msg:?}"))?;
            // Every variable the message refers to, given a number.
            fn variables(pattern: &fluent_syntax::ast::Pattern<&str>, out: &mut Vec<String>) {
                use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
                let inline = |e: &InlineExpression<&str>, out: &mut Vec<String>| {
                    if let InlineExpression::VariableReference { id } = e {
                        out.push(id.name.to_owned());
                    }
                };
                for element in &pattern.elements {
                    if let PatternElement::Placeable { expression } = element {
                        match expression {
                            Expression::Inline(e) => inline(e, out),
                            Expression::Select { selector, variants } => {
                                inline(selector, out);
                                for v in variants {
                                    variables(&v.value, out);
                                }
                            }
                        }
                    }
                }
            }
            let mut names = Vec::new();
            variables(pattern, &mut names);
            let mut args = FluentArgs::new();
            for name in names {
                args.set(name, 3);
            }
            let mut errors = Vec::new();
            bundle.format_pattern(pattern, Some(&args), &mut errors);
            if errors.is_empty() {
                Ok(())
            } else {
                Err(format!("{lang:?} {msg:?}: {errors:?}"))
            }
        }

        pub(super) fn format(&self, lang: Lang, msg: Msg, args: &FluentArgs) -> String {
            format(&self.bundles, lang, msg, Some(args))
        }
    }

    /// `msg` in `lang`, falling back to English when the language lacks it (the build
    /// refuses catalogues with missing keys, so this is a guard, not a path).
    fn format(
        bundles: &HashMap<Lang, FluentBundle<FluentResource>>,
        lang: Lang,
        msg: Msg,
        args: Option<&FluentArgs>,
    ) -> String {
        for l in [lang, Lang::En] {
            let bundle = &bundles[&l];
            if let Some(pattern) = bundle.get_message(msg.code()).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                // A message given the wrong arguments still reads (Fluent writes the missing
                // one's name); the catalogue tests make this unreachable, so it is logged.
                if !errors.is_empty() {
                    tracing::warn!(lang = ?l, message = msg.code(), ?errors, "message formatted with errors");
                }
                return text.into_owned();
            }
        }
        msg.code().to_owned()
    }
}

impl Msg {
    /// The message in `lang` (a message without arguments).
    #[cfg(feature = "ssr")]
    pub fn text(self, lang: Lang) -> &'static str {
        catalogue::Catalogue::get().text(lang, self)
    }

    /// The message in `lang` with its arguments: numbers choose the plural form.
    #[cfg(feature = "ssr")]
    pub fn format(self, lang: Lang, args: &[(&str, Arg)]) -> String {
        let mut fluent = fluent_bundle::FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Number(n) => fluent.set(*name, *n),
                Arg::Text(s) => fluent.set(*name, s.clone()),
            }
        }
        catalogue::Catalogue::get().format(lang, self, &fluent)
    }
}

/// In the browser bundle, which carries no catalogue, a message is its key: islands receive
/// their strings as props from the server, so this is never what a person reads.
#[cfg(not(feature = "ssr"))]
impl Msg {
    /// The message's key (see above).
    pub fn text(self, _lang: Lang) -> &'static str {
        self.code()
    }

    /// The message's key (see above).
    pub fn format(self, _lang: Lang, _args: &[(&str, Arg)]) -> String {
        self.code().to_owned()
    }
}

/// An argument of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A number (chooses the plural form).
    Number(f64),
    /// Text, such as a name.
    Text(String),
}

impl From<f64> for Arg {
    fn from(n: f64) -> Arg {
        Arg::Number(n)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n as f64)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(n as f64)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

/// The language of the current request, provided by the app shell.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Translates `msg` into the current request's language.
pub fn t(msg: Msg) -> &'static str {
    msg.text(use_lang())
}

/// Translates `msg`, with its arguments, into the current request's language.
pub fn tr(msg: Msg, args: &[(&str, Arg)]) -> String {
    msg.format(use_lang(), args)
}

/// The name of the language with code `code` in `lang` ("French", "français"), or the code
/// itself for a language the interface does not know.
pub fn language_name(lang: Lang, code: &str) -> String {
    let msg = match code {
        "en" => Msg::LanguageEn,
        "fr" => Msg::LanguageFr,
        "es" => Msg::LanguageEs,
        "ar" => Msg::LanguageAr,
        other => return other.to_owned(),
    };
    msg.text(lang).to_owned()
}

/// `v` with `places` decimals as the page's reader writes it: a decimal comma in French and
/// Spanish ("1,97"), a point in English and Arabic.
pub fn decimal(v: f64, places: usize) -> String {
    decimal_in(use_lang(), v, places)
}

/// `v` with `places` decimals as a reader of `lang` writes it (see [`decimal`]).
pub fn decimal_in(lang: Lang, v: f64, places: usize) -> String {
    let text = format!("{v:.places$}");
    match lang {
        Lang::Fr | Lang::Es => text.replace('.', ","),
        Lang::En | Lang::Ar => text,
    }
}

/// `items` as a list a reader of `lang` writes: separated by commas, Arabic ones in Arabic.
pub fn list_in<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let comma = if lang == Lang::Ar { "، " } else { ", " };
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(comma)
}

/// A date or time stored as ISO 8601 text ("2026-12-07", "2026-12-07 14:20") as the page's
/// reader writes it: the date written out in their language ([`long_date`]) and any time after
/// it as it is. Text that is not such a date is returned unchanged.
pub fn show_date(iso: &str) -> String {
    let date = iso.get(..10).unwrap_or_default();
    let parts: Vec<&str> = date.split('-').collect();
    let parsed = match parts[..] {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            match (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>()) {
                (Ok(y), Ok(m @ 1..=12), Ok(d @ 1..=31)) => Some((y, m, d)),
                _ => None,
            }
        }
        _ => None,
    };
    match parsed {
        Some((y, m, d)) => {
            let rest = iso[10..].trim_start_matches('T');
            let day = long_date(use_lang(), y, m, d);
            if rest.is_empty() {
                day
            } else {
                format!("{day} {}", rest.trim())
            }
        }
        None => iso.to_owned(),
    }
}

/// A date written out in `lang`, as on a certificate: "20 November 2026", "20 novembre 2026",
/// "20 de noviembre de 2026". A month outside 1–12 is written as its number.
pub fn long_date(lang: Lang, year: i32, month: u8, day: u8) -> String {
    const MONTHS: [Msg; 12] = [
        Msg::Month1,
        Msg::Month2,
        Msg::Month3,
        Msg::Month4,
        Msg::Month5,
        Msg::Month6,
        Msg::Month7,
        Msg::Month8,
        Msg::Month9,
        Msg::Month10,
        Msg::Month11,
        Msg::Month12,
    ];
    let month = match usize::from(month)
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i))
    {
        Some(m) => m.text(lang).to_owned(),
        None => month.to_string(),
    };
    Msg::LongDate.format(
        lang,
        &[
            ("day", day.to_string().into()),
            ("month", month.into()),
            ("year", year.to_string().into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn long_dates_are_written_in_each_language() {
        assert_eq!(long_date(Lang::En, 2026, 11, 20), "20 November 2026");
        assert_eq!(long_date(Lang::Fr, 2026, 8, 1), "1 août 2026");
        assert_eq!(long_date(Lang::Es, 2026, 12, 7), "7 de diciembre de 2026");
        assert_eq!(long_date(Lang::Ar, 2026, 6, 3), "3 حزيران/يونيه 2026");
        assert_eq!(long_date(Lang::En, 2026, 13, 1), "1 13 2026");
    }

    #[test]
    fn lists_take_the_readers_comma() {
        let kinds = ["airports", "seaports"];
        assert_eq!(list_in(Lang::En, &kinds), "airports, seaports");
        assert_eq!(
            list_in(Lang::Ar, &["المطارات", "الموانئ البحرية"]),
            "المطارات، الموانئ البحرية"
        );
        assert_eq!(list_in::<&str>(Lang::Fr, &[]), "");
    }

    #[test]
    fn decimals_take_the_readers_separator() {
        assert_eq!(decimal_in(Lang::En, 1.966, 2), "1.97");
        assert_eq!(decimal_in(Lang::Fr, 1.966, 2), "1,97");
        assert_eq!(decimal_in(Lang::Es, -0.5, 1), "-0,5");
        assert_eq!(decimal_in(Lang::Ar, 2.0, 2), "2.00");
        assert_eq!(decimal(1.25, 3), "1.250", "English outside a page");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn stored_dates_are_shown_written_out_and_anything_else_as_it_is() {
        // Outside a page the language is English.
        assert_eq!(show_date("2026-12-07"), "7 December 2026");
        assert_eq!(
            show_date("2026-12-07 14:20 UTC"),
            "7 December 2026 14:20 UTC"
        );
        assert_eq!(
            show_date("2026-12-07T14:20:00Z"),
            "7 December 2026 14:20:00Z"
        );
        for other in ["", "—", "2026-13-01", "2026-1-7", "20261207", "2026-12-0é"] {
            assert_eq!(show_date(other), other);
        }
    }

    /// The variables each message of a language's catalogues uses, by key; `Err` when a
    /// catalogue does not parse.
    #[cfg(feature = "ssr")]
    fn arguments(lang: &str) -> Result<std::collections::BTreeMap<String, Vec<String>>, String> {
        use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
        fn pattern(p: &Pattern<&str>, out: &mut Vec<String>) {
            for element in &p.elements {
                if let PatternElement::Placeable { expression } = element {
                    expr(expression, out);
                }
            }
        }
        fn expr(e: &Expression<&str>, out: &mut Vec<String>) {
            match e {
                Expression::Inline(i) => inline(i, out),
                Expression::Select { selector, variants } => {
                    inline(selector, out);
                    for v in variants {
                        pattern(&v.value, out);
                    }
                }
            }
        }
        fn inline(i: &InlineExpression<&str>, out: &mut Vec<String>) {
            match i {
                InlineExpression::VariableReference { id } => out.push(id.name.to_owned()),
                InlineExpression::Placeable { expression } => expr(expression, out),
                _ => {}
            }
        }
        let mut found = std::collections::BTreeMap::new();
        for (_, source) in CATALOGUES.iter().filter(|(code, _)| *code == lang) {
            let resource = fluent_syntax::parser::parse(*source)
                .map_err(|(_, errors)| format!("{lang}: {errors:?}"))?;
            for entry in resource.body {
                if let Entry::Message(m) = entry {
                    let mut vars = Vec::new();
                    if let Some(value) = &m.value {
                        pattern(value, &mut vars);
                    }
                    vars.sort();
                    vars.dedup();
                    found.insert(m.id.name.to_owned(), vars);
                }
            }
        }
        Ok(found)
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn every_language_has_every_message_with_the_same_arguments() {
        let english = arguments("en").unwrap();
        assert_eq!(english.len(), Msg::ALL.len(), "every key parses in English");
        for lang in Lang::ALL {
            let theirs = arguments(lang.code()).unwrap();
            assert_eq!(
                theirs.keys().collect::<Vec<_>>(),
                english.keys().collect::<Vec<_>>(),
                "{lang:?} has the same keys"
            );
            for (key, vars) in &english {
                assert_eq!(
                    &theirs[key], vars,
                    "{lang:?} {key} takes the same arguments"
                );
            }
        }
    }

    /// The build's own rules for the catalogues.
    #[cfg(feature = "ssr")]
    mod build_rules {
        include!("../build/catalogues.rs");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_build_refuses_a_catalogue_with_a_key_missing_unknown_or_twice() {
        use build_rules::{catalogue_files, check_keys, message_keys};
        // A language whose folder is missing, or holds no catalogue, stops the build.
        let empty = std::env::temp_dir().join(format!("checkpoint-no-ftl-{}", std::process::id()));
        std::fs::create_dir_all(&empty).unwrap();
        std::fs::write(empty.join("notes.txt"), "not a catalogue").unwrap();
        assert!(
            catalogue_files(&empty)
                .unwrap_err()
                .contains("no catalogue")
        );
        assert!(
            catalogue_files(&empty.join("es"))
                .unwrap_err()
                .contains("cannot be read")
        );
        std::fs::remove_dir_all(&empty).unwrap();
        let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales/es");
        assert!(catalogue_files(&shipped).is_ok_and(|f| !f.is_empty()));
        let english = message_keys(&[
            "# comment = not a key\nA = one\nB = { $n ->\n    [one] x = y\n   *[other] z\n}\n",
        ]);
        assert_eq!(
            english.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["A", "B"]
        );
        assert_eq!(check_keys("en", &english, None), Ok(()));
        // The same keys across two files is fine; one missing, one unknown or one twice is not.
        let split = message_keys(&["A = un\n", "B = deux\n"]);
        assert_eq!(check_keys("fr", &split, Some(&english)), Ok(()));
        let missing = message_keys(&["A = un\n"]);
        let err = check_keys("fr", &missing, Some(&english)).unwrap_err();
        assert!(err.contains("missing [\"B\"]"), "{err}");
        let unknown = message_keys(&["A = un\nB = deux\nC = trois\n"]);
        assert!(
            check_keys("fr", &unknown, Some(&english))
                .unwrap_err()
                .contains("unknown [\"C\"]")
        );
        let twice = message_keys(&["A = un\nA = encore\nB = deux\n"]);
        assert!(
            check_keys("fr", &twice, Some(&english))
                .unwrap_err()
                .contains("twice")
        );
        // The shipped catalogues pass the same rules.
        let shipped = |lang: &str| {
            message_keys(
                &CATALOGUES
                    .iter()
                    .filter(|(code, _)| *code == lang)
                    .map(|(_, source)| *source)
                    .collect::<Vec<_>>(),
            )
        };
        let en = shipped("en");
        assert_eq!(en.len(), Msg::ALL.len());
        for lang in Lang::ALL {
            assert_eq!(
                check_keys(lang.code(), &shipped(lang.code()), Some(&en)),
                Ok(())
            );
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_argument_check_sees_a_missing_argument_and_a_broken_catalogue() {
        // What the test above relies on: a dropped variable is seen, a syntax error refused.
        let parsed = fluent_syntax::parser::parse("A = { $n } of { $max }\nB = plain\n").unwrap();
        assert_eq!(parsed.body.len(), 2);
        assert!(fluent_syntax::parser::parse("A = { $n \n").is_err());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn no_message_shows_its_key_or_a_formatting_error() {
        for lang in Lang::ALL {
            for msg in Msg::ALL {
                assert!(!msg.text(lang).is_empty(), "{lang:?} {msg:?} is empty");
                catalogue::Catalogue::get().check(lang, *msg).unwrap();
            }
        }
        // Counted messages take the plural their number needs.
        assert_eq!(
            Msg::EnrolledMany.format(Lang::En, &[("n", 1_i64.into())]),
            "1 trainee enrolled."
        );
        assert_eq!(
            Msg::EnrolledMany.format(Lang::En, &[("n", 3_i64.into())]),
            "3 trainees enrolled."
        );
        assert_eq!(
            Msg::EnrolledMany.format(Lang::Fr, &[("n", 2_i64.into())]),
            "2 stagiaires inscrits."
        );
        // Not "1 hours": each language's plural rules, fractions included.
        let hours = |lang, n: f64| Msg::HoursCount.format(lang, &[("n", n.into())]);
        assert_eq!(hours(Lang::En, 1.0), "1 hour");
        assert_eq!(hours(Lang::En, 1.5), "1.5 hours");
        assert_eq!(hours(Lang::Fr, 1.5), "1,5 heure");
        assert_eq!(hours(Lang::Es, 1.5), "1,5 horas");
        assert_eq!(hours(Lang::Es, 2.0), "2 horas");
        assert_eq!(hours(Lang::Ar, 2.0), "ساعتان");
        assert_eq!(hours(Lang::Ar, 3.0), "3 ساعات");
        // Numbers inside sentences are arguments, never spliced between words.
        let marks = |lang, n: f64| Msg::MarksCount.format(lang, &[("n", n.into())]);
        assert_eq!(marks(Lang::En, 1.0), "1 mark");
        assert_eq!(marks(Lang::En, 2.0), "2 marks");
        assert_eq!(marks(Lang::Fr, 1.5), "1,5 point");
        assert_eq!(marks(Lang::Es, 0.5), "0,5 puntos");
        assert_eq!(marks(Lang::Ar, 2.0), "درجتان");
        assert_eq!(
            Msg::PageNumber.format(
                Lang::Fr,
                &[
                    ("page", 2_i64.into()),
                    ("pages", 5_i64.into()),
                    ("total", 97_i64.into())
                ]
            ),
            "Page 2 sur 5 · 97 au total"
        );
        assert_eq!(
            Msg::RandomFromBank.format(Lang::Fr, &[("n", 3_i64.into()), ("bank", "MRZ".into())]),
            "3 au hasard parmi « MRZ »"
        );
    }

    #[test]
    fn accept_language_picks_the_highest_quality_supported_language() {
        assert_eq!(
            Lang::from_accept_language("fr-FR,fr;q=0.9,en;q=0.8"),
            Some(Lang::Fr)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,en;q=0.5,fr;q=0.7"),
            Some(Lang::Fr)
        );
        assert_eq!(Lang::from_accept_language("de,es"), Some(Lang::Es));
        assert_eq!(
            Lang::from_accept_language("ar-JO,ar;q=0.9,en;q=0.5"),
            Some(Lang::Ar)
        );
        assert_eq!(Lang::from_accept_language("de,it"), None);
        // Not wanted, or a weight that does not parse: never chosen.
        assert_eq!(
            Lang::from_accept_language("fr;q=0,en;q=0.1"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("fr;q=0"), None);
        assert_eq!(
            Lang::from_accept_language("ar;q=abc,es;q=0.2"),
            Some(Lang::Es)
        );
        assert_eq!(Lang::from_accept_language("ar;q=NaN"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn every_language_is_listed_once() {
        // A language missing from `ALL` would have no catalogue loaded: each variant's code
        // parses back to it and appears in `ALL` exactly once.
        for lang in [Lang::En, Lang::Fr, Lang::Es, Lang::Ar] {
            let listed = Lang::ALL.iter().filter(|l| **l == lang).count();
            assert_eq!(listed, 1, "{lang:?}");
            assert_eq!(Lang::from_tag(lang.code()), Some(lang));
            // (An exhaustive match here makes a new variant fail to compile until listed.)
            match lang {
                Lang::En | Lang::Fr | Lang::Es | Lang::Ar => {}
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for m in [Msg::ErrBadCredentials, Msg::Saved, Msg::ErrCsvHeader] {
            assert_eq!(Msg::from_code(m.code()), Some(m));
        }
        assert_eq!(Msg::from_code("<script>"), None);
    }
}
