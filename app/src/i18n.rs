//! Translations: every string a user sees goes through [`Msg`].
//!
//! Each message is declared once with its English and French text, so a missing translation is
//! a compile error, not a blank on the page. Adding a language means adding a [`Lang`] variant
//! and one column to the table below; the compiler then lists every message still to translate.

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
}

impl Lang {
    /// Every supported language, in the order shown in language pickers.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The BCP 47 tag (`en`, `fr`), used in `lang` attributes, cookies and the database.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The language's own name for itself.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }

    /// Parses a tag such as `fr`, `fr-FR` or `EN`; `None` for unsupported languages.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// Picks the best supported language from an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::from_tag) else {
                continue;
            };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }
}

macro_rules! messages {
    ($($key:ident => $en:literal, $fr:literal;)*) => {
        /// A user-visible message. See the module documentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Msg { $(#[doc = $en] $key),* }

        impl Msg {
            /// The message in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::En) => $en, (Msg::$key, Lang::Fr) => $fr,)*
                }
            }

            /// A stable code for the message, used in redirect URLs (`?error=…`).
            pub fn code(self) -> &'static str {
                match self { $(Msg::$key => stringify!($key),)* }
            }

            /// The message with the given [`Msg::code`].
            pub fn from_code(code: &str) -> Option<Msg> {
                match code { $(stringify!($key) => Some(Msg::$key),)* _ => None }
            }
        }
    };
}

messages! {
    AppName => "Checkpoint", "Checkpoint";
    Tagline => "Training and assessment for border and immigration officials",
        "Formation et évaluation des agents des frontières et de l'immigration";
    SkipToContent => "Skip to content", "Aller au contenu";
    NavHome => "Home", "Accueil";
    NavCountries => "Countries", "Pays";
    NavAgencies => "Agencies", "Agences";
    NavPeople => "People", "Personnes";
    NavAccount => "My account", "Mon compte";
    NavMenu => "Menu", "Menu";
    SignIn => "Sign in", "Se connecter";
    SignOut => "Sign out", "Se déconnecter";
    SignedInAs => "Signed in as", "Connecté en tant que";
    Login => "Login", "Identifiant";
    Password => "Password", "Mot de passe";
    Language => "Language", "Langue";
    Save => "Save", "Enregistrer";
    Create => "Create", "Créer";
    Cancel => "Cancel", "Annuler";
    Search => "Search", "Rechercher";
    Filter => "Filter", "Filtrer";
    FilterRows => "Filter this list", "Filtrer cette liste";
    Previous => "Previous", "Précédent";
    Next => "Next", "Suivant";
    PageOf => "Page", "Page";
    Yes => "Yes", "Oui";
    No => "No", "Non";
    Active => "Active", "Actif";
    Inactive => "Inactive", "Inactif";
    Status => "Status", "Statut";
    Actions => "Actions", "Actions";
    Edit => "Edit", "Modifier";
    Deactivate => "Deactivate", "Désactiver";
    Reactivate => "Reactivate", "Réactiver";
    NoneSelected => "— none —", "— aucun —";
    Settings => "Settings", "Paramètres";
    QuestionWord => "Question", "Question";
    KindSingleChoice => "Single choice", "Choix unique";
    KindMultipleResponse => "Multiple response", "Réponses multiples";
    KindTrueFalse => "True / false", "Vrai / faux";
    KindShortAnswer => "Short answer", "Réponse courte";
    KindNumerical => "Numerical", "Numérique";
    KindMatching => "Matching", "Appariement";
    KindOrdering => "Ordering", "Mise en ordre";
    NewQuestion => "New question", "Nouvelle question";
    QuestionAdded => "Question added.", "Question ajoutée.";
    Date => "Date", "Date";
    NothingYet => "Nothing here yet.", "Rien pour l'instant.";
    Saved => "Saved.", "Enregistré.";
    ConfirmSubmitTitle => "Submit your answers?", "Envoyer vos réponses ?";
    ConfirmSubmitText => "Your answers are saved. Once submitted they are graded and cannot be changed.", "Vos réponses sont enregistrées. Une fois envoyées, elles sont notées et ne peuvent plus être modifiées.";
    UnansweredList => "These questions have no answer yet:", "Ces questions n'ont pas encore de réponse :";
    AllAnswered => "Every question has an answer.", "Chaque question a une réponse.";
    SubmitNow => "Submit now", "Envoyer maintenant";
    LoginTitle => "Sign in to Checkpoint", "Connexion à Checkpoint";
    LoginIntro => "Use the login and password given to you by your training coordinator.",
        "Utilisez l'identifiant et le mot de passe fournis par votre coordinateur de formation.";
    SessionExpired => "Your session has expired. Sign in again to continue where you were.",
        "Votre session a expiré. Reconnectez-vous pour reprendre là où vous étiez.";
    SignedOut => "You are signed out.", "Vous êtes déconnecté.";
    HomeWelcome => "Welcome", "Bienvenue";
    HomeIntro => "Choose where to start. What you see depends on your roles.",
        "Choisissez par où commencer. Ce que vous voyez dépend de vos rôles.";
    HomeTraineeTitle => "Learning", "Apprentissage";
    HomeTraineeText => "Study the courses open to you, continue where you left off and search every lesson.",
        "Suivez les cours qui vous sont ouverts, reprenez là où vous vous êtes arrêté et cherchez dans toutes les leçons.";
    HomeTrainerTitle => "Training", "Formation";
    HomeTrainerText => "Build courses and question banks, run classes and follow your trainees' progress.",
        "Créez des cours et des banques de questions, animez des sessions et suivez la progression de vos stagiaires.";
    HomeAssessorTitle => "Capacity assessment", "Évaluation des capacités";
    HomeAssessorText => "Score a country's border and migration management capacity and prepare its report.",
        "Évaluez les capacités d'un pays en gestion des frontières et des migrations et préparez son rapport.";
    HomeAnalystTitle => "Training needs analysis", "Analyse des besoins de formation";
    HomeAnalystText => "Build questionnaires, run needs-analysis campaigns across agencies, and turn the gaps into a training plan.",
        "Construisez des questionnaires, menez des campagnes d'analyse des besoins dans les administrations et traduisez les écarts en plan de formation.";
    HomeAdminTitle => "Administration", "Administration";
    HomeAdminText => "Manage countries, agencies, positions and people.",
        "Gérez les pays, les agences, les postes et les personnes.";
    YourRoles => "Your roles", "Vos rôles";
    RoleTrainee => "Trainee", "Stagiaire";
    RoleTrainer => "Trainer", "Formateur";
    RoleAssessor => "Assessor", "Évaluateur";
    RoleAnalyst => "Needs analyst", "Analyste des besoins";
    RoleAdmin => "Administrator", "Administrateur";
    RoleFocalPoint => "Agency focal point", "Point focal d'agence";
    RoleManager => "Programme manager", "Responsable de programme";
    NeedsOverTime => "Training needs over time", "Besoins de formation dans le temps";
    NeedsOverTimeHint => "Per closed needs-analysis campaign: competency × agency groups measured, those in need of training, and those an earlier campaign found in need that this one no longer does. Not filtered by course, class or role.",
        "Par campagne d'analyse des besoins close : groupes compétence × agence mesurés, ceux qui ont besoin de formation, et ceux qu'une campagne antérieure trouvait en besoin et qui ne le sont plus. Non filtré par cours, session ni rôle.";
    CampaignWord => "Campaign", "Campagne";
    ClosesOnCol => "Closed on", "Close le";
    GroupsMeasured => "Groups measured", "Groupes mesurés";
    GapsOpen => "In need", "En besoin";
    GapsClosed => "Gaps closed", "Écarts comblés";
    HomeFocalTitle => "Your agency's training", "La formation de votre agence";
    HomeFocalText => "Follow who in your agency was trained, in what and with what result, and download the figures.",
        "Suivez qui, dans votre agence, a été formé, à quoi et avec quel résultat, et téléchargez les chiffres.";
    HomeManagerTitle => "Programme progress", "Avancement du programme";
    HomeManagerText => "Follow training across the agencies of the countries you cover, and export the figures for donors.",
        "Suivez la formation dans les agences des pays que vous couvrez et exportez les chiffres pour les bailleurs.";
    CoveredCountries => "Countries covered (programme managers)", "Pays couverts (responsables de programme)";
    CoveredCountriesHint => "ISO codes separated by commas, for example UTO, KEN.", "Codes ISO séparés par des virgules, par exemple UTO, KEN.";
    ErrUnknownCountryCode => "One of these is not a known country code.", "L'un de ces codes n'est pas un code de pays connu.";
    ErrFocalPointAgency => "An agency focal point needs an agency.", "Un point focal d'agence doit avoir une agence.";
    ErrManagerCountries => "A programme manager needs at least one country.", "Un responsable de programme doit couvrir au moins un pays.";
    Roles => "Roles", "Rôles";
    KindImmigration => "Immigration", "Immigration";
    KindBorderPolice => "Border police", "Police aux frontières";
    KindCustoms => "Customs", "Douanes";
    KindCoastGuard => "Coast guard", "Garde-côtes";
    KindOther => "Other", "Autre";
    Code => "Code", "Code";
    Name => "Name", "Nom";
    NameEnglish => "English name", "Nom anglais";
    NameFrench => "French name", "Nom français";
    Country => "Country", "Pays";
    CountriesTitle => "Countries", "Pays";
    CountriesIntro => "ISO 3166-1 countries. Agencies belong to a country.",
        "Pays de la norme ISO 3166-1. Chaque agence appartient à un pays.";
    Fictional => "fictional", "fictif";
    AgenciesTitle => "Agencies", "Agences";
    AgencyNew => "New agency", "Nouvelle agence";
    AgencyEdit => "Edit agency", "Modifier l'agence";
    AgencyKind => "Kind", "Type";
    AgencyPeople => "People", "Personnes";
    Positions => "Positions", "Postes";
    PositionTitle => "Position title", "Intitulé du poste";
    PositionAdd => "Add position", "Ajouter un poste";
    Position => "Position", "Poste";
    Agency => "Agency", "Agence";
    PeopleTitle => "People", "Personnes";
    PersonNew => "New person", "Nouvelle personne";
    PersonEdit => "Edit person", "Modifier la personne";
    DisplayName => "Display name", "Nom affiché";
    Email => "Email (optional)", "Courriel (facultatif)";
    InitialPassword => "Initial password", "Mot de passe initial";
    InitialPasswordHint => "At least 10 characters. The person must change it at first sign-in.",
        "Au moins 10 caractères. La personne devra le changer à sa première connexion.";
    ResetPassword => "Reset password", "Réinitialiser le mot de passe";
    NewPassword => "New password", "Nouveau mot de passe";
    CurrentPassword => "Current password", "Mot de passe actuel";
    ConfirmPassword => "Confirm the new password", "Confirmez le nouveau mot de passe";
    PasswordsMatch => "The passwords match.", "Les mots de passe correspondent.";
    PasswordsDiffer => "The passwords do not match yet.", "Les mots de passe ne correspondent pas encore.";
    ChangePassword => "Change password", "Changer le mot de passe";
    MustChangePassword => "Please choose a new password before you continue.",
        "Veuillez choisir un nouveau mot de passe avant de continuer.";
    PasswordChanged => "Your password has been changed.", "Votre mot de passe a été modifié.";
    PasswordReset => "The password has been reset. The person must change it at next sign-in.",
        "Le mot de passe a été réinitialisé. La personne devra le changer à sa prochaine connexion.";
    AccountTitle => "My account", "Mon compte";
    LanguageSaved => "Language saved.", "Langue enregistrée.";
    ImportTitle => "Import people from CSV", "Importer des personnes (CSV)";
    ImportIntro => "One person per row, UTF-8, with the header line: login,display_name,email,agency,position,roles,language. Roles are separated by semicolons (trainee;trainer). The agency is its name or number; the position is a title that exists in that agency. If any row is invalid nothing is imported and every problem is listed.",
        "Une personne par ligne, en UTF-8, avec la ligne d'en-tête : login,display_name,email,agency,position,roles,language. Les rôles sont séparés par des points-virgules (trainee;trainer). L'agence est son nom ou son numéro ; le poste est un intitulé existant dans cette agence. Si une ligne est invalide, rien n'est importé et chaque problème est listé.";
    ImportFile => "CSV file", "Fichier CSV";
    ImportButton => "Check and import", "Vérifier et importer";
    ImportFailed => "Nothing was imported. Correct these rows and try again:",
        "Rien n'a été importé. Corrigez ces lignes et réessayez :";
    ImportDone => "People imported. Give each person their temporary password; they must change it at first sign-in. These passwords are shown only once.",
        "Personnes importées. Remettez à chacun son mot de passe temporaire ; il devra le changer à la première connexion. Ces mots de passe ne sont affichés qu'une fois.";
    TemporaryPassword => "Temporary password", "Mot de passe temporaire";
    Row => "Row", "Ligne";
    Problem => "Problem", "Problème";
    ErrNotFound => "This page or record does not exist.", "Cette page ou cet enregistrement n'existe pas.";
    ErrUnauthorized => "Please sign in to continue.", "Veuillez vous connecter pour continuer.";
    ErrForbidden => "You do not have access to this page.", "Vous n'avez pas accès à cette page.";
    ErrInvalid => "Some information is missing or invalid.", "Des informations sont manquantes ou invalides.";
    ErrInternal => "Something went wrong on our side. Please try again in a moment.",
        "Un problème est survenu de notre côté. Veuillez réessayer dans un instant.";
    ErrTooManyAttempts => "Too many failed sign-in attempts. Wait 15 minutes and try again.",
        "Trop de tentatives de connexion échouées. Attendez 15 minutes puis réessayez.";
    ErrBadCredentials => "Login or password is incorrect.", "Identifiant ou mot de passe incorrect.";
    ErrRequired => "This field is required.", "Ce champ est obligatoire.";
    ErrTooLong => "This is too long.", "C'est trop long.";
    ErrLoginFormat => "Use 3 to 64 letters, digits, dots, hyphens or underscores.",
        "Utilisez de 3 à 64 lettres, chiffres, points, tirets ou tirets bas.";
    ErrLoginTaken => "This login is already used.", "Cet identifiant est déjà utilisé.";
    ErrEmailFormat => "This is not a valid email address.", "Ce n'est pas une adresse électronique valide.";
    ErrPasswordShort => "Use at least 10 characters.", "Utilisez au moins 10 caractères.";
    ErrPasswordMismatch => "The two passwords are different.", "Les deux mots de passe sont différents.";
    ErrWrongPassword => "Your current password is incorrect.", "Votre mot de passe actuel est incorrect.";
    ErrRoleRequired => "Choose at least one role.", "Choisissez au moins un rôle.";
    ErrUnknownRole => "Unknown role.", "Rôle inconnu.";
    ErrUnknownCountry => "Unknown country.", "Pays inconnu.";
    ErrUnknownAgency => "Unknown agency.", "Agence inconnue.";
    ErrAmbiguousAgency => "Several agencies have this name: use the agency number.",
        "Plusieurs agences portent ce nom : utilisez le numéro de l'agence.";
    ErrUnknownPosition => "This position does not exist in the chosen agency.",
        "Ce poste n'existe pas dans l'agence choisie.";
    ErrUnknownKind => "Unknown agency kind.", "Type d'agence inconnu.";
    ErrUnknownLanguage => "Unknown language: use en or fr.", "Langue inconnue : utilisez en ou fr.";
    ErrAgencyTaken => "An agency with this name already exists in this country.",
        "Une agence portant ce nom existe déjà dans ce pays.";
    ErrPositionTaken => "This agency already has a position with this title.",
        "Cette agence a déjà un poste portant cet intitulé.";
    ErrSelfDeactivate => "You cannot deactivate or demote your own account.",
        "Vous ne pouvez pas désactiver ni rétrograder votre propre compte.";
    ErrCsvHeader => "The header line must be: login,display_name,email,agency,position,roles,language.",
        "La ligne d'en-tête doit être : login,display_name,email,agency,position,roles,language.";
    ErrCsvEncoding => "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.",
        "Le fichier n'est pas du texte UTF-8. Enregistrez-le en « CSV UTF-8 » et réessayez.";
    ErrCsvDuplicate => "This login appears more than once in the file.",
        "Cet identifiant apparaît plusieurs fois dans le fichier.";
    ErrCsvEmpty => "The file has no people in it.", "Le fichier ne contient aucune personne.";
    ErrCsvTooLarge => "The file is too large (at most 5,000 rows and 2 MB).",
        "Le fichier est trop volumineux (5 000 lignes et 2 Mo au plus).";
    ErrCsvMalformed => "This line is not valid CSV (check quotes and the number of columns).",
        "Cette ligne n'est pas du CSV valide (vérifiez les guillemets et le nombre de colonnes).";
    ErrCsrf => "This form has expired. Reload the page and try again.",
        "Ce formulaire a expiré. Rechargez la page et réessayez.";
    NavCourses => "Courses", "Cours";
    CoursesTitle => "Courses", "Cours";
    CoursesIntro => "The courses open to you. Your progress is saved as you go.",
        "Les cours qui vous sont ouverts. Votre progression est enregistrée au fur et à mesure.";
    KindFoundation => "Foundation", "Fondamental";
    KindThematic => "Thematic", "Thématique";
    Draft => "Draft", "Brouillon";
    Hours => "hours", "heures";
    HourOne => "hour", "heure";
    Minutes => "min", "min";
    LessonsCount => "lessons", "leçons";
    Completed => "completed", "terminées";
    Start => "Start", "Commencer";
    ContinueWhereLeft => "Continue where I left off", "Reprendre là où je me suis arrêté";
    Audience => "For", "Public";
    Glossary => "Glossary", "Glossaire";
    Objectives => "By the end of this lesson you can", "À la fin de cette leçon, vous saurez";
    Lesson => "Lesson", "Leçon";
    Of => "of", "sur";
    MarkComplete => "Mark as complete", "Marquer comme terminée";
    MarkIncomplete => "Mark as not complete", "Marquer comme non terminée";
    LessonCompleted => "Lesson completed.", "Leçon terminée.";
    LessonDone => "Completed", "Terminée";
    Outline => "Course outline", "Plan du cours";
    SearchLessons => "Search the lessons", "Rechercher dans les leçons";
    SearchTitle => "Search", "Recherche";
    SearchNoResults => "No lesson matches these words.", "Aucune leçon ne correspond à ces mots.";
    SearchResultsFor => "Lessons containing", "Leçons contenant";
    NavAuthoring => "Authoring", "Conception";
    AuthoringTitle => "Course authoring", "Conception de cours";
    AuthoringIntro => "Create courses, organise them in modules and lessons, and publish them when they are ready. Learners keep their progress when you edit a lesson.",
        "Créez des cours, organisez-les en modules et leçons, et publiez-les quand ils sont prêts. Les stagiaires gardent leur progression quand vous modifiez une leçon.";
    CourseNew => "New course", "Nouveau cours";
    CourseSlug => "Identifier (used in addresses)", "Identifiant (utilisé dans les adresses)";
    CourseSlugHint => "Lower-case letters, digits and hyphens, e.g. interviewing-basics. It cannot be changed later.",
        "Lettres minuscules, chiffres et tirets, par exemple entretien-bases. Il ne pourra plus être modifié.";
    Title => "Title", "Titre";
    Summary => "Summary", "Résumé";
    CourseKind => "Kind", "Type";
    EstimatedHours => "Estimated hours", "Durée estimée (heures)";
    Publish => "Publish", "Publier";
    Unpublish => "Withdraw (back to draft)", "Retirer (repasser en brouillon)";
    Published => "Published", "Publié";
    Modules => "Modules", "Modules";
    ModuleAdd => "Add module", "Ajouter un module";
    LessonAdd => "Add lesson", "Ajouter une leçon";
    MoveUp => "Move up", "Monter";
    MoveDown => "Move down", "Descendre";
    EditLesson => "Edit lesson", "Modifier la leçon";
    ViewAsLearner => "View as a learner", "Voir comme un stagiaire";
    ObjectivesOnePerLine => "Objectives (one per line)", "Objectifs (un par ligne)";
    DurationMinutes => "Duration (minutes)", "Durée (minutes)";
    Body => "Lesson text (Markdown)", "Texte de la leçon (Markdown)";
    BodyHint => "Headings with ##, lists with -, tables, **bold**. Callouts: a line \"> [!NOTE]\", \"> [!TIP]\" or \"> [!WARNING]\" then lines starting with >. Images: ![description](file.png). Glossary: [[Term]].",
        "Titres avec ##, listes avec -, tableaux, **gras**. Encadrés : une ligne « > [!NOTE] », « > [!TIP] » ou « > [!WARNING] » puis des lignes commençant par >. Images : ![description](fichier.png). Glossaire : [[Terme]].";
    Preview => "Preview", "Aperçu";
    Images => "Images of this module", "Images de ce module";
    ImageUpload => "Upload an image", "Téléverser une image";
    ImageHint => "PNG, JPEG, WebP or SVG, at most 5 MB. Then write ![description](name) in the text.",
        "PNG, JPEG, WebP ou SVG, 5 Mo au plus. Écrivez ensuite ![description](nom) dans le texte.";
    Upload => "Upload", "Téléverser";
    ImageUploaded => "Image uploaded.", "Image téléversée.";
    ErrSlugFormat => "Use lower-case letters, digits and hyphens.", "Utilisez des lettres minuscules, des chiffres et des tirets.";
    ErrSlugTaken => "A course with this identifier already exists.", "Un cours avec cet identifiant existe déjà.";
    ErrImageType => "Only PNG, JPEG, WebP or SVG images are accepted.", "Seules les images PNG, JPEG, WebP ou SVG sont acceptées.";
    ErrImageTooLarge => "The image is larger than 5 MB.", "L'image dépasse 5 Mo.";
    NavClasses => "Classes", "Sessions";
    ClassesTitle => "Classes", "Sessions de formation";
    ClassesIntro => "A class runs one course for a group of trainees over set dates. Enrol trainees one by one, a whole agency at once, or give them the join code.",
        "Une session fait suivre un cours à un groupe de stagiaires sur des dates fixées. Inscrivez les stagiaires un par un, une agence entière à la fois, ou donnez-leur le code d'inscription.";
    ClassNew => "Open a class", "Ouvrir une session";
    ClassName => "Name of the class", "Nom de la session";
    Course => "Course", "Cours";
    StartsOn => "First day", "Premier jour";
    EndsOn => "Last day", "Dernier jour";
    Location => "Location", "Lieu";
    TrainingOfTrainers => "Training of Trainers", "Formation de formateurs";
    Enrolled => "Enrolled", "Inscrits";
    JoinCode => "Join code", "Code d'inscription";
    JoinCodeHint => "Trainees enter this code on the Join a class page.", "Les stagiaires saisissent ce code sur la page « Rejoindre une session ».";
    Trainers => "Trainers", "Formateurs";
    TrainerAdd => "Add a trainer (login)", "Ajouter un formateur (identifiant)";
    Roster => "Roster", "Liste des stagiaires";
    EnrolOne => "Enrol a trainee (login)", "Inscrire un stagiaire (identifiant)";
    EnrolAgency => "Enrol every trainee of an agency", "Inscrire tous les stagiaires d'une agence";
    Enrol => "Enrol", "Inscrire";
    Remove => "Remove", "Retirer";
    LastActive => "Last active", "Dernière activité";
    ProgressCol => "Progress", "Progression";
    JoinTitle => "Join a class", "Rejoindre une session";
    JoinIntro => "Enter the code your trainer gave you.", "Saisissez le code donné par votre formateur.";
    Join => "Join", "Rejoindre";
    Joined => "You have joined the class.", "Vous avez rejoint la session.";
    YourClasses => "Your classes", "Vos sessions";
    ErrUnknownCourse => "Unknown course.", "Cours inconnu.";
    ErrDate => "Enter a date as YYYY-MM-DD.", "Saisissez une date au format AAAA-MM-JJ.";
    ErrMonth => "Enter a month as YYYY-MM.", "Saisissez un mois au format AAAA-MM.";
    ErrDateOrder => "The last day is before the first day.", "Le dernier jour précède le premier.";
    ErrUnknownPerson => "No active person has this login.", "Aucune personne active n'a cet identifiant.";
    ErrNotATrainer => "This person does not hold the trainer role.", "Cette personne n'a pas le rôle de formateur.";
    ErrUnknownJoinCode => "No class has this code. Check it with your trainer.", "Aucune session n'a ce code. Vérifiez-le auprès de votre formateur.";
    ErrLessonTooLarge => "A lesson is at most 1 MB of text. Split it into several lessons.",
        "Une leçon fait au plus 1 Mo de texte. Découpez-la en plusieurs leçons.";
    ErrNestedTooDeep => "Quotes or lists are nested more than 16 deep. Flatten them.",
        "Les citations ou les listes sont imbriquées sur plus de 16 niveaux. Réduisez l'imbrication.";
    ErrEditConflict => "Someone else saved this lesson after you opened it. Their version is shown here; yours was kept as a draft lesson named \"… (your copy)\" in the same module.",
        "Quelqu'un d'autre a enregistré cette leçon après que vous l'avez ouverte. Sa version est affichée ici ; la vôtre a été conservée comme leçon brouillon nommée « … (your copy) » dans le même module.";
    // Knowledge checks
    ErrQuestionUnreadable => "This is not one valid GIFT question. Check the braces and the = ~ # marks.",
        "Ce n'est pas une question GIFT valide. Vérifiez les accolades et les signes = ~ #.";
    ErrOneQuestion => "Write exactly one question here.", "Écrivez exactement une question ici.";
    ErrPercent => "Enter a percentage from 0 to 100.", "Saisissez un pourcentage de 0 à 100.";
    ErrMinutes => "Enter a number of minutes from 1 to 600, or leave empty for no limit.",
        "Saisissez un nombre de minutes de 1 à 600, ou laissez vide pour ne pas limiter.";
    ErrQuizEmpty => "Add at least one question before publishing the quiz.", "Ajoutez au moins une question avant de publier le quiz.";
    ErrAlreadyInQuiz => "This question is already in the quiz.", "Cette question figure déjà dans le quiz.";
    ErrDrawCount => "Draw at least one question, and no more than the category holds.",
        "Tirez au moins une question, et pas plus que la catégorie n'en contient.";
    ErrNoAttemptsLeft => "You have used all the attempts this quiz allows.", "Vous avez utilisé toutes les tentatives autorisées pour ce quiz.";
    ErrUnknownOption => "This answer is not one of the question's options.", "Cette réponse ne fait pas partie des choix de la question.";
    ErrNotANumber => "Enter a number.", "Saisissez un nombre.";
    ErrNotInAttempt => "This question is not part of this attempt.", "Cette question ne fait pas partie de cette tentative.";
    ErrAttemptClosed => "This attempt is closed: answers can no longer be changed.", "Cette tentative est close : les réponses ne peuvent plus être modifiées.";
    ErrDeskSpec => "This shift cannot be generated: use 1 to 500 travellers, rates from 0 to 0.5 and at most 100,000 listed persons, with no more fixed cases than travellers.",
        "Ce service ne peut pas être généré : de 1 à 500 voyageurs, des taux de 0 à 0,5 et au plus 100 000 personnes signalées, sans plus de cas imposés que de voyageurs.";
    ErrDeskRefuseExit => "A departing traveller is not refused at the primary line: register the exit, or refer them to second line.",
        "Un voyageur au départ ne fait pas l'objet d'un refus en première ligne : enregistrez la sortie ou orientez-le vers la deuxième ligne.";
    ErrDeskRule => "The stay rule allows from 7 to 365 days, fewer than its window holds, in a window of at most 3,660 days (90 in any 180, for example).",
        "La règle de séjour autorise de 7 à 365 jours, moins que sa période n'en compte, sur une période d'au plus 3 660 jours (90 sur toute période de 180, par exemple).";
    DeskStayMax => "Stay rule: days allowed", "Règle de séjour : jours autorisés";
    DeskStayWindow => "in any window of (days)", "sur toute période de (jours)";
    ErrDeskExitShare => "Give the share of departing travellers as a percentage from 0 to 100.",
        "Indiquez la part de voyageurs au départ en pourcentage, de 0 à 100.";
    ErrDeskTimeLimit => "Give a time limit from 1 to 480 minutes.", "Indiquez une durée limite de 1 à 480 minutes.";
    ErrDeskDecided => "This traveller has already been decided; nothing was changed.",
        "Une décision a déjà été prise pour ce voyageur ; rien n'a été modifié.";
    ErrDeskTimeUp => "The shift's time limit has passed: the decision was not recorded.",
        "La durée du service est écoulée : la décision n'a pas été enregistrée.";
    ErrDeskOver => "This shift is over.", "Ce service est terminé.";
    ErrDeskGround => "Choose the ground of the refusal.", "Choisissez le motif du refus.";
    ErrDeskUnknownEntry => "This is not a candidate the list returned for this traveller.",
        "Ce n'est pas un candidat que la liste a renvoyé pour ce voyageur.";
    ErrTimeUp => "Time is up. The attempt was closed with the answers saved before the limit.",
        "Le temps est écoulé. La tentative a été close avec les réponses enregistrées avant la limite.";
    ErrNotEligible => "The certificate is earned by completing every lesson and passing the post-test.",
        "Le certificat s'obtient en terminant toutes les leçons et en réussissant le post-test.";
    ErrNotEnrolled => "This person is not enrolled in the class.", "Cette personne n'est pas inscrite à la session.";
    ErrCertificateRevoked => "This certificate has been revoked.", "Ce certificat a été révoqué.";
    QuestionBank => "Question bank", "Banque de questions";
    QuestionTitle => "Question", "Question";
    YourResult => "Your result", "Votre résultat";
    OutlineOnly => "You are reading this course's outline: what it covers, for whom and how long. Its lessons, quizzes and exercises open to the trainees of its classes and to trainers.", "Vous lisez le plan de ce cours : ce qu'il couvre, pour qui et en combien de temps. Ses leçons, quiz et exercices s'ouvrent aux stagiaires de ses classes et aux formateurs.";
    DuplicateCourse => "Duplicate to adapt", "Dupliquer pour adapter";
    DuplicateCourseHint => "Makes a draft course of your own from this one: its modules, lessons, images, glossary, question bank, quizzes, document exercises and border-desk scenarios. Learners' progress and results, and the quizzes and exercises set for one class, are not copied; the original is not changed. Adapt the copy, publish it, then run your classes on it.", "Crée à partir de celui-ci un cours brouillon qui vous appartient : modules, leçons, images, glossaire, banque de questions, quiz, exercices sur documents et scénarios du poste frontière. La progression et les résultats des apprenants, ainsi que les quiz et exercices réservés à une session, ne sont pas copiés ; l'original n'est pas modifié. Adaptez la copie, publiez-la, puis animez vos classes avec elle.";
    CopySuffix => "adapted", "adapté";
    CourseDuplicated => "Course duplicated. This draft is yours: adapt it, publish it, then create your classes on it.", "Cours dupliqué. Ce brouillon vous appartient : adaptez-le, publiez-le, puis créez vos classes avec lui.";
    OtherCourses => "Courses maintained by others", "Cours tenus par d'autres";
    OtherCoursesHint => "You can read these courses and their question banks to teach them, and set quizzes and exercises of your own for your classes from each class's page. To change a lesson, a question or the course's own quizzes and exercises, duplicate the course and adapt your copy.", "Vous pouvez lire ces cours et leurs banques de questions pour les enseigner, et proposer à vos sessions vos propres quiz et exercices depuis la page de chaque session. Pour modifier une leçon, une question ou les quiz et exercices du cours, dupliquez le cours et adaptez votre copie.";
    BankReadOnly => "This course is maintained by its authors: you can read and export its questions and quizzes. For the classes you teach, you can build quizzes from this bank and add document exercises (from each class's page). To change the course itself, duplicate it and adapt your copy.", "Ce cours est tenu par ses auteurs : vous pouvez lire et exporter ses questions et ses quiz. Pour les sessions que vous animez, vous pouvez composer des quiz à partir de cette banque et ajouter des exercices sur documents (depuis la page de chaque session). Pour modifier le cours lui-même, dupliquez-le et adaptez votre copie.";
    Quizzes => "Quizzes", "Quiz";
    Categories => "Categories", "Catégories";
    Category => "Category", "Catégorie";
    Kind => "Kind", "Type";
    Marks => "Marks", "Points";
    MarkOne => "Mark", "Point";
    EnrolledNone => "No one was enrolled: every active trainee of this agency is already in the class, or it has none.", "Personne n'a été inscrit : tous les stagiaires actifs de cette agence sont déjà dans la classe, ou elle n'en a aucun.";
    EnrolledOne => "One trainee enrolled.", "Un stagiaire inscrit.";
    EnrolledMany => "{n} trainees enrolled.", "{n} stagiaires inscrits.";
    Questions => "Questions", "Questions";
    NoQuestions => "No questions yet. Import a GIFT or Moodle XML file.", "Aucune question pour l'instant. Importez un fichier GIFT ou Moodle XML.";
    ImportQuestions => "Import questions", "Importer des questions";
    ImportQuestionsHelp => "A GIFT file (.gift, .txt) or a Moodle XML file (.xml), up to 4 MB.",
        "Un fichier GIFT (.gift, .txt) ou Moodle XML (.xml), jusqu'à 4 Mo.";
    ImportValidOnly => "If some questions are refused, import the valid ones anyway", "Si certaines questions sont refusées, importer quand même les questions valides";
    Import => "Import", "Importer";
    ExportGift => "Export as GIFT", "Exporter en GIFT";
    ExportXml => "Export as Moodle XML", "Exporter en Moodle XML";
    QuestionsImported => "Questions imported:", "Questions importées :";
    QuestionsRefused => "Questions refused", "Questions refusées";
    NothingImportedNoneValid => "Nothing was imported: no question in the file could be read. Correct the file and import it again.", "Rien n'a été importé : aucune question du fichier n'a pu être lue. Corrigez le fichier et importez-le à nouveau.";
    NothingImported => "Nothing was imported. Correct the questions below, or tick the box to import the valid ones.",
        "Rien n'a été importé. Corrigez les questions ci-dessous, ou cochez la case pour importer les questions valides.";
    WhereInFile => "Where", "Emplacement";
    Reason => "Reason", "Motif";
    Delete => "Delete", "Supprimer";
    Deleted => "Deleted.", "Supprimé.";
    EditQuestion => "Edit question", "Modifier la question";
    QuestionGift => "Question (GIFT format)", "Question (format GIFT)";
    QuestionGiftHelp => "One question in GIFT: ::Title:: text {=right ~wrong#feedback}. See docs/question-formats.md for every kind.",
        "Une question en GIFT : ::Titre:: texte {=juste ~faux#commentaire}. Voir docs/question-formats.md pour chaque type.";
    NewQuiz => "New quiz", "Nouveau quiz";
    EditQuiz => "Edit quiz", "Modifier le quiz";
    NewClassQuiz => "A quiz for this class", "Un quiz pour cette session";
    NewClassQuizHelp => "It draws on the course's question bank. It is seen by this class's trainees and trainers and by the course's authors, and it is not part of the course: an export or a copy of the course leaves it out. Add its questions in the editor that opens, then publish it.", "Il puise dans la banque de questions du cours. Il est visible des stagiaires et des formateurs de cette session et des auteurs du cours, et il ne fait pas partie du cours : un export ou une copie du cours ne le reprend pas. Ajoutez ses questions dans l'éditeur qui s'ouvre, puis publiez-le.";
    ThisClassOnly => "this class only", "cette session seulement";
    ClassExercisesHelp => "Exercises you set here are for this class alone: once published, its trainees find them on the course page beside the course's own. They are not part of the course: an export or a copy of the course leaves them out.", "Les exercices créés ici sont réservés à cette session : une fois publiés, ses stagiaires les trouvent sur la page du cours, à côté de ceux du cours. Ils ne font pas partie du cours : un export ou une copie du cours ne les reprend pas.";
    ForClassOnly => "Set for one class only:", "Réservé à une seule session :";
    QuizRole => "Purpose", "Usage";
    RolePractice => "Practice quiz", "Quiz d'entraînement";
    RolePreTest => "Pre-test", "Pré-test";
    RolePostTest => "Post-test", "Post-test";
    Intro => "Introduction", "Introduction";
    PassMark => "Pass mark (%)", "Seuil de réussite (%)";
    TimeLimit => "Time limit in minutes (empty for none)", "Durée limite en minutes (vide : aucune)";
    AttemptsAllowed => "Attempts allowed (0 for unlimited)", "Tentatives autorisées (0 : illimitées)";
    ShowAnswers => "Show correct answers", "Afficher les bonnes réponses";
    ShowAfterSubmit => "After each attempt", "Après chaque tentative";
    ShowAfterLast => "After the last attempt allowed", "Après la dernière tentative autorisée";
    ShowNever => "Never (the overall score only)", "Jamais (la note globale seulement)";
    ShuffleQuestions => "Shuffle questions", "Mélanger les questions";
    ShuffleOptions => "Shuffle answer options", "Mélanger les choix de réponse";
    PublishedLabel => "Published (learners can take it)", "Publié (les apprenants peuvent le passer)";
    QuizItems => "What the quiz asks", "Contenu du quiz";
    AddQuestion => "Add a question", "Ajouter une question";
    AddDraw => "Add random questions from a category", "Ajouter des questions tirées au hasard d'une catégorie";
    Count => "How many", "Combien";
    Add => "Add", "Ajouter";
    RandomFrom => "random from", "au hasard parmi";
    CertificateRule => "How the certificate is earned", "Obtention du certificat";
    RuleEarned => "All lessons completed and the post-test passed", "Toutes les leçons terminées et le post-test réussi";
    RuleTrainer => "Awarded by the trainer", "Décerné par le formateur";
    ContinueAttempt => "Continue the attempt", "Reprendre la tentative";
    StartAttempt => "Start an attempt", "Commencer une tentative";
    Attempt => "Attempt", "Tentative";
    AttemptsLabel => "Attempts", "Tentatives";
    Unlimited => "unlimited", "illimitées";
    NoTimeLimit => "no time limit", "sans limite de temps";
    MinutesWord => "minutes", "minutes";
    Score => "Score", "Note";
    PassedLabel => "Passed", "Réussi";
    PassMarkWord => "Pass mark", "Seuil de réussite";
    NoPassMark => "Practice: no pass mark", "Entraînement : pas de seuil de réussite";
    NotPassed => "Not passed", "Non réussi";
    InProgress => "In progress", "En cours";
    Expired => "Closed at the time limit", "Close à la limite de temps";
    SaveAnswers => "Save answers", "Enregistrer les réponses";
    SubmitAnswers => "Submit answers", "Envoyer les réponses";
    SubmitHelp => "Answers are saved as you give them. Submit when you are done: you cannot change them afterwards.",
        "Les réponses sont enregistrées au fur et à mesure. Envoyez-les quand vous avez terminé : vous ne pourrez plus les modifier.";
    AnswersSaved => "Answers saved.", "Réponses enregistrées.";
    SavedAt => "Saved", "Enregistré";
    SaveFailed => "Not saved — check your connection; your answers will be sent with the next save.", "Non enregistré — vérifiez votre connexion ; vos réponses partiront avec le prochain enregistrement.";
    TimeLeft => "Time left", "Temps restant";
    Deadline => "Closes at", "Fermeture à";
    TrueLabel => "True", "Vrai";
    FalseLabel => "False", "Faux";
    YourAnswer => "Your answer", "Votre réponse";
    CorrectAnswer => "Correct answer", "Bonne réponse";
    NotAnswered => "Not answered", "Sans réponse";
    OrderPosition => "Position", "Position";
    ChooseOne => "Choose…", "Choisir…";
    BackToQuiz => "Back to the quiz", "Retour au quiz";
    Results => "Results", "Résultats";
    ItemAnalysis => "Item analysis", "Analyse des questions";
    ItemAnalysisHelp => "Facility: share of the marks earned (0–1). Discrimination: correlation with the rest of the quiz; below 0.2 the question does not separate strong from weak trainees — check its wording and key.",
        "Facilité : part des points obtenus (0–1). Discrimination : corrélation avec le reste du quiz ; en dessous de 0,2 la question ne distingue pas les stagiaires forts des faibles — vérifiez sa formulation et son corrigé.";
    Facility => "Facility", "Facilité";
    Discrimination => "Discrimination", "Discrimination";
    Best => "Best", "Meilleure";
    CompletedLabel => "Completed", "Terminé";
    Average => "Average", "Moyenne";
    ExportCsv => "Export CSV", "Exporter en CSV";
    LearningGain => "Learning gain", "Gain d'apprentissage";
    LearningGainHelp => "Normalised gain: the share of the possible improvement achieved between the pre-test and the best post-test, (post − pre) / (100 − pre).",
        "Gain normalisé : part de la progression possible réalisée entre le pré-test et le meilleur post-test, (post − pré) / (100 − pré).";
    Gain => "Gain", "Gain";
    ClassGain => "Class gain", "Gain de la session";
    Certificates => "Certificates", "Certificats";
    Certificate => "Certificate", "Certificat";
    Award => "Award certificate", "Décerner le certificat";
    Revoke => "Revoke", "Révoquer";
    RevokeReason => "Reason for revoking", "Motif de la révocation";
    Revoked => "Revoked", "Révoqué";
    CertificateCode => "Code", "Code";
    CertificateIssued => "Certificate issued.", "Certificat délivré.";
    CertificateRevoked => "Certificate revoked.", "Certificat révoqué.";
    GetCertificate => "Get my certificate", "Obtenir mon certificat";
    DownloadPdf => "Download the certificate (PDF)", "Télécharger le certificat (PDF)";
    CertificateProgress => "Lessons completed", "Leçons terminées";
    PostTestPassed => "Post-test passed", "Post-test réussi";
    CertificateByTrainer => "Your trainer awards the certificate of this course.", "Le certificat de ce cours est décerné par votre formateur.";
    VerifyTitle => "Certificate verification", "Vérification de certificat";
    CertValid => "This certificate is valid.", "Ce certificat est valide.";
    ValidWord => "Valid", "Valide";
    CertRevokedOn => "This certificate was revoked on", "Ce certificat a été révoqué le";
    CertUnknown => "No certificate has this code. Check the code as printed on the certificate.",
        "Aucun certificat ne porte ce code. Vérifiez le code tel qu'il est imprimé sur le certificat.";
    Holder => "Holder", "Titulaire";
    IssuedOn => "Issued on", "Délivré le";
    ErrAssessmentFinal => "This assessment is final and can no longer be changed. Open a new version to continue.",
        "Cette évaluation est définitive et ne peut plus être modifiée. Ouvrez une nouvelle version pour continuer.";
    ErrScope => "Choose at least one element of the framework.", "Choisissez au moins un élément du cadre.";
    ErrStatusStep => "An assessment goes from draft to review, and from review back to draft or to final.",
        "Une évaluation passe de brouillon à révision, puis de révision à brouillon ou à définitive.";
    ErrUnknownIndicator => "This indicator is not part of the framework.", "Cet indicateur ne fait pas partie du cadre.";
    ErrOutOfScope => "This element is outside the scope of the assessment.", "Cet élément est hors du périmètre de l'évaluation.";
    ErrLevelScale => "Choose a level from 0 to 4, or not applicable.", "Choisissez un niveau de 0 à 4, ou non applicable.";
    ErrReasonRequired => "Say why the indicator does not apply.", "Indiquez pourquoi l'indicateur ne s'applique pas.";
    ErrScoreConflict => "Someone else saved this score after you opened the page. Their version is shown; enter yours again if it should replace it.",
        "Quelqu'un d'autre a enregistré cette note après l'ouverture de la page. Sa version est affichée ; saisissez la vôtre à nouveau si elle doit la remplacer.";
    AssessmentsTitle => "Capacity assessments", "Évaluations des capacités";
    NavAssessments => "Assessments", "Évaluations";
    ErrUnknownCompetency => "This competency is not part of the framework.", "Cette compétence ne fait pas partie du référentiel.";
    ErrProficiency => "Choose a level from 1 to 5, or none.", "Choisissez un niveau de 1 à 5, ou aucun.";
    JobSpecification => "Job specification", "Profil de poste";
    CompetencyFrameworkTitle => "Competency framework", "Référentiel de compétences";
    BuiltBy => "Built by", "Développée par";
    JobSpecificationHelp => "The proficiency each competency requires in this position. Training needs analyses measure officers against it.",
        "Le niveau de maîtrise requis pour chaque compétence dans ce poste. Les analyses des besoins de formation mesurent les agents par rapport à ce profil.";
    NotRequired => "Not required", "Non requis";
    CompetencyCol => "Competency", "Compétence";
    RequiredLevel => "Required level", "Niveau requis";
    ErrNarrativeConflict => "Someone else saved the narrative after you opened it. Their text is shown; add your changes again.",
        "Quelqu'un d'autre a enregistré le texte après son ouverture. Son texte est affiché ; ajoutez à nouveau vos modifications.";
    ExecutiveSummary => "Executive summary", "Résumé analytique";
    Methodology => "Methodology", "Méthodologie";
    Narrative => "Narrative (Markdown)", "Texte (Markdown)";
    Findings => "Findings", "Constats";
    Strength => "Strength", "Point fort";
    Gap => "Gap", "Lacune";
    AddFinding => "Add a finding", "Ajouter un constat";
    Recommendations => "Recommendations", "Recommandations";
    AddRecommendation => "Add a recommendation", "Ajouter une recommandation";
    Priority => "Priority", "Priorité";
    PriorityHigh => "High", "Haute";
    PriorityMedium => "Medium", "Moyenne";
    PriorityLow => "Low", "Basse";
    Timeframe => "Timeframe", "Échéance";
    ShortTerm => "Short term (≤ 12 months)", "Court terme (≤ 12 mois)";
    LongTerm => "Long term", "Long terme";
    Responsible => "Responsible agency", "Organisme responsable";
    Cost => "Indicative cost", "Coût indicatif";
    IndicatorsAddressed => "Indicators addressed (ids, comma-separated)", "Indicateurs visés (identifiants séparés par des virgules)";
    Quarter => "Planned start (YYYY-Qn)", "Début prévu (AAAA-Tn)";
    CountryReport => "Country report", "Rapport pays";
    ErrBaseline => "A baseline is an earlier, final assessment of the same country.", "Une référence est une évaluation antérieure, définitive, du même pays.";
    ErrNotFinal => "Only a final assessment can have a new version.", "Seule une évaluation définitive peut avoir une nouvelle version.";
    Baseline => "Baseline", "Référence";
    NoBaseline => "No baseline", "Aucune référence";
    ComparedWithBaseline => "Compared with the baseline", "Comparaison avec la référence";
    Change => "Change", "Évolution";
    NewVersion => "Open a new version", "Ouvrir une nouvelle version";
    DownloadMarkdown => "Download (Markdown, for word processors)", "Télécharger (Markdown, pour traitement de texte)";
    DownloadHtml => "Download (HTML with charts)", "Télécharger (HTML avec graphiques)";
    DownloadPdfReport => "Download (PDF)", "Télécharger (PDF)";
    ErrUploadUnreadable => "The upload could not be read: check the file's name (no control characters) and send it again.", "Le fichier envoyé n'a pas pu être lu : vérifiez son nom (sans caractères de contrôle) et envoyez-le à nouveau.";
    ErrFileName => "The file name contains control characters. Rename the file and attach it again.", "Le nom du fichier contient des caractères de contrôle. Renommez le fichier puis joignez-le à nouveau.";
    ErrDocumentType => "Attach a PDF, a PNG or JPEG image, or an Office document (DOCX, XLSX, PPTX), named with its own extension.", "Joignez un PDF, une image PNG ou JPEG, ou un document Office (DOCX, XLSX, PPTX), nommé avec sa propre extension.";
    Documents => "Source documents", "Documents sources";
    AttachDocument => "Attach a document (PDF, image or Office file, up to 10 MB)", "Joindre un document (PDF, image ou fichier Office, 10 Mo au plus)";
    Attach => "Attach", "Joindre";
    DocumentAttached => "Document attached.", "Document joint.";
    RoadMap => "Road map", "Feuille de route";
    RoadMapByComponent => "By component", "Par composante";
    ScoresByComponent => "Scores by component", "Notes par composante";
    Annex => "Annex: indicator scores and evidence", "Annexe : notes des indicateurs et éléments de preuve";
    Indicator => "Indicator", "Indicateur";
    ToReconcileTitle => "Scores to reconcile", "Notes à concilier";
    ToReconcileHint => "The assessors scored these indicators differently. Discuss each with the team, then record the agreed score on its page: until then it counts as not yet scored.", "Les évaluateurs ont noté ces indicateurs différemment. Discutez de chacun avec l'équipe, puis enregistrez la note convenue sur sa page : d'ici là, il compte comme non encore noté.";
    ScoresGiven => "Scores given", "Notes attribuées";
    Element => "Element", "Élément";
    Component => "Component", "Composante";
    ErrQuarter => "Write the quarter as YYYY-Qn, for example 2027-Q1.", "Écrivez le trimestre sous la forme AAAA-Tn, par exemple 2027-Q1.";
    View => "View", "Voir";
    TeamRole => "Role", "Rôle";
    NewAssessment => "New assessment", "Nouvelle évaluation";
    RequestedBy => "Requested by", "Demandée par";
    Period => "Period", "Période";
    Framework => "Framework", "Cadre";
    Team => "Team", "Équipe";
    AddToTeam => "Add to the team", "Ajouter à l'équipe";
    RoleLead => "Lead assessor", "Chef d'équipe";
    RoleAssessorMember => "Assessor", "Évaluateur";
    RoleCounterpart => "Government counterpart (read only)", "Homologue gouvernemental (lecture seule)";
    StatusDraft => "Draft", "Brouillon";
    StatusInReview => "In review", "En révision";
    StatusFinal => "Final", "Définitive";
    SendToReview => "Send to review", "Passer en révision";
    BackToDraft => "Back to draft", "Revenir au brouillon";
    ErrNoFile => "Choose an image file to upload.", "Choisissez un fichier image à téléverser.";
    ProgressCorrectFilters => "Correct the filters to see the figures.", "Corrigez les filtres pour voir les chiffres.";
    LessonSavedImageRefused => "The lesson was saved; the image was not uploaded (the reason is beside the file field).", "La leçon a été enregistrée ; l'image n'a pas été téléversée (la raison figure à côté du champ du fichier).";
    UploadAndSave => "Upload the image (the lesson is saved with it)", "Téléverser l'image (la leçon est enregistrée avec elle)";
    ImageUploadedSaved => "Image uploaded; the lesson was saved with it.", "Image téléversée ; la leçon a été enregistrée avec elle.";
    ConfirmStep => "Yes, go ahead", "Oui, continuer";
    ConfirmDelete => "This cannot be undone.", "Cette action est irréversible.";
    ConfirmRevoke => "The certificate will no longer verify. This cannot be undone.", "Le certificat ne sera plus vérifiable. Cette action est irréversible.";
    ConfirmFinal => "A final assessment is read-only for everyone, its lead included.", "Une évaluation définitive est en lecture seule pour tous, y compris son responsable.";
    MakeFinal => "Make final (read-only)", "Rendre définitive (lecture seule)";
    Scope => "Scope", "Périmètre";
    ScopeHelp => "Elements assessed. Those left out are not scored and do not count.", "Éléments évalués. Ceux qui sont exclus ne sont pas notés et ne comptent pas.";
    Overall => "Overall", "Ensemble";
    NotScored => "not scored", "non noté";
    BandRed => "priority for action", "action prioritaire";
    BandAmber => "developing", "en développement";
    BandGreen => "established", "établi";
    RatingLegend => "Bands on the 0–4 scale: below 1.5, priority for action (red); 1.5 to below 2.75, developing (amber); 2.75 and above, established (green).", "Niveaux sur l’échelle de 0 à 4 : moins de 1,5, action prioritaire (rouge) ; de 1,5 à moins de 2,75, en développement (orange) ; 2,75 et plus, établi (vert).";
    IndicatorsBehind => "indicators scored", "indicateurs notés";
    IndicatorBehindOne => "indicator scored", "indicateur noté";
    NotApplicableShort => "n/a", "s.o.";
    ToScore => "to score or reconcile", "à noter ou concilier";
    ScoreElement => "Score", "Noter";
    Level => "Level", "Niveau";
    NotApplicable => "Not applicable", "Non applicable";
    ReasonOrRationale => "Reason (not applicable) or rationale", "Motif (non applicable) ou justification";
    EvidenceNotes => "Evidence and notes", "Éléments de preuve et notes";
    Confidence => "Confidence", "Confiance";
    ConfidenceLow => "Low", "Faible";
    ConfidenceMedium => "Medium", "Moyenne";
    ConfidenceHigh => "High", "Élevée";
    GuidanceQuestions => "Questions to ask", "Questions à poser";
    EvidenceToSeek => "Evidence to look for", "Éléments de preuve à rechercher";
    MyScore => "My score", "Ma note";
    AssessorsScores => "Assessors' scores", "Notes des évaluateurs";
    Spread => "Spread", "Écart";
    AgreedScore => "Agreed score", "Note retenue";
    RecordAgreed => "Record the agreed score", "Enregistrer la note retenue";
    Weight => "Weight", "Poids";
    NotFoundTitle => "Page not found", "Page introuvable";
    ForbiddenTitle => "Access denied", "Accès refusé";
    ErrorTitle => "Something went wrong", "Un problème est survenu";
    BackHome => "Back to the home page", "Retour à l'accueil";
    NavTna => "Needs analysis", "Analyse des besoins";
    ErrImageEmpty => "The file is empty.", "Le fichier est vide.";
    ErrExerciseImageTooLarge => "The image is larger than 15 MB.", "L'image dépasse 15 Mo.";
    ErrImageSvg => "SVG drawings are not accepted: export the image as PNG or JPEG.", "Les dessins SVG ne sont pas acceptés : exportez l'image en PNG ou en JPEG.";
    ErrImageFormat => "This is not a PNG, JPEG or WebP image, whatever its name says.", "Ce n'est pas une image PNG, JPEG ou WebP, quel que soit son nom.";
    ErrImagePixels => "The image is too large: at most 10,000 pixels on a side and 40 million in all.", "L'image est trop grande : 10 000 pixels de côté et 40 millions en tout au plus.";
    ErrImageDamaged => "The image is damaged or cut short and cannot be read.", "L'image est endommagée ou tronquée et ne peut pas être lue.";
    WholeCountry => "Every agency of this country", "Toutes les administrations de ce pays";
    ByCountry => "Gaps by competency and country", "Écarts par compétence et pays";
    DeleteSection => "Delete this empty section", "Supprimer cette section vide";
    Description => "Description", "Description";
    AddCompetency => "Add a competency to this area", "Ajouter une compétence à ce domaine";
    BuildsHint => "One course module per line, as course/module (the course's id and the module's folder name).", "Un module par ligne, sous la forme cours/module (identifiant du cours et nom du dossier du module).";
    FrameworkEditHelp => "Edit a competency's wording, its five level descriptors and the modules that build it, or add competencies. Ids never change, so job specifications and questionnaires keep pointing at the right competency.",
        "Modifiez le libellé d'une compétence, ses cinq descripteurs de niveau et les modules qui la développent, ou ajoutez des compétences. Les identifiants ne changent jamais : spécifications de poste et questionnaires restent liés à la bonne compétence.";
    NavSurveys => "Questionnaires", "Questionnaires";
    TnaTitle => "Training needs analysis", "Analyse des besoins de formation";
    TnaIntro => "Build a questionnaire against the competency framework, run it as a campaign across agencies, and read the gaps between the levels positions require and the levels officers report. The training plan follows from the gaps.",
        "Construisez un questionnaire à partir du référentiel de compétences, menez-le en campagne dans les administrations, et lisez les écarts entre les niveaux requis par les postes et ceux que déclarent les agents. Le plan de formation découle de ces écarts.";
    NewCampaign => "New campaign", "Nouvelle campagne";
    CreateCampaign => "Create the campaign (as a draft)", "Créer la campagne (en brouillon)";
    Campaigns => "Campaigns", "Campagnes";
    Questionnaires => "Questionnaires", "Questionnaires";
    Questionnaire => "Questionnaire", "Questionnaire";
    Agencies => "Agencies", "Administrations";
    Responses => "responses", "réponses";
    Anonymous => "Anonymous", "Anonyme";
    Named => "Named responses", "Réponses nominatives";
    VersionCol => "Version", "Version";
    Items => "Items", "Questions";
    InUseLocked => "In use — frozen", "En service — figé";
    Editable => "Editable", "Modifiable";
    NewQuestionnaire => "New questionnaire", "Nouveau questionnaire";
    TitleEn => "Title (English)", "Titre (anglais)";
    TitleFr => "Title (French)", "Titre (français)";
    IntroEn => "Introduction (English)", "Introduction (anglais)";
    IntroFr => "Introduction (French)", "Introduction (français)";
    TextEn => "Question (English)", "Question (anglais)";
    TextFr => "Question (French)", "Question (français)";
    StartFrom => "Start from", "Partir de";
    EmptyQuestionnaire => "An empty questionnaire", "Un questionnaire vide";
    KindDual => "Importance × performance (1–7 each)", "Importance × maîtrise (1 à 7 chacune)";
    KindLikert => "Agreement scale (1–5)", "Échelle d'accord (1 à 5)";
    KindSingle => "One choice", "Choix unique";
    KindMultiple => "Several choices", "Choix multiples";
    KindText => "Free text", "Texte libre";
    KindNumeric => "Number", "Nombre";
    ShownIf => "Shown only if", "Affichée seulement si";
    SkipLogic => "Skip logic", "Logique de saut";
    AlwaysShown => "always shown", "toujours affichée";
    Test => "Test", "Test";
    CondEquals => "equals the option", "est égale au choix";
    CondIn => "is one of the options (comma-separated)", "est l'un des choix (séparés par des virgules)";
    CondAtLeast => "is at least (numbers, scales; importance for dual items)", "vaut au moins (nombres, échelles ; importance pour les questions doubles)";
    Value => "Value", "Valeur";
    ItemIdLabel => "Id (lowercase letters, digits, hyphens)", "Identifiant (minuscules, chiffres, tirets)";
    ItemKindLabel => "Kind", "Type";
    RequiredItem => "Required", "Obligatoire";
    CompetencyMeasured => "Competency measured", "Compétence mesurée";
    CompetencyMeasuredHint => "Importance × performance items must measure a competency; their answers are what the gap analysis reads.",
        "Les questions importance × maîtrise doivent mesurer une compétence ; ce sont leurs réponses que l'analyse des écarts exploite.";
    NoCompetency => "None", "Aucune";
    OptionsLabel => "Options (choice items)", "Choix (questions à choix)";
    OptionsHint => "One per line: id | English | French", "Un par ligne : id | anglais | français";
    Minimum => "Lowest (numbers)", "Minimum (nombres)";
    Maximum => "Highest (numbers)", "Maximum (nombres)";
    AddItem => "Add an item", "Ajouter une question";
    EditSection => "Edit the section", "Modifier la section";
    AddSection => "Add a section", "Ajouter une section";
    NewerVersion => "A newer version of this questionnaire exists: open it.", "Une version plus récente de ce questionnaire existe : l'ouvrir.";
    BuilderHelp => "Every change is checked before it is saved: ids are unique, texts exist in English and French, and a condition may only depend on an item asked earlier. Once a campaign opens with this version it is frozen; changes then go into a new version.",
        "Chaque modification est vérifiée avant d'être enregistrée : identifiants uniques, textes en anglais et en français, et une condition ne peut dépendre que d'une question posée plus tôt. Dès qu'une campagne s'ouvre avec cette version, elle est figée ; les modifications vont alors dans une nouvelle version.";
    PaperVersion => "Paper version (print)", "Version papier (imprimer)";
    TitleAndIntro => "Title and introduction", "Titre et introduction";
    AsToml => "The questionnaire as TOML", "Le questionnaire au format TOML";
    AsTomlHint => "For large changes: edit the whole questionnaire in the format of content/tna/SCHEMA.md. The same checks apply.",
        "Pour les grandes modifications : éditez tout le questionnaire au format de content/tna/SCHEMA.md. Les mêmes vérifications s'appliquent.";
    Back => "Back", "Retour";
    RespondentRef => "Respondent reference", "Référence du répondant";
    Perspective => "Answering", "Répond";
    PerspectiveSelf => "about my own work", "sur mon propre travail";
    PerspectiveSupervisor => "as supervisor, about my staff", "en tant que superviseur, sur mon personnel";
    PaperHint => "Tick one box per scale. The code after each question is used when the answers are typed in.", "Cochez une case par échelle. Le code après chaque question sert à la saisie des réponses.";
    Importance => "Importance to the job", "Importance pour le poste";
    Performance => "How well it is done today", "Niveau de maîtrise actuel";
    Agreement => "Agreement", "Accord";
    NotImportant => "not important", "pas importante";
    Essential => "essential", "essentielle";
    CannotDoIt => "cannot do it", "ne sais pas faire";
    Expert => "expert", "expert";
    StronglyDisagree => "strongly disagree", "pas du tout d'accord";
    StronglyAgree => "strongly agree", "tout à fait d'accord";
    CampaignFreezes => "Opening the campaign freezes this questionnaire version.", "L'ouverture de la campagne fige cette version du questionnaire.";
    AgenciesAndPositions => "Agencies and positions", "Administrations et postes";
    PositionsHint => "Tick the agencies the campaign covers. Tick positions only to limit it to them; with none ticked, every position of the agencies is invited.",
        "Cochez les administrations couvertes. Ne cochez des postes que pour limiter la campagne à ceux-ci ; sans poste coché, tous les postes des administrations sont invités.";
    Anonymity => "Anonymity", "Anonymat";
    AnonymousHint => "Anonymous: no response is linked to a person, and no results are shown for groups smaller than the minimum.",
        "Anonyme : aucune réponse n'est liée à une personne, et aucun résultat n'est montré pour les groupes plus petits que le minimum.";
    MinGroup => "Minimum group size", "Taille minimale des groupes";
    MinGroupHint => "Groups with fewer answers are withheld from results (at least 3 when anonymous; 5 is usual).", "Les groupes comptant moins de réponses ne sont pas présentés (au moins 3 en mode anonyme ; 5 est l'usage).";
    CampaignDraft => "Draft", "Brouillon";
    CampaignOpen => "Open", "Ouverte";
    CampaignClosed => "Closed", "Close";
    OpenCampaign => "Open the campaign", "Ouvrir la campagne";
    CloseCampaign => "Close the campaign", "Clore la campagne";
    ReopenCampaign => "Reopen the campaign", "Rouvrir la campagne";
    AllPositions => "All positions of the agencies", "Tous les postes des administrations";
    IndividualAnswers => "Individual answers (CSV)", "Réponses individuelles (CSV)";
    ResponseRate => "Response rate", "Taux de réponse";
    ResponseRateHint => "The rate counts online self-assessments against the people invited: the active accounts the campaign invites now, and everyone who has already answered (though they may since have moved or left). Paper responses and supervisors' assessments are counted apart.", "Le taux rapporte les auto-évaluations en ligne aux personnes invitées : les comptes actifs que la campagne invite aujourd'hui, et toutes celles qui ont déjà répondu (même parties ou mutées depuis). Les réponses sur papier et les évaluations des supérieurs sont comptées à part.";
    Invited => "Invited", "Invités";
    SelfAssessments => "Self-assessments", "Auto-évaluations";
    SupervisorAssessments => "Supervisors", "Superviseurs";
    PaperResponses => "Paper", "Papier";
    PaperRoute => "Paper and offline", "Papier et hors ligne";
    PaperRouteHint => "Print the questionnaire where officers have no computer, then type the answers into the template (CSV, or .xlsx with the same header) and import it. A file is imported whole or not at all; every problem is listed with its line.",
        "Imprimez le questionnaire là où les agents n'ont pas d'ordinateur, puis saisissez les réponses dans le modèle (CSV, ou .xlsx avec le même en-tête) et importez-le. Un fichier est importé en entier ou pas du tout ; chaque problème est signalé avec sa ligne.";
    PaperTemplate => "Template (CSV)", "Modèle (CSV)";
    PaperFile => "Paper responses (CSV or .xlsx)", "Réponses papier (CSV ou .xlsx)";
    ImportPaper => "Import", "Importer";
    PaperImported => "paper responses imported.", "réponses papier importées.";
    PaperRefused => "Nothing was imported. Correct these problems and import the file again:", "Rien n'a été importé. Corrigez ces problèmes et importez de nouveau le fichier :";
    Line => "Line", "Ligne";
    Respondents => "Respondents", "Répondants";
    AssessedLevel => "Assessed level", "Niveau évalué";
    NeedIndex => "Need index", "Indice de besoin";
    Confidence95 => "95 % confidence", "Confiance 95 %";
    Withheld => "Withheld: fewer answers than the minimum group size.", "Non présenté : moins de réponses que la taille minimale des groupes.";
    Module => "Module", "Module";
    Addresses => "Addresses", "Répond à";
    PeopleWhoNeedIt => "People who need it", "Personnes concernées";
    HeatMap => "Gaps by competency and agency", "Écarts par compétence et administration";
    HeatMapHint => "Each cell gives the mean and, in brackets, the number of answers. Gap: required level minus the level officers report (1–5). Need index: importance × performance gap (0–7).",
        "Chaque case donne la moyenne et, entre parenthèses, le nombre de réponses. Écart : niveau requis moins niveau déclaré (1 à 5). Indice de besoin : importance × écart de maîtrise (0 à 7).";
    ExportXlsx => "Export XLSX", "Exporter en XLSX";
    ShowGap => "Show gaps", "Afficher les écarts";
    ShowNeed => "Show need index", "Afficher l'indice de besoin";
    TopNeeds => "Top needs", "Besoins prioritaires";
    TrainingPlan => "Recommended training plan", "Plan de formation recommandé";
    TrainingPlanHint => "Competencies whose need index reaches 2 bring in the course modules that build them, most urgent first; each module appears once. People: respondents whose own gap is at least one level (or who rate the task important and their performance 4 or less).",
        "Les compétences dont l'indice de besoin atteint 2 appellent les modules de cours qui les développent, les plus urgents d'abord ; chaque module n'apparaît qu'une fois. Personnes : répondants dont l'écart personnel atteint un niveau (ou qui jugent la tâche importante et leur maîtrise à 4 ou moins).";
    NoPlan => "No competency reaches the plan threshold (or results are withheld).", "Aucune compétence n'atteint le seuil du plan (ou les résultats ne sont pas présentés).";
    ByAgency => "Drill down by agency and position", "Détail par administration et poste";
    Show => "Show", "Afficher";
    PrintableSummary => "Printable summary for the agency's training department", "Synthèse imprimable pour le service de formation";
    Priorities => "Priorities across the campaign", "Priorités de la campagne";
    SummaryFor => "Training needs summary:", "Synthèse des besoins de formation :";
    SummaryHint => "Prepared from the campaign's responses for the agency's training department. Groups smaller than the campaign's minimum are withheld.",
        "Établie à partir des réponses de la campagne pour le service de formation de l'administration. Les groupes plus petits que le minimum de la campagne ne sont pas présentés.";
    GapsInAgency => "Gaps by competency and position", "Écarts par compétence et poste";
    SurveysTitle => "Questionnaires to answer", "Questionnaires à remplir";
    SurveysIntro => "Training needs analyses your agency runs. Your answers shape the training you will be offered. You can stop at any time and come back: every answer is saved as you give it.",
        "Analyses des besoins de formation menées par votre administration. Vos réponses orientent les formations qui vous seront proposées. Vous pouvez vous arrêter à tout moment et revenir : chaque réponse est enregistrée dès qu'elle est donnée.";
    NoSurveys => "There is no questionnaire for you to answer at the moment.", "Aucun questionnaire ne vous attend pour le moment.";
    AnonymousPromise => "your name is never attached to your answers.", "votre nom n'est jamais associé à vos réponses.";
    AboutMyWork => "About my own work", "Sur mon propre travail";
    AsSupervisor => "As a supervisor", "En tant que superviseur";
    AsSupervisorHint => "If you supervise staff, you can also assess the training needs of the officers in a position you supervise.", "Si vous encadrez du personnel, vous pouvez aussi évaluer les besoins de formation des agents d'un poste que vous supervisez.";
    Submitted => "Submitted", "Envoyé";
    NotStarted => "Not started", "Pas commencé";
    Continue => "Continue", "Continuer";
    Instructions => "Instructions", "Consignes";
    SubmitResponse => "Submit", "Envoyer";
    LeaveAndReturn => "You can leave this page and come back later: your answers are kept. Submit once you have finished; a response cannot be submitted twice.",
        "Vous pouvez quitter cette page et revenir plus tard : vos réponses sont conservées. Envoyez quand vous avez terminé ; une réponse ne peut pas être envoyée deux fois.";
    ResponseSubmitted => "Thank you: your response has been submitted.", "Merci : votre réponse a été envoyée.";
    ErrFrameworkConflict => "Someone else changed the competency framework after you opened this page. Open it again and repeat your change.",
        "Quelqu'un d'autre a modifié le référentiel de compétences depuis l'ouverture de cette page. Rouvrez-la et refaites votre modification.";
    ErrFiveLevels => "Describe all five proficiency levels.", "Décrivez les cinq niveaux de maîtrise.";
    ErrUnknownModule => "Name course modules as course/module, using modules that exist (see the course editor).",
        "Indiquez les modules sous la forme cours/module, parmi les modules existants (voir l'éditeur de cours).";
    ErrDuplicateCompetency => "A competency with this id already exists.", "Une compétence porte déjà cet identifiant.";
    ErrCompetencyId => "Use an id of lowercase letters, digits and hyphens.", "Utilisez un identifiant fait de minuscules, de chiffres et de tirets.";
    ErrSkipLater => "A condition may only depend on an item asked earlier (this rules out loops).",
        "Une condition ne peut dépendre que d'une question posée plus tôt (ce qui exclut les boucles).";
    ErrSkipOption => "The condition names an option that item does not have.", "La condition cite un choix que cette question ne propose pas.";
    ErrSkipShape => "A condition needs one test: equals an option, is one of several options, or is at least a number (numbers and scales only).",
        "Une condition ne comporte qu'un test : égale à un choix, parmi plusieurs choix, ou au moins un nombre (nombres et échelles seulement).";
    ErrBothLanguages => "Give the text in English and in French.", "Donnez le texte en anglais et en français.";
    ErrItemId => "Use a new id of lowercase letters, digits and hyphens (each id once in the questionnaire).",
        "Utilisez un nouvel identifiant fait de minuscules, de chiffres et de tirets (chaque identifiant une seule fois).";
    ErrDualCompetency => "An importance × performance item must name the competency it measures.",
        "Une question importance × maîtrise doit indiquer la compétence qu'elle mesure.";
    ErrItemOptions => "Give at least two options, one per line as: id | English | French.",
        "Donnez au moins deux choix, un par ligne, sous la forme : id | anglais | français.";
    ErrItemBounds => "The lowest value is above the highest.", "La valeur minimale dépasse la valeur maximale.";
    ErrNumber => "Enter a number.", "Saisissez un nombre.";
    ErrToml => "This is not a questionnaire in the TOML format (see content/tna/SCHEMA.md).",
        "Ce n'est pas un questionnaire au format TOML (voir content/tna/SCHEMA.md).";
    ErrQuestionnaireInUse => "A campaign has opened with this version, so it can no longer change. Open a new version to make changes.",
        "Une campagne a été ouverte avec cette version, qui ne peut donc plus changer. Créez une nouvelle version pour la modifier.";
    ErrMinGroup => "The minimum group size must be between 1 and 50 (at least 3 in an anonymous campaign).",
        "La taille minimale des groupes doit être comprise entre 1 et 50 (au moins 3 pour une campagne anonyme).";
    ErrChooseAgency => "Choose at least one agency, among those of the campaign.", "Choisissez au moins une administration, parmi celles de la campagne.";
    ErrPositionScope => "This position is not part of the campaign.", "Ce poste ne fait pas partie de la campagne.";
    ErrCampaignStatus => "The campaign cannot move to that state from its current one.", "La campagne ne peut pas passer à cet état depuis l'état actuel.";
    ErrCampaignClosed => "This campaign is not taking answers (it is closed or outside its dates).",
        "Cette campagne ne reçoit pas de réponses (elle est close ou hors de ses dates).";
    ErrAlreadySubmitted => "You have already submitted this questionnaire; it cannot be answered twice.",
        "Vous avez déjà envoyé ce questionnaire ; on ne peut pas y répondre deux fois.";
    ErrOutOfScale => "This answer is outside the item's scale.", "Cette réponse sort de l'échelle de la question.";
    ErrHalfDual => "Give both ratings: importance and performance.", "Donnez les deux notes : importance et maîtrise.";
    ErrSaveRetry => "Your answers could not be saved just now. Try again.", "Vos réponses n'ont pas pu être enregistrées. Réessayez.";
    ErrRequiredItem => "This question must be answered before you submit.", "Il faut répondre à cette question avant d'envoyer.";
    ErrAnonymousIndividual => "This campaign is anonymous: individual answers are never shown or exported, only group results.",
        "Cette campagne est anonyme : les réponses individuelles ne sont jamais affichées ni exportées, seulement les résultats par groupe.";
    ErrSpreadsheet => "This workbook cannot be read. Save it as .xlsx or CSV UTF-8 and try again.",
        "Ce classeur est illisible. Enregistrez-le au format .xlsx ou CSV UTF-8 et réessayez.";
    ErrTooManyRows => "The file has too many rows (at most 20,000).", "Le fichier compte trop de lignes (20 000 au plus).";
    ErrCsvRow => "This line is not valid CSV.", "Cette ligne n'est pas du CSV valide.";
    ErrCampaignNotOpened => "Paper responses can be imported once the campaign has opened.", "Les réponses papier peuvent être importées une fois la campagne ouverte.";
    ErrEmptyFile => "The file has no responses in it.", "Le fichier ne contient aucune réponse.";
    ErrUnknownItem => "This column is not an item of the questionnaire (download the template for the right header).",
        "Cette colonne n'est pas une question du questionnaire (téléchargez le modèle pour l'en-tête exact).";
    ErrMissingColumn => "This column is missing from the header.", "Cette colonne manque dans l'en-tête.";
    ErrRespondentRef => "Give each paper form a respondent reference (at most 64 characters).", "Donnez à chaque formulaire papier une référence de répondant (64 caractères au plus).";
    ErrDuplicateRespondent => "This respondent reference is already used in this campaign.", "Cette référence de répondant est déjà utilisée dans cette campagne.";
    ErrPerspective => "Perspective must be self or supervisor.", "La perspective doit être self ou supervisor.";
    ExKindAnomalies => "Find the anomalies", "Trouver les anomalies";
    ExKindLightViews => "Light views", "Examen sous éclairages";
    ExKindVerdict => "Verdict", "Verdict";
    ExKindCompare => "Compare with a reference", "Comparer à un spécimen";
    ExKindMrz => "MRZ check", "Contrôle de la ZLA";
    ExKindImpostor => "Impostor", "Imposteur";
    LightVisible => "Visible light", "Lumière visible";
    LightUv => "Ultraviolet (UV)", "Ultraviolet (UV)";
    LightIr => "Infrared (IR)", "Infrarouge (IR)";
    LightTransmitted => "Transmitted light", "Lumière transmise";
    LightOblique => "Oblique light", "Lumière rasante";
    FkCheckDigit => "Check digit", "Chiffre de contrôle";
    FkVizMrzMismatch => "VIZ / MRZ mismatch", "Discordance ZIV / ZLA";
    FkAlteredData => "Altered data", "Données modifiées";
    FkPhotoSubstitution => "Photo substitution", "Substitution de photo";
    FkPageSubstitution => "Page substitution", "Substitution de page";
    FkUvFeature => "UV feature", "Élément UV";
    FkIrFeature => "IR feature", "Élément IR";
    FkWatermark => "Watermark", "Filigrane";
    FkGuilloche => "Guilloche", "Guillochis";
    FkMicroprint => "Microprinting", "Micro-impression";
    FkPrintingMethod => "Printing method", "Procédé d'impression";
    FkFont => "Typeface", "Police de caractères";
    FkOvd => "Optically variable device", "Dispositif optiquement variable";
    FkLaminate => "Laminate", "Film de protection";
    FkPerforation => "Laser perforation", "Perforation laser";
    FkOther => "Other", "Autre";
    VerdictGenuine => "Genuine", "Authentique";
    VerdictCounterfeit => "Counterfeit (a complete reproduction)", "Contrefaçon (reproduction complète)";
    VerdictForged => "Forged (a genuine document altered)", "Falsifié (document authentique modifié)";
    VerdictImpostor => "Genuine, used by an impostor", "Authentique, utilisé par un imposteur";
    VerdictCannotTell => "Cannot tell", "Impossible à dire";
    MrzDocumentCode => "Document code", "Code du document";
    MrzIssuingState => "Issuing state", "État émetteur";
    MrzName => "Name", "Nom";
    MrzDocumentNumber => "Document number", "Numéro du document";
    MrzDocumentNumberCheck => "Document number check digit", "Chiffre de contrôle du numéro";
    MrzNationality => "Nationality", "Nationalité";
    MrzBirthDate => "Date of birth", "Date de naissance";
    MrzBirthDateCheck => "Date of birth check digit", "Chiffre de contrôle de la date de naissance";
    MrzSex => "Sex", "Sexe";
    MrzExpiryDate => "Date of expiry", "Date d'expiration";
    MrzExpiryDateCheck => "Date of expiry check digit", "Chiffre de contrôle de la date d'expiration";
    MrzCompositeCheck => "Composite check digit", "Chiffre de contrôle composite";
    ErrTitleRequired => "Give a title (at most 200 characters).", "Donnez un titre (200 caractères au plus).";
    ExNeedsAnomaly => "Draw at least one region marked as an anomaly.", "Tracez au moins une zone marquée comme anomalie.";
    ExNeedsReference => "Upload the genuine reference specimen.", "Téléversez le spécimen authentique de référence.";
    ExNeedsViews => "Upload at least two light views and write a question for each.", "Téléversez au moins deux vues sous éclairage et rédigez une question pour chacune.";
    ExNeedsKey => "Save the answer key.", "Enregistrez le corrigé.";
    ExNeedsBearer => "Upload at least one photo of the bearer.", "Téléversez au moins une photo du porteur.";
    ErrPolygonPoints => "A polygon needs between 3 and 100 points.", "Un polygone compte de 3 à 100 points.";
    ErrPolygonCrossing => "The polygon's edges cross each other: list the points in order around the shape.", "Les côtés du polygone se croisent : donnez les points dans l'ordre du contour.";
    ErrShapeOutside => "The shape goes beyond the image.", "La forme dépasse de l'image.";
    ErrShapeEmpty => "The shape has no area.", "La forme n'a pas de surface.";
    ErrCoords => "These coordinates do not fit the shape (rectangle: x,y,width,height; circle: x,y,radius; polygon: x,y pairs).", "Ces coordonnées ne correspondent pas à la forme (rectangle : x,y,largeur,hauteur ; cercle : x,y,rayon ; polygone : paires x,y).";
    ErrRegionLabel => "Give the region a label.", "Donnez un libellé à la zone.";
    ErrPenalty => "The penalty is a number from 0 to 1.", "La pénalité est un nombre entre 0 et 1.";
    ErrTooMany => "This exercise has as many of these as it can hold.", "Cet exercice en contient déjà le maximum.";
    ErrViewOptions => "Give between 2 and 8 possible answers, one per line.", "Donnez de 2 à 8 réponses possibles, une par ligne.";
    ErrViewCorrect => "Give the number of the right answer in the list.", "Donnez le numéro de la bonne réponse dans la liste.";
    ErrChooseVerdict => "Choose a verdict.", "Choisissez un verdict.";
    ErrChooseForgery => "Say what kind of forgery it is.", "Précisez le type de falsification.";
    ErrMrzUnreadable => "These lines are not a machine-readable zone (check their number, length and characters).", "Ces lignes ne forment pas une zone de lecture automatique (vérifiez leur nombre, longueur et caractères).";
    ErrChooseSame => "Say whether the bearer is the holder.", "Dites si le porteur est le titulaire.";
    ErrChooseConsistent => "Say whether the MRZ is consistent.", "Dites si la ZLA est cohérente.";
    ErrRegionsOutsideNew => "Some regions would fall outside this image: delete or redraw them first.", "Certaines zones sortiraient de cette image : supprimez-les ou retracez-les d'abord.";
    ErrTooManyMarkers => "Too many markers: place at most 50.", "Trop de marques : 50 au plus.";
    ErrMarkerOutside => "A marker lies outside the image.", "Une marque est en dehors de l'image.";
    Exercises => "Document examination exercises", "Exercices d'examen de documents";
    ExerciseNew => "New exercise", "Nouvel exercice";
    ExerciseImage => "Document image (PNG, JPEG or WebP)", "Image du document (PNG, JPEG ou WebP)";
    ExerciseKindLabel => "Type of exercise", "Type d'exercice";
    ExerciseRegions => "Regions", "Zones";
    AnomalyWord => "Anomaly", "Anomalie";
    GenuineFeature => "Genuine feature", "Élément authentique";
    OutcomeMarked => "marked", "marqué";
    ErrExerciseConflict => "This exercise was changed in another tab or by another author after you opened it, so your change was not saved. The latest version is shown: make your change again.", "Cet exercice a été modifié dans un autre onglet ou par un autre auteur après son ouverture : votre modification n'a pas été enregistrée. La dernière version est affichée ; refaites votre modification.";
    OutcomeNotMarked => "not marked", "non marqué";
    OutcomeWrong => "wrong", "erroné";
    OutcomeCorrect => "correct", "correct";
    OutcomeMrzConsistent => "MRZ consistent", "ZLA cohérente";
    OutcomeSamePerson => "Same person", "Même personne";
    FeatureKind => "Feature or defect", "Élément ou défaut";
    RegionLabel => "Label", "Libellé";
    ExplanationLabel => "Explanation (shown after grading)", "Explication (affichée après correction)";
    OpensNewTab => "opens in a new tab", "s’ouvre dans un nouvel onglet";
    RightOrWrong => "Right or wrong", "Juste ou faux";
    ExplanationWord => "Explanation", "Explication";
    ShapeLabel => "Shape", "Forme";
    ShapeRect => "Rectangle", "Rectangle";
    ShapeCircle => "Circle", "Cercle";
    ShapePolygon => "Polygon", "Polygone";
    CoordsLabel => "Coordinates (pixels of the full image)", "Coordonnées (pixels de l'image entière)";
    CoordsHint => "Draw on the image, or type: rectangle x,y,width,height · circle x,y,radius · polygon x,y x,y x,y …", "Tracez sur l'image, ou saisissez : rectangle x,y,largeur,hauteur · cercle x,y,rayon · polygone x,y x,y x,y …";
    AddRegion => "Add region", "Ajouter la zone";
    DrawRect => "Draw a rectangle", "Tracer un rectangle";
    DrawCircle => "Draw a circle", "Tracer un cercle";
    DrawPolygon => "Draw a polygon", "Tracer un polygone";
    FinishPolygon => "Close the polygon", "Fermer le polygone";
    PenaltyLabel => "Penalty per false mark (0 to 1)", "Pénalité par marque erronée (0 à 1)";
    NoModule => "Not in a module", "Hors module";
    LightViewsTitle => "Light views", "Vues sous éclairage";
    AddLightView => "Add a view under", "Ajouter une vue sous";
    ViewQuestion => "Question about this view", "Question sur cette vue";
    ViewOptions => "Possible answers, one per line", "Réponses possibles, une par ligne";
    ViewCorrect => "Number of the right answer", "Numéro de la bonne réponse";
    ReferenceSpecimen => "Genuine reference specimen", "Spécimen authentique de référence";
    QuestionedDocument => "Questioned document", "Document examiné";
    BearerPhotos => "Photos of the bearer", "Photos du porteur";
    DocumentPortrait => "Document portrait", "Portrait du document";
    ChecklistHint => "One entry per line; start with * the entries that belong to the key.", "Une entrée par ligne ; commencez par * celles qui font partie du corrigé.";
    AnswerKey => "Answer key", "Corrigé";
    FeaturesChecklist => "Features that justify the verdict", "Éléments qui justifient le verdict";
    ReasonsChecklist => "Reasons", "Motifs";
    MrzLinesLabel => "MRZ lines as printed on the page", "Lignes de la ZLA telles qu'imprimées";
    VizLabel => "Visual zone as printed", "Zone d'inspection visuelle telle qu'imprimée";
    VizSurname => "Surname", "Nom";
    VizGivenNames => "Given names", "Prénoms";
    DateHint => "YYYY-MM-DD", "AAAA-MM-JJ";
    WrongFieldsKey => "Wrong fields found by the MRZ engine", "Champs erronés trouvés par le moteur ZLA";
    MrzAllConsistent => "The MRZ is consistent with itself and with the visual zone.", "La ZLA est cohérente en elle-même et avec la zone visuelle.";
    ReadyToPublish => "Ready to publish.", "Prêt à publier.";
    PublishedForTrainees => "Published: trainees of the course's classes can take it.", "Publié : les stagiaires des classes du cours peuvent le faire.";
    TryAsTrainee => "Try it as a trainee", "Essayer comme stagiaire";
    PreviewNote => "You author this exercise: your answers are previews, kept apart from trainees' results.", "Vous êtes l'auteur de cet exercice : vos réponses sont des essais, tenus à l'écart des résultats des stagiaires.";
    DeleteExercise => "Delete this exercise", "Supprimer cet exercice";
    ReplaceImage => "Replace the document image", "Remplacer l'image du document";
    SubmitAnswer => "Submit my answer", "Envoyer ma réponse";
    ZoomIn => "Zoom in", "Agrandir";
    ZoomOut => "Zoom out", "Réduire";
    LoupeLabel => "Magnifier", "Loupe";
    ClearMarkers => "Remove all markers", "Retirer toutes les marques";
    MarkersHint => "Click or tap where you see an anomaly to place a marker; click a marker to remove it. Keyboard: the arrow keys move the cross (Shift with an arrow moves it in large steps), Enter or Space places a marker there or removes the one under it, Backspace removes the last marker, + and − zoom in and out.", "Cliquez ou touchez là où vous voyez une anomalie pour poser une marque ; cliquez sur une marque pour la retirer. Clavier : les flèches déplacent la croix (Maj + flèche la déplace par grands pas), Entrée ou Espace pose une marque ou retire celle qui est sous la croix, Retour arrière retire la dernière marque, + et − agrandissent ou réduisent.";
    BoardName => "Document to examine: place a marker on each anomaly", "Document à examiner : posez une marque sur chaque anomalie";
    MarkerPlacedSaid => "Marker {n} placed — {count} of {max}", "Marque {n} posée — {count} sur {max}";
    MarkerRemovedSaid => "Marker {n} removed — {count} of {max}", "Marque {n} retirée — {count} sur {max}";
    MarkersClearedSaid => "All markers removed", "Toutes les marques ont été retirées";
    MarkersFullSaid => "No marker placed: the limit is {max}", "Impossible de poser une marque : {max} au maximum";
    MarkersField => "Markers (x,y pairs separated by ;)", "Marques (paires x,y séparées par ;)";
    MarkersPlaced => "Markers placed", "Marques posées";
    VerdictQuestion => "Your verdict", "Votre verdict";
    ForgeryQuestion => "If forged, what kind of forgery?", "Si falsifié, quel type de falsification ?";
    MrzConsistentQuestion => "Is the MRZ consistent with itself and with the visual zone?", "La ZLA est-elle cohérente en elle-même et avec la zone visuelle ?";
    WrongFieldsQuestion => "Which fields or check digits are wrong?", "Quels champs ou chiffres de contrôle sont erronés ?";
    SamePersonQuestion => "Is the bearer the person in the document portrait?", "Le porteur est-il la personne du portrait du document ?";
    ExerciseResultTitle => "Result", "Résultat";
    FoundWord => "Found", "Trouvée";
    MissedWord => "Missed", "Manquée";
    FalseMark => "False mark", "Marque erronée";
    ExpectedWord => "Expected", "Attendu";
    TryAgain => "Try again", "Recommencer";
    LegendFound => "anomaly found", "anomalie trouvée";
    LegendMissed => "anomaly missed", "anomalie manquée";
    LegendGenuine => "genuine feature", "élément authentique";
    LegendHit => "your marker on an anomaly (round)", "votre marque sur une anomalie (ronde)";
    LegendFalse => "your marker away from any anomaly: a false mark (square)", "votre marque hors d'une anomalie : fausse marque (carrée)";
    SeeGlossary => "glossary", "glossaire";
    ImageViewLabel => "View", "Vue";
    NoExercisesYet => "No exercises yet.", "Aucun exercice pour l'instant.";
    BestScore => "Best", "Meilleur";
    ItemWord => "Item", "Élément";
    ErrSeed => "The seed is a whole number (leave it empty for a new specimen).", "La graine est un nombre entier (laissez vide pour un nouveau spécimen).";
    GenerateExercise => "Generate an exercise from a new specimen", "Générer un exercice à partir d'un nouveau spécimen";
    GenerateHint => "Draws a fictional Utopian passport or identity card with its light views, injects defects and writes the answer key. The exercise is a draft: review it, then publish.", "Dessine un passeport ou une carte d'identité fictifs d'Utopie avec leurs vues sous éclairage, y introduit des défauts et écrit le corrigé. L'exercice est un brouillon : relisez-le, puis publiez-le.";
    SeedLabel => "Seed (optional: the same seed gives the same specimen)", "Graine (facultative : la même graine donne le même spécimen)";
    Generate => "Generate", "Générer";
    FindingsTitle => "What trainees find and miss, by feature", "Ce que les stagiaires trouvent et manquent, par élément";
    FoundShare => "Found", "Trouvé";
    EvLessonViewed => "Lesson opened", "Leçon ouverte";
    EvLessonCompleted => "Lesson completed", "Leçon terminée";
    EvAttemptSubmitted => "Quiz submitted", "Quiz envoyé";
    EvExerciseGraded => "Exercise answered", "Exercice corrigé";
    EvCertificateIssued => "Certificate issued", "Certificat délivré";
    EvDeskDecided => "Traveller decided at the border desk", "Voyageur traité au poste frontière";
    EvEnrolled => "Enrolled in a class", "Inscription à une classe";
    ErrDateRange => "Give a date between the years 2000 and 2100.", "Donnez une date entre les années 2000 et 2100.";
    ErrDatesReversed => "The end date comes before the start date.", "La date de fin précède la date de début.";
    RecordTitle => "Learning record", "Dossier de formation";
    MyRecord => "My learning record", "Mon dossier de formation";
    RecordsSearchTitle => "Learning records", "Dossiers de formation";
    RecordsSearchHint => "Open the learning record of anyone in your scope: your classes, your agency or the countries you cover. Search by name or login.", "Ouvrez le dossier de formation de toute personne de votre périmètre : vos classes, votre agence ou les pays que vous suivez. Recherchez par nom ou identifiant.";
    RecordsSearchLabel => "Name or login", "Nom ou identifiant";
    RecordsSearchNone => "Nobody in your scope matches.", "Personne dans votre périmètre ne correspond.";
    RecordsSearchMore => "Only the first 50 are listed: refine the search.", "Seules les 50 premières personnes sont listées : précisez la recherche.";
    RecordIntro => "Everything recorded about your learning: lessons, quizzes, exercises and certificates. Download it as a spreadsheet or as xAPI statements for a learning record store.", "Tout ce qui est enregistré sur votre formation : leçons, quiz, exercices et certificats. Téléchargez-le en tableur ou en déclarations xAPI pour un entrepôt d'enregistrements d'apprentissage.";
    DownloadCsv => "Download (CSV)", "Télécharger (CSV)";
    DownloadXapi => "Download (xAPI statements, JSON lines)", "Télécharger (déclarations xAPI, lignes JSON)";
    LessonsCompletedCol => "Lessons completed", "Leçons terminées";
    QuizAttemptsCol => "Quiz attempts", "Tentatives de quiz";
    BestQuizCol => "Best quiz score", "Meilleur score de quiz";
    ExercisesCol => "Exercises", "Exercices";
    ExerciseAverageCol => "Exercise average", "Moyenne des exercices";
    LatestActivity => "Latest activity", "Dernière activité";
    EventsShown => "latest events shown; the downloads hold all", "derniers événements affichés ; les téléchargements les contiennent tous";
    NoActivityYet => "No learning recorded yet.", "Aucune formation enregistrée pour l'instant.";
    EventWord => "Event", "Événement";
    XapiExportTitle => "Export learning events as xAPI", "Exporter les événements en xAPI";
    XapiExportHint => "One xAPI 1.0.3 statement per learning event, as JSON lines, for a learning record store. Leave the dates empty for everything.", "Une déclaration xAPI 1.0.3 par événement, en lignes JSON, pour un entrepôt d'enregistrements d'apprentissage. Laissez les dates vides pour tout exporter.";
    FromDate => "From", "Du";
    FromMonth => "From (month)", "Du mois";
    ToMonth => "To (month, included)", "Au mois (inclus)";
    ErrUnknownFilter => "There is no such choice: pick one from the list.", "Ce choix n'existe pas : prenez-en un dans la liste.";
    ProgressTitle => "Progress", "Progression";
    ProgressIntro => "Who was trained, in what and with what result, from the learning events recorded.", "Qui a été formé, à quoi et avec quel résultat, d'après les événements d'apprentissage enregistrés.";
    ApplyFilters => "Apply", "Appliquer";
    AllWord => "All", "Tous";
    PeopleTrained => "People trained", "Personnes formées";
    Enrolments => "Enrolments", "Inscriptions";
    CertificatesIssued => "Certificates issued", "Certificats délivrés";
    AveragePostTest => "Average post-test score", "Score moyen au post-test";
    AverageGain => "Average learning gain (pre → post)", "Gain d'apprentissage moyen (pré → post)";
    ExerciseAccuracy => "Exercise accuracy by feature", "Réussite aux exercices par élément";
    ByCourse => "By course", "Par cours";
    PerAgency => "By agency", "Par agence";
    PerCountry => "By country", "Par pays";
    ActivityPerMonth => "Learning events per month", "Événements d'apprentissage par mois";
    LearningEvents => "Learning events", "Événements d'apprentissage";
    TrendMeasure => "Trend of", "Évolution de";
    TrendTitle => "Trends by month", "Évolution mois par mois";
    TrendHint => "The six courses and agencies with the most, each its own line; the others together as one line. The figures are in the table under each chart.", "Les six cours et agences les plus actifs, chacun sa ligne ; les autres ensemble sur une ligne. Les chiffres sont dans le tableau sous chaque graphique.";
    TrendByCourse => "per month, by course", "par mois, par cours";
    TrendByAgency => "per month, by agency", "par mois, par agence";
    OthersWord => "Others", "Autres";
    MonthWord => "Month", "Mois";
    ChartFigures => "The figures", "Les chiffres";
    CompletionCol => "Completion", "Achèvement";
    CompletionFiguresBelow => "The figures are in the table by agency below.", "Les chiffres sont dans le tableau par agence ci-dessous.";
    CompletionAndGain => "Completion and learning gain by agency", "Achèvement et gain d'apprentissage par agence";
    CompletionHint => "Completion: certificates issued in the period for every 100 enrolments in the period (a period that starts after a class began can pass 100 %). Learning gain: the normalised gain from pre-test to post-test, 0 to 1.", "Achèvement : certificats délivrés dans la période pour 100 inscriptions dans la période (une période qui commence après le début d'une classe peut dépasser 100 %). Gain d'apprentissage : le gain normalisé du pré-test au post-test, de 0 à 1.";
    RoleFilter => "People with role", "Personnes ayant le rôle";
    AgencyWord => "Agency", "Agence";
    CountryWord => "Country", "Pays";
    ClassWord => "Class", "Classe";
    NavProgress => "Progress", "Progression";
    ToDate => "To", "Au";
    // Border desk
    DeskTitle => "Border desk", "Poste de première ligne";
    DeskIntro => "Work a shift at the primary line: read each traveller's document, query the alert lists, and admit, refer to second line or refuse entry before the time is up.",
        "Tenez un service en première ligne : lisez le document de chaque voyageur, interrogez les listes de signalement, puis admettez, orientez vers la deuxième ligne ou refusez l'entrée avant la fin du temps imparti.";
    DeskStartShift => "Start a shift", "Commencer un service";
    DeskResumeShift => "Return to your shift", "Reprendre votre service";
    DeskTravellers => "Travellers", "Voyageurs";
    DeskTimeLimit => "Time limit", "Durée limite";
    DeskYourShifts => "Your shifts", "Vos services";
    DeskResults => "Results", "Résultats";
    DeskNoScenarios => "No shift has been set up in this course yet.", "Aucun service n'a encore été préparé dans ce cours.";
    DeskTravellerOf => "Traveller", "Voyageur";
    DeskOf => "of", "sur";
    DeskTimeLeft => "Time left", "Temps restant";
    DeskShiftDay => "Day of the shift", "Jour du service";
    DeskDocument => "Travel document", "Document de voyage";
    DeskPassport => "Passport", "Passeport";
    DeskIdCard => "Identity card", "Carte d'identité";
    DeskBearer => "The traveller at the counter", "Le voyageur au guichet";
    DeskDocumentData => "Data read from the document", "Données lues dans le document";
    DeskNativeName => "Name in the national script", "Nom dans l'écriture nationale";
    DeskNationality => "Nationality", "Nationalité";
    DeskBirth => "Date of birth", "Date de naissance";
    DeskSex => "Sex", "Sexe";
    DeskPlaceOfBirth => "Place of birth", "Lieu de naissance";
    DeskNumber => "Document number", "Numéro du document";
    DeskIssued => "Date of issue", "Date de délivrance";
    DeskExpires => "Date of expiry", "Date d'expiration";
    DeskMrz => "Machine readable zone", "Zone de lecture automatique";
    DeskVisa => "Visa", "Visa";
    DeskReaderClean => "Reader: the MRZ reads, and its check digits and dates agree.", "Lecteur : la ZLA se lit, ses chiffres de contrôle et ses dates concordent.";
    DeskReaderFault => "Reader: the MRZ check failed for", "Lecteur : échec du contrôle de la ZLA pour";
    DeskCitizen => "A citizen of Utopia: enters as of right, with no visa and no limit on the stay. Check the document and the lists as for anyone.", "Citoyen d'Utopie : entre de plein droit, sans visa ni limite de séjour. Vérifiez le document et les listes comme pour tout voyageur.";
    DeskVisaRequired => "Nationals of this state need a visa to enter Utopia.", "Les ressortissants de cet État ont besoin d'un visa pour entrer en Utopie.";
    DeskVisaNotRequired => "Nationals of this state do not need a visa for a short stay.", "Les ressortissants de cet État n'ont pas besoin de visa pour un court séjour.";
    DeskNoVisa => "No visa in the document.", "Aucun visa dans le document.";
    DeskVisaNumber => "Visa number", "Numéro du visa";
    DeskVisaFrom => "Valid from", "Valable du";
    DeskVisaUntil => "Valid until", "Valable jusqu'au";
    DeskVisaDays => "Days of stay allowed", "Jours de séjour autorisés";
    DeskHistory => "Earlier stays in Utopia", "Séjours antérieurs en Utopie";
    DeskNoHistory => "No earlier stay recorded.", "Aucun séjour antérieur enregistré.";
    DeskEntry => "Entry", "Entrée";
    DeskExit => "Exit", "Sortie";
    DeskDays => "Days", "Jours";
    DeskStayCalculator => "Stay calculator", "Calculateur de séjour";
    DeskStayRule => "Rule: days of presence allowed in any window of days", "Règle : jours de présence autorisés dans toute période de jours";
    DeskStayUsed => "Days used in the window ending today, today included", "Jours utilisés dans la période qui se termine aujourd'hui, aujourd'hui compris";
    DeskLatestExit => "Last day the traveller may stay", "Dernier jour de séjour autorisé";
    DeskNoDaysLeft => "No day is left: the traveller has used every day the rule allows.", "Plus aucun jour : le voyageur a utilisé tous les jours que la règle autorise.";
    DeskOverstayFrom => "Earlier overstay from", "Dépassement antérieur à partir du";
    DeskDaysOver => "days over", "jours de dépassement";
    DeskInterview => "Questions at the counter", "Questions au guichet";
    DeskPurpose => "Declared purpose", "Motif déclaré";
    DeskIntendedDays => "Intended stay (days)", "Durée de séjour prévue (jours)";
    DeskMinorTitle => "A minor travelling", "Mineur en voyage";
    DeskAccompaniedBy => "Accompanied by", "Accompagné par";
    DeskConsent => "Consent letter of the absent parent shown", "Autorisation du parent absent présentée";
    DeskQueryLists => "Query the alert lists", "Interroger les listes de signalement";
    DeskQueryTitle => "List query", "Interrogation des listes";
    DeskNoCandidates => "No listed person matched this traveller.", "Aucune personne signalée ne correspond à ce voyageur.";
    DeskStolenHit => "This document is on the stolen and lost documents list", "Ce document figure sur la liste des documents volés et perdus";
    DeskNotStolen => "The document is not on the stolen and lost documents list.", "Le document ne figure pas sur la liste des documents volés et perdus.";
    DeskReported => "reported", "signalé le";
    DeskCandidates => "Candidates on the watch list", "Candidats sur la liste de surveillance";
    DeskCandidateHint => "For each candidate, decide whether it is this traveller. Open the explanation to see why the list scored it as it did.", "Pour chaque candidat, décidez s'il s'agit de ce voyageur. Ouvrez l'explication pour voir pourquoi la liste lui a donné ce score.";
    DeskWhy => "Why this score", "Pourquoi ce score";
    DeskFeature => "Feature", "Critère";
    DeskAgreement => "Agreement", "Concordance";
    DeskWeight => "Weight", "Poids";
    DeskNotCompared => "not compared", "non comparé";
    DeskFormsCompared => "Spellings compared", "Graphies comparées";
    DeskAliasMatched => "Matched on another name the person is known by", "Correspondance sur un autre nom de la personne";
    DeskReordered => "The name parts stand in another order.", "Les éléments du nom sont dans un autre ordre.";
    DeskJoined => "Name parts are written together on one side.", "Des éléments du nom sont écrits attachés d'un côté.";
    DeskUnpaired => "Name parts without a partner", "Éléments du nom sans correspondance";
    DeskAliases => "Also known as", "Alias";
    DeskReason => "Reason for listing", "Motif du signalement";
    DeskAction => "Action requested", "Conduite à tenir";
    DeskListedUntil => "Listed until", "Signalé jusqu'au";
    DeskConfirmHit => "Confirm: this is the traveller", "Confirmer : c'est ce voyageur";
    DeskDismissHit => "Dismiss: another person", "Écarter : une autre personne";
    DeskHitOpen => "Not decided", "Non tranché";
    DeskReplay => "Replay this decision", "Revoir cette décision";
    DeskWholeCourse => "Every trainee of the course", "Tous les stagiaires du cours";
    DeskOwnList => "Your own watch list (CSV, optional)", "Votre propre liste de surveillance (CSV, facultatif)";
    DeskOwnListHint => "Persons added to the generated list: columns surname, given_names, aliases (separated by ;), birth (YYYY, YYYY-MM or YYYY-MM-DD), nationality, sex (F, M or X), reason, action (arrest, refuse_entry, inform, monitor, locate_missing_person), valid_until (YYYY-MM-DD); at most 20,000 rows. A file with any bad row imports nothing.", "Personnes ajoutées à la liste générée : colonnes surname, given_names, aliases (séparés par ;), birth (AAAA, AAAA-MM ou AAAA-MM-JJ), nationality, sex (F, M ou X), reason, action (arrest, refuse_entry, inform, monitor, locate_missing_person), valid_until (AAAA-MM-JJ) ; au plus 20 000 lignes. Un fichier comportant une ligne erronée n'importe rien.";
    DeskListRefused => "The watch list was not imported and no scenario was created: correct these rows and send the form again.", "La liste de surveillance n'a pas été importée et aucun scénario n'a été créé : corrigez ces lignes et renvoyez le formulaire.";
    DeskDismissReason => "Why it is another person", "Pourquoi il s'agit d'une autre personne";
    DeskWhyBirth => "The date of birth differs", "La date de naissance diffère";
    DeskWhyNationality => "The nationality differs", "La nationalité diffère";
    DeskWhySex => "The sex differs", "Le sexe diffère";
    DeskWhyNameOnly => "Only the name is alike; nothing else matches", "Seul le nom se ressemble ; rien d'autre ne concorde";
    DeskWhyEvidence => "Other evidence: the document, its history, the person's answers", "Autres éléments : le document, son historique, les réponses de la personne";
    ErrDeskReason => "Give the reason for dismissing each candidate you dismiss.", "Indiquez pourquoi vous écartez chaque candidat écarté.";
    DeskDecision => "Decision", "Décision";
    DeskAdmit => "Admit", "Admettre";
    DeskClassNoScenarios => "The class's course has no border desk scenario yet: the course's authors set them up in the course editor.", "Le cours de la classe n'a pas encore de scénario de poste de première ligne : les auteurs du cours les créent dans l'éditeur du cours.";
    DeskRegisterExit => "Register the exit", "Enregistrer la sortie";
    DeskArriving => "Arriving", "À l'arrivée";
    DeskDeparting => "Departing", "Au départ";
    DeskExitShare => "Departing travellers (% of the queue)", "Voyageurs au départ (% de la file)";
    DeskThisVisit => "This visit began on", "Début de la visite en cours";
    DeskDaysAway => "Days abroad", "Jours à l'étranger";
    DeskCitizenLeaving => "A citizen of Utopia: leaves freely, with no visa and no stay limit. Check the document and the lists as for anyone.", "Citoyen d'Utopie : sort librement, sans visa ni limite de séjour. Vérifiez le document et les listes comme pour tout voyageur.";
    DeskVisitDays => "Days of this visit", "Jours de la visite en cours";
    DeskUsedAtEntry => "Days used in the window ending on the day this visit began", "Jours utilisés dans la période se terminant le jour du début de cette visite";
    DeskOverToday => "Days over the limit on leaving today", "Jours de dépassement en partant aujourd'hui";
    DeskDepartureHint => "This traveller is leaving Utopia: register the exit, or refer to second line if the person or the document must be held.", "Ce voyageur quitte l'Utopie : enregistrez la sortie, ou orientez-le vers la deuxième ligne si la personne ou le document doit être retenu.";
    DeskRefer => "Refer to second line", "Orienter vers la deuxième ligne";
    DeskRefuse => "Refuse entry", "Refuser l'entrée";
    DeskGround => "Ground of refusal", "Motif du refus";
    DeskNote => "Note for second line: what you saw and what to check", "Note pour la deuxième ligne : ce que vous avez vu et ce qu'il faut vérifier";
    DeskRecord => "Record the decision", "Enregistrer la décision";
    DeskDecided => "Decision recorded. Next traveller.", "Décision enregistrée. Voyageur suivant.";
    DeskShiftOver => "This shift is over.", "Ce service est terminé.";
    DeskSeeResults => "See the results", "Voir les résultats";
    DeskResultsTitle => "Shift results", "Résultats du service";
    DeskRightDecisions => "Right decisions", "Bonnes décisions";
    DeskCriticalCount => "Critical mistakes", "Erreurs critiques";
    DeskMajorCount => "Major mistakes", "Erreurs majeures";
    DeskMinorCount => "Minor mistakes", "Erreurs mineures";
    DeskHitRate => "Travellers to stop who were stopped", "Voyageurs à arrêter qui l'ont été";
    DeskFalseAlarms => "Travellers free to go who were stopped", "Voyageurs libres de passer qui ont été arrêtés";
    DeskDPrime => "Sensitivity (d′: above 2 is good, 0 is guessing)", "Sensibilité (d′ : au-dessus de 2 c'est bien, 0 c'est le hasard)";
    DeskMedianSeconds => "Median time per traveller (seconds)", "Temps médian par voyageur (secondes)";
    DeskByQuarter => "Right decisions by quarter of the shift", "Bonnes décisions par quart du service";
    DeskByKind => "By case", "Par type de cas";
    DeskUnreached => "Travellers not reached before the time was up", "Voyageurs non traités avant la fin du temps";
    DeskCase => "Case", "Cas";
    DeskYourDecision => "Decision taken", "Décision prise";
    DeskMistakes => "Mistakes", "Erreurs";
    DeskListedAs => "This traveller is the listed person", "Ce voyageur est la personne signalée";
    DeskSeconds => "Seconds", "Secondes";
    DeskNotApplicable => "not measured", "non mesuré";
    DeskProgressTitle => "Border desk: right decisions by case", "Poste de première ligne : bonnes décisions par type de cas";
    DeskRightShare => "Right", "Réussite";
    DeskAdminTitle => "Border desk shifts", "Services au poste de première ligne";
    DeskAdminIntro => "A shift scenario is a queue of generated travellers with its watch list and stolen documents list. The same seed always gives the same travellers, so a class works the same shift.", "Un scénario de service est une file de voyageurs générés avec sa liste de surveillance et sa liste de documents volés. La même graine donne toujours les mêmes voyageurs : toute la classe tient le même service.";
    DeskNewScenario => "New shift scenario", "Nouveau scénario de service";
    DeskSeedLabel => "Seed (a whole number; the same seed gives the same travellers)", "Graine (un nombre entier ; la même graine donne les mêmes voyageurs)";
    DeskTimeLimitLabel => "Time limit (minutes)", "Durée limite (minutes)";
    DeskListSize => "Persons on the watch list", "Personnes sur la liste de surveillance";
    DeskRatesLegend => "Share of the travellers drawn as each case (0 to 0.5; the rest are genuine)", "Part des voyageurs tirés pour chaque cas (0 à 0,5 ; les autres sont authentiques)";
    DeskFixedLegend => "Cases placed in every shift, whatever the draw", "Cas placés dans chaque service, quel que soit le tirage";
    DeskRate => "Share", "Part";
    DeskFixed => "Fixed", "Imposés";
    DeskCreateScenario => "Create the scenario", "Créer le scénario";
    DeskShiftsWorked => "Shifts worked", "Services effectués";
    DeskNoShiftsYet => "No shift worked yet.", "Aucun service effectué pour l'instant.";
    DeskClassByKind => "Right decisions by case, per scenario (a scenario set for a class: the class's results)", "Bonnes décisions par type de cas, par scénario (un scénario réservé à une classe : les résultats de la classe)";
    DeskTrainee => "Trainee", "Stagiaire";
    DeskStarted => "Started", "Commencé";
    DeskDecidedCol => "Decided", "Traités";
    DeskFinished => "Finished", "Terminé";
    DeskOpen => "Open", "En cours";
    DeskKindGenuine => "Genuine traveller", "Voyageur en règle";
    DeskKindTrueHit => "Listed person (list spelling)", "Personne signalée (graphie de la liste)";
    DeskKindNearMiss => "Near miss: a similar name, another person", "Quasi-correspondance : nom voisin, autre personne";
    DeskKindTranslitHit => "Listed person under another transliteration", "Personne signalée sous une autre translittération";
    DeskKindStolen => "Stolen or lost document", "Document volé ou perdu";
    DeskKindOverstay => "Overstay (an earlier visit, or the one ending today)", "Dépassement de séjour (visite antérieure ou celle qui se termine aujourd'hui)";
    DeskKindExpired => "Expired document", "Document expiré";
    DeskKindSoonExpiring => "Document expiring soon (still valid)", "Document bientôt expiré (encore valide)";
    DeskKindMrzDefect => "MRZ defect", "Défaut de la ZLA";
    DeskKindImpostor => "Impostor (look-alike)", "Imposteur (sosie)";
    DeskKindMinor => "Minor without the absent parent's consent", "Mineur sans autorisation du parent absent";
    DeskGroundDocument => "No valid travel document", "Absence de document de voyage valable";
    DeskGroundFalse => "False, counterfeit or forged document, or one used by someone else", "Document faux, contrefait ou falsifié, ou utilisé par un tiers";
    DeskGroundVisa => "No valid visa or residence permit", "Absence de visa ou de titre de séjour valable";
    DeskGroundAlert => "Listed for refusal of entry", "Signalé aux fins de non-admission";
    DeskGroundStay => "Stay limit reached or overstayed", "Durée de séjour atteinte ou dépassée";
    DeskGroundPurpose => "Purpose and conditions of stay not justified", "Objet et conditions du séjour non justifiés";
    DeskVerdictRight => "Right", "Correct";
    DeskVerdictMinor => "Minor mistake", "Erreur mineure";
    DeskVerdictMajor => "Major mistake", "Erreur majeure";
    DeskVerdictCritical => "Critical mistake", "Erreur critique";
    DeskFeatureExact => "Same name parts", "Mêmes éléments du nom";
    DeskFeatureSpelling => "Spelling similarity", "Proximité orthographique";
    DeskFeatureSound => "Sound alike", "Proximité phonétique";
    DeskFeatureArabic => "Similarity in Arabic script", "Proximité en écriture arabe";
    DeskFeatureBirth => "Date of birth", "Date de naissance";
    DeskFeatureNationality => "Nationality", "Nationalité";
    DeskFeatureSex => "Sex", "Sexe";
    DeskFeatureDocument => "Same document number", "Même numéro de document";
    DeskDateSame => "same date", "même date";
    DeskDateAsFarAsKnown => "same as far as both are known", "identique dans la mesure connue";
    DeskDateSwapped => "day and month swapped", "jour et mois inversés";
    DeskDateYearOff => "year one apart", "année décalée d'un an";
    DeskDateOtherDay => "same month, another day", "même mois, autre jour";
    DeskDateYearOnly => "same year only", "même année seulement";
    DeskDateDifferent => "different", "différente";
    DeskMistakeDecision => "The decision the case does not allow", "Décision que le cas ne permet pas";
    DeskMistakeGround => "Refusal on a ground the case does not support", "Refus sur un motif que le cas ne justifie pas";
    DeskMistakeNoQuery => "The lists were not queried", "Les listes n'ont pas été interrogées";
    DeskMistakeNoNote => "Referral without a note for second line", "Orientation sans note pour la deuxième ligne";
    DeskMistakeHitMissed => "The listed person was not confirmed", "La personne signalée n'a pas été confirmée";
    DeskMistakeNamesake => "Another person's entry was confirmed", "La fiche d'une autre personne a été confirmée";
    DeskMistakeLeftOpen => "A candidate was left neither confirmed nor dismissed", "Un candidat n'a été ni confirmé ni écarté";
    DeskQPurpose => "What is the purpose of your visit?", "Quel est le motif de votre voyage ?";
    DeskQLength => "How long will you stay?", "Combien de temps allez-vous rester ?";
    DeskQAccommodation => "Where will you stay?", "Où allez-vous loger ?";
    DeskQOccupation => "What is your occupation?", "Quelle est votre profession ?";
    DeskQReturnTicket => "Do you have a return or onward ticket?", "Avez-vous un billet de retour ou de continuation ?";
    DeskQFunds => "How will you pay for your stay?", "Comment allez-vous financer votre séjour ?";
    DeskQPlaceOfBirth => "Where were you born?", "Où êtes-vous né ?";
    DeskQTravellingWith => "Who are you travelling with?", "Avec qui voyagez-vous ?";
    DeskQPurposeJourney => "What is the purpose of your journey?", "Quel est le motif de votre voyage ?";
    DeskQLengthStayed => "How long have you stayed?", "Combien de temps êtes-vous resté ?";
    DeskQLengthAway => "How long will you be away?", "Combien de temps serez-vous absent ?";
    DeskQAccommodationStayed => "Where did you stay?", "Où avez-vous logé ?";
    DeskQTicketHome => "May I see your ticket?", "Puis-je voir votre billet ?";
    DeskQFundsStayed => "How did you pay for your stay?", "Comment avez-vous financé votre séjour ?";
    DeskPurposeTourism => "Tourism", "Tourisme";
    DeskPurposeBusiness => "Business", "Affaires";
    DeskPurposeFamily => "Family visit", "Visite familiale";
    DeskPurposeStudy => "Study", "Études";
    DeskPurposeTransit => "Transit", "Transit";
    DeskActionArrest => "Arrest", "Arrestation";
    DeskActionRefuse => "Refuse entry", "Non-admission";
    DeskActionInform => "Inform the issuing authority, let pass", "Informer l'autorité émettrice, laisser passer";
    DeskActionMonitor => "Discreet check: record and let pass", "Contrôle discret : enregistrer et laisser passer";
    DeskActionLocate => "Missing person: locate and protect", "Personne disparue : localiser et protéger";
}

/// The language of the current request, provided by the app shell.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Translates `msg` into the current request's language.
pub fn t(msg: Msg) -> &'static str {
    msg.text(use_lang())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(Lang::from_accept_language("de,es"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn codes_round_trip() {
        for m in [Msg::ErrBadCredentials, Msg::Saved, Msg::ErrCsvHeader] {
            assert_eq!(Msg::from_code(m.code()), Some(m));
        }
        assert_eq!(Msg::from_code("<script>"), None);
    }
}
