//! Countries, agencies, positions and people: lists, details, forms and imports.

use super::*;

/// A country in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryRow {
    /// ISO 3166-1 alpha-3 code.
    pub code: String,
    /// ISO 3166-1 alpha-2 code.
    pub alpha2: String,
    /// English name.
    pub name_en: String,
    /// French name.
    pub name_fr: String,
    /// Spanish name (may be empty for a fictional country).
    pub name_es: String,
    /// Arabic name (may be empty for a fictional country).
    pub name_ar: String,
    /// Not a real country (Utopia, for specimens and demos).
    pub fictional: bool,
    /// Number of agencies in the country.
    pub agencies: u64,
}

impl CountryRow {
    /// The name in `lang` (English where the country list has no name in that language).
    pub fn name(&self, lang: Lang) -> &str {
        let names = [&self.name_en, &self.name_fr, &self.name_es, &self.name_ar];
        super::in_language(lang, names.map(String::as_str)).0
    }
}

/// An agency in lists and forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyRow {
    /// Agency id.
    pub id: i64,
    /// Agency name.
    pub name: String,
    /// Country code.
    pub country_code: String,
    /// Country name in each language.
    pub country: Texts,
    /// Kind of agency.
    pub kind: AgencyKind,
    /// Whether the agency is active.
    pub active: bool,
    /// Number of people attached to it.
    pub people: u64,
}

/// A position inside an agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionRow {
    /// Position id.
    pub id: i64,
    /// Agency id.
    pub agency_id: i64,
    /// Title.
    pub title: String,
}

/// An agency with its positions, for the agency page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDetail {
    /// The agency.
    pub agency: AgencyRow,
    /// Its positions, by title.
    pub positions: Vec<PositionRow>,
}

/// A person in lists and forms (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    /// Person id.
    pub id: i64,
    /// Login name.
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// Email, if known.
    pub email: Option<String>,
    /// Agency id and name.
    pub agency: Option<(i64, String)>,
    /// Position id and title.
    pub position: Option<(i64, String)>,
    /// Roles held.
    pub roles: Vec<Role>,
    /// The countries covered, for a programme manager.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Whether the account may sign in.
    pub active: bool,
    /// Preferred language.
    pub lang: Lang,
}

/// Everything the person forms need to offer as choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementChoices {
    /// Active agencies with their positions.
    pub agencies: Vec<AgencyDetail>,
}

/// A person created by a CSV import, with the temporary password to hand over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedPerson {
    /// Login name.
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// Temporary password, shown once.
    pub temporary_password: String,
}

/// One rejected row of a CSV import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// 1-based line number in the file (the header is line 1); 0 for the whole file.
    pub line: u64,
    /// The column concerned, if any.
    pub column: Option<String>,
    /// What is wrong.
    pub message: Msg,
}

/// The outcome of a CSV import: either everyone was imported, or nothing and the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportOutcome {
    /// Every row was valid and has been imported.
    Imported(Vec<ImportedPerson>),
    /// At least one row was invalid; nothing was written.
    Rejected(Vec<ImportProblem>),
}

/// What an administrator enters to create or edit an agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AgencyInput {
    /// Agency name.
    pub name: String,
    /// Country code (ISO alpha-3).
    pub country: String,
    /// Kind code (see [`AgencyKind::code`]).
    pub kind: String,
}

/// What an administrator enters to create or edit a person. Roles are checkboxes, so they
/// arrive as separate optional fields (present when ticked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PersonInput {
    /// Login (ignored when editing: logins do not change).
    #[serde(default)]
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// Email, may be empty.
    #[serde(default)]
    pub email: String,
    /// Agency id, empty for none.
    #[serde(default)]
    pub agency: String,
    /// Position id, empty for none.
    #[serde(default)]
    pub position: String,
    /// Preferred language code.
    #[serde(default)]
    pub language: String,
    /// Ticked: trainee.
    #[serde(default)]
    pub role_trainee: Option<String>,
    /// Ticked: trainer.
    #[serde(default)]
    pub role_trainer: Option<String>,
    /// Ticked: assessor.
    #[serde(default)]
    pub role_assessor: Option<String>,
    /// Ticked: needs analyst.
    #[serde(default)]
    pub role_analyst: Option<String>,
    /// Ticked: admin.
    #[serde(default)]
    pub role_admin: Option<String>,
    /// Ticked: agency focal point.
    #[serde(default)]
    pub role_focal_point: Option<String>,
    /// Ticked: programme manager.
    #[serde(default)]
    pub role_manager: Option<String>,
    /// The countries a manager covers: ISO codes separated by commas or spaces.
    #[serde(default)]
    pub countries: String,
    /// Initial password (creation only).
    #[serde(default)]
    pub password: String,
}

impl PersonInput {
    /// The ticked roles, in order.
    pub fn roles(&self) -> Vec<Role> {
        [
            (Role::Trainee, &self.role_trainee),
            (Role::Trainer, &self.role_trainer),
            (Role::Assessor, &self.role_assessor),
            (Role::Analyst, &self.role_analyst),
            (Role::Admin, &self.role_admin),
            (Role::FocalPoint, &self.role_focal_point),
            (Role::Manager, &self.role_manager),
        ]
        .into_iter()
        .filter(|(_, ticked)| ticked.is_some())
        .map(|(r, _)| r)
        .collect()
    }
}
