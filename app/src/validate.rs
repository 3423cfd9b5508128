//! Input rules shared by the forms, the CSV import and the CLI. Pure functions: each returns
//! the cleaned value or the message to show next to the field.

use crate::i18n::{Lang, Msg};
use crate::model::{AgencyKind, Role};

/// Longest accepted login.
pub const LOGIN_MAX: usize = 64;
/// Shortest accepted password.
pub const PASSWORD_MIN: usize = 10;
/// Longest accepted password (argon2 cost grows with input; nobody types more).
pub const PASSWORD_MAX: usize = 256;
/// Longest accepted name (people, agencies, positions).
pub const NAME_MAX: usize = 200;

/// A login: 3–64 ASCII letters, digits, `.`, `-` or `_`, compared case-insensitively (stored
/// lower-case).
pub fn login(raw: &str) -> Result<String, Msg> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(Msg::ErrRequired);
    }
    if value.len() > LOGIN_MAX {
        return Err(Msg::ErrTooLong);
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    if value.len() < 3 || !value.chars().all(allowed) {
        return Err(Msg::ErrLoginFormat);
    }
    Ok(value.to_ascii_lowercase())
}

/// A name: trimmed, non-empty, at most [`NAME_MAX`] characters, no control characters and no
/// characters that change the direction of the text around it (combining marks and joiners,
/// which many scripts need, are welcome).
pub fn name(raw: &str) -> Result<String, Msg> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(Msg::ErrRequired);
    }
    if value.chars().count() > NAME_MAX {
        return Err(Msg::ErrTooLong);
    }
    if value.chars().any(char::is_control) {
        return Err(Msg::ErrInvalid);
    }
    if value.chars().any(assessments::text::is_direction_control) {
        return Err(Msg::ErrDirectionControl);
    }
    Ok(value.to_owned())
}

/// An optional email address: empty means none; otherwise `local@domain.tld`, at most 254
/// characters, no spaces.
pub fn email(raw: &str) -> Result<Option<String>, Msg> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.len() > 254 {
        return Err(Msg::ErrTooLong);
    }
    let valid = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if valid {
        Ok(Some(value.to_owned()))
    } else {
        Err(Msg::ErrEmailFormat)
    }
}

/// A new password: [`PASSWORD_MIN`]–[`PASSWORD_MAX`] characters.
pub fn new_password(raw: &str) -> Result<&str, Msg> {
    let n = raw.chars().count();
    if n < PASSWORD_MIN {
        Err(Msg::ErrPasswordShort)
    } else if raw.len() > PASSWORD_MAX {
        Err(Msg::ErrTooLong)
    } else {
        Ok(raw)
    }
}

/// A language code (`en`, `fr`).
pub fn language(raw: &str) -> Result<Lang, Msg> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(Lang::En);
    }
    Lang::from_tag(value)
        .filter(|l| l.code() == value.to_ascii_lowercase())
        .ok_or(Msg::ErrUnknownLanguage)
}

/// A set of roles written as `trainee;trainer` (also accepts `,` and spaces); at least one.
pub fn roles(raw: &str) -> Result<Vec<Role>, Msg> {
    let mut roles = Vec::new();
    for part in raw
        .split([';', ',', ' ', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let role = Role::from_code(part).ok_or(Msg::ErrUnknownRole)?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    if roles.is_empty() {
        return Err(Msg::ErrRoleRequired);
    }
    roles.sort();
    Ok(roles)
}

/// An agency kind code.
pub fn agency_kind(raw: &str) -> Result<AgencyKind, Msg> {
    AgencyKind::from_code(raw.trim()).ok_or(Msg::ErrUnknownKind)
}

/// A local redirect target: only paths on this site (`/…`, never `//host` or `/\host`), so a
/// crafted link cannot send a user elsewhere after signing in.
pub fn local_path(raw: &str) -> Option<&str> {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.starts_with("/\\")
        && !raw.chars().any(|c| c.is_control() || c == '\\')
        && raw.len() <= 2048;
    ok.then_some(raw)
}

/// The `pattern` attribute of identifier fields (slugs, item and competency ids). Browsers
/// compile `pattern` with the `v` flag, where a `-` in a class must be escaped: written
/// `[a-z0-9-]`, the pattern is invalid and the browser silently drops the check.
pub const ID_PATTERN: &str = "[a-z0-9][a-z0-9\\-]*";
/// The `pattern` attribute of a calendar quarter (`2027-Q1`).
pub const QUARTER_PATTERN: &str = "[0-9]{4}-Q[1-4]";
/// Every `pattern` attribute the pages use: each must compile under the `v` flag.
pub const PATTERNS: &[&str] = &[ID_PATTERN, QUARTER_PATTERN];

/// A cell for a CSV file that people open in spreadsheets: text that a spreadsheet would run
/// as a formula (starting with `=`, `+`, `-`, `@`, `;`, a tab or a carriage return; `;` is a
/// field separator in spreadsheets set to many European languages) gets a leading apostrophe.
/// Numbers are left alone. Characters that change the direction of the text around them are
/// dropped ([`assessments::text::is_direction_control`]). Every CSV the application writes goes through
/// this one rule.
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let cell = assessments::text::without_direction_controls(cell);
    let risky =
        cell.starts_with(['=', '+', '-', '@', ';', '\t', '\r']) && cell.parse::<f64>().is_err();
    if risky {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Compiles every pattern as Chromium does (`new RegExp("^(?:" + p + ")$", "v")`), in
    /// Node.js, which shares its regular-expression engine.
    #[test]
    fn every_pattern_attribute_compiles_with_the_v_flag() {
        let script = "const ps = JSON.parse(process.argv[1]); for (const p of ps) { \
                      try { new RegExp('^(?:' + p + ')$', 'v'); } \
                      catch (e) { console.log(p); process.exitCode = 1; } }";
        let out = std::process::Command::new("node")
            .args(["-e", script, &serde_json::to_string(PATTERNS).unwrap()])
            .output()
            .expect("Node.js runs the browser's regular-expression check");
        assert!(
            out.status.success(),
            "invalid under the v flag: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(!ID_PATTERN.contains("9-]"), "the class's hyphen is escaped");
    }

    /// Pages take their patterns from [`PATTERNS`], so the test above sees every one.
    #[test]
    fn pages_write_no_pattern_of_their_own() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![root];
        let mut found = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    if text.contains(concat!("pattern", "=\"")) {
                        found.push(path.display().to_string());
                    }
                }
            }
        }
        assert!(found.is_empty(), "literal pattern attributes in {found:?}");
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
        for risky in [
            "=1+1",
            "+SUM(A1)",
            "-2+3",
            "@cmd",
            ";=HYPERLINK()",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(csv_safe(risky), format!("'{risky}"), "{risky:?}");
        }
        for plain in ["Utopia", "-12.5", "+3", "a;b", ""] {
            assert_eq!(csv_safe(plain), plain);
        }
        // A direction override is dropped first, so it cannot hide a formula either.
        assert_eq!(csv_safe("Amal \u{202E}fdp.exe"), "Amal fdp.exe");
        assert_eq!(csv_safe("\u{202E}=1+1"), "'=1+1");
    }

    #[test]
    fn names_keep_marks_and_joiners_and_refuse_direction_controls() {
        for kept in [
            "Nguye\u{0302}\u{0303}n",
            "عبد\u{200D}الله",
            "Zoë O\u{2019}Neil",
        ] {
            assert_eq!(name(kept), Ok(kept.to_owned()));
        }
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2069}',
        ] {
            assert_eq!(
                name(&format!("Amal {c}x")),
                Err(Msg::ErrDirectionControl),
                "{c:?}"
            );
        }
    }

    #[test]
    fn logins() {
        assert_eq!(login("  Officer.Ana "), Ok("officer.ana".into()));
        assert_eq!(login(""), Err(Msg::ErrRequired));
        assert_eq!(login("ab"), Err(Msg::ErrLoginFormat));
        assert_eq!(login("a b c"), Err(Msg::ErrLoginFormat));
        assert_eq!(login("<script>"), Err(Msg::ErrLoginFormat));
        assert_eq!(login(&"x".repeat(1_000_000)), Err(Msg::ErrTooLong));
    }

    #[test]
    fn emails() {
        assert_eq!(email(""), Ok(None));
        assert_eq!(email("a@b.org"), Ok(Some("a@b.org".into())));
        for bad in ["a", "a@b", "@b.org", "a@b@c.org", "a b@c.org", "a@.org"] {
            assert_eq!(email(bad), Err(Msg::ErrEmailFormat), "{bad}");
        }
    }

    #[test]
    fn role_lists() {
        assert_eq!(
            roles("trainer;trainee"),
            Ok(vec![Role::Trainee, Role::Trainer])
        );
        assert_eq!(roles("Admin, admin"), Ok(vec![Role::Admin]));
        assert_eq!(roles(""), Err(Msg::ErrRoleRequired));
        assert_eq!(roles("trainee;pilot"), Err(Msg::ErrUnknownRole));
    }

    #[test]
    fn languages() {
        assert_eq!(language("fr"), Ok(Lang::Fr));
        assert_eq!(language(""), Ok(Lang::En));
        assert_eq!(language("fr-FR"), Err(Msg::ErrUnknownLanguage));
        assert_eq!(language("de"), Err(Msg::ErrUnknownLanguage));
    }

    #[test]
    fn redirects_stay_on_the_site() {
        assert_eq!(
            local_path("/admin/people?page=2"),
            Some("/admin/people?page=2")
        );
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "evil",
            "",
        ] {
            assert_eq!(local_path(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn accepted_logins_are_normalised_and_safe(s in "\\PC{0,80}") {
            if let Ok(l) = login(&s) {
                prop_assert!(l.len() >= 3 && l.len() <= LOGIN_MAX);
                prop_assert!(l.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c)));
                prop_assert_eq!(login(&l), Ok(l.clone()));
            }
        }

        #[test]
        fn local_paths_never_leave_the_site(s in "\\PC{0,40}") {
            if let Some(p) = local_path(&s) {
                prop_assert!(p.starts_with('/') && !p.starts_with("//") && !p.contains('\\'));
            }
        }
    }
}
