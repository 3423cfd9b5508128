//! The `checkpoint` command: serves the web app and administers an installation.

use app::model::Role;
use app::server::{config::Config, db, http, services, session, state::AppState};
use clap::{Args, Parser, Subcommand};
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Checkpoint — training and assessment for border and immigration officials.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    db: DbArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct DbArgs {
    /// Folder for the embedded SQLite database (and, later, uploads).
    #[arg(
        long,
        env = "CHECKPOINT_DATA_DIR",
        default_value = "./data",
        global = true
    )]
    data_dir: PathBuf,
    /// Database URL: `sqlite://path/to/file.db?mode=rwc` or `postgres://user:pass@host/db`.
    /// Default: the SQLite file `checkpoint.db` in the data folder.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    database_url: Option<String>,
}

impl DbArgs {
    fn url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| Config::sqlite_url(&self.data_dir))
    }
}

#[derive(Subcommand)]
enum ProgressCommand {
    /// Rebuild the dashboards' roll-ups from the learning events (they are kept up to date as
    /// events are written; this is for after repairs or restores).
    Rebuild,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app (applies pending migrations first).
    Serve(ServeArgs),
    /// Apply pending database migrations and refresh the shipped reference data.
    Migrate,
    /// Load the demo data (Utopia's agencies and one account per role); safe to run twice.
    Demo {
        /// Print the demo logins afterwards.
        #[arg(long)]
        print_logins: bool,
        /// `large`: also generate data at the scale of a national programme for benchmarks
        /// (about 100,000 trainees, 300 agencies in 60 countries, 40 courses and 5,000,000
        /// learning events; several minutes, shown on standard error).
        #[arg(long)]
        scale: Option<String>,
        /// Seed of the generated scale data (the same seed gives the same rows).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Manage people.
    #[command(subcommand)]
    User(UserCommand),
    /// Question banks: import GIFT or Moodle XML questions into a course.
    #[command(subcommand)]
    Questions(QuestionsCommand),
    /// Capacity-assessment frameworks.
    #[command(subcommand)]
    Framework(FrameworkCommand),
    /// Capacity assessments.
    #[command(subcommand)]
    Assessment(AssessmentCommand),
    /// Training needs analysis campaigns.
    #[command(subcommand)]
    Tna(TnaCommand),
    /// Write a consistent copy of the whole database while it is in use (SQLite: a complete
    /// database file; PostgreSQL: a pg_dump archive). Never overwrites a file. Restoring:
    /// docs/backup.md.
    Backup {
        /// The file to write (must not exist).
        file: PathBuf,
    },
    /// Machine readable zones (ICAO Doc 9303).
    #[command(subcommand)]
    Mrz(MrzCommand),
    /// Progress dashboards.
    #[command(subcommand)]
    Progress(ProgressCommand),
    /// Fictional Utopian specimen documents for document-examination practice.
    #[command(subcommand)]
    Specimens(SpecimensCommand),
    /// Import a course pack (a folder with course.toml, or a .zip of one); importing it again
    /// updates the course in place and keeps learners' progress.
    Import {
        /// The pack folder or zip file.
        pack: PathBuf,
        /// Make the course visible to learners.
        #[arg(long)]
        publish: bool,
    },
    /// Export a course as a pack folder.
    Export {
        /// The course identifier (its `id` in course.toml).
        course: String,
        /// The folder to write (created if missing).
        dir: PathBuf,
    },
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CHECKPOINT_ADDR", default_value = "127.0.0.1:3000")]
    addr: SocketAddr,
    /// Serve the browser assets from this folder (its `pkg/` holds CSS, JS and WebAssembly)
    /// instead of the copy built into the binary, which is written to `<data-dir>/site`.
    #[arg(long, env = "CHECKPOINT_SITE_ROOT")]
    site_root: Option<PathBuf>,
    /// Mark cookies `Secure`: set this when the app is served over HTTPS.
    #[arg(long, env = "CHECKPOINT_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Minutes of inactivity after which a session ends.
    #[arg(long, env = "CHECKPOINT_SESSION_MINUTES", default_value_t = 60)]
    session_minutes: i64,
    /// Behind this many reverse proxies (1 when given without a number), each appending the
    /// address it saw to `X-Forwarded-For`: the client address (for sign-in throttling) is
    /// the one the outermost proxy added. Without it, the peer address is used.
    #[arg(
        long = "trust-proxy",
        env = "CHECKPOINT_TRUST_PROXY",
        value_name = "HOPS",
        num_args = 0..=1,
        default_value_t = 0,
        default_missing_value = "1"
    )]
    trusted_proxies: u8,
    /// The address people use to reach the app (e.g. https://checkpoint.example.org): the base
    /// of the identifiers in xAPI statements. Defaults to http:// and the listening address.
    #[arg(long, env = "CHECKPOINT_PUBLIC_URL")]
    public_url: Option<String>,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a person. The password is read from standard input (one line), or generated and
    /// printed once when standard input is a terminal or empty.
    Add {
        /// Login (3–64 letters, digits, `.`, `-`, `_`).
        #[arg(long)]
        login: String,
        /// Name shown in the interface.
        #[arg(long)]
        name: String,
        /// Roles, separated by commas: trainee, trainer, assessor, analyst, admin.
        #[arg(long, default_value = "trainee")]
        roles: String,
        /// Email address.
        #[arg(long)]
        email: Option<String>,
        /// Agency id.
        #[arg(long)]
        agency: Option<i64>,
        /// Interface language: en or fr.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Import people from a CSV file (columns: login, display_name, email, agency, position,
    /// roles, language). All rows or none; prints each person's temporary password as CSV.
    Import {
        /// The CSV file.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum AssessmentCommand {
    /// One line per assessment: id, country code, status, title.
    List,
    /// Write an assessment's country report.
    Report {
        /// The assessment id.
        id: i64,
        /// `pdf`, `md` (Markdown, for word processors) or `html` (a self-contained page with
        /// charts).
        #[arg(long, value_enum, default_value = "html")]
        format: ReportFormat,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum MrzCommand {
    /// Read and check an MRZ (TD1, TD2, TD3, MRV-A, MRV-B): every check digit including the
    /// composite, dates, codes, names. Takes the lines as arguments, or one per line on
    /// standard input. Prints JSON — {"valid", "format", "fields", "errors": [{"field",
    /// "message"}]} — and exits 0 when valid, 1 when invalid, 2 when the input cannot be an MRZ
    /// (number or length of lines, characters). Needs no database.
    Check {
        /// The MRZ lines, in order (quote them: `<` is special to shells).
        lines: Vec<String>,
    },
}

#[derive(Subcommand)]
enum SpecimensCommand {
    /// Draw specimens: for each, the page under visible, UV and IR light (PNG) and a JSON
    /// answer key with the defects injected and the exercise regions that mark them. The same
    /// seed gives byte-identical files. Needs no database.
    Generate {
        /// How many specimens.
        #[arg(long, default_value_t = 10)]
        count: u32,
        /// The seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The folder to write (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// `td3` (passport data page), `td1` (identity card) or `mixed`.
        #[arg(long, default_value = "mixed")]
        layout: String,
        /// Defects to inject in every specimen, comma separated (wrong_check_digit,
        /// name_mismatch, date_mismatch, number_mismatch, altered_digit, substituted_portrait,
        /// missing_uv, wrong_font); by default each specimen gets none, one or two at random.
        #[arg(long)]
        defects: Option<String>,
    },
}

#[derive(Subcommand)]
enum TnaCommand {
    /// One line per campaign: id, status, submitted responses, title.
    List,
    /// Write a campaign's gap analysis: one row per competency × agency × position with the
    /// required level, assessed level, gap, need index and number of respondents (groups
    /// below the campaign's minimum size are marked withheld).
    Report {
        /// The campaign id.
        id: i64,
        /// `csv` or `xlsx`.
        #[arg(long, value_enum, default_value = "csv")]
        format: TnaFormat,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum TnaFormat {
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    Pdf,
    Md,
    Html,
}

#[derive(Subcommand)]
enum FrameworkCommand {
    /// Check a framework file (TOML): prints a JSON summary — id, version, and the numbers of
    /// components, elements and indicators — and exits 0; prints the problem (file, line, id)
    /// and exits 1 when the file is invalid. Needs no database.
    Check {
        /// The framework file.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum QuestionsCommand {
    /// Import a GIFT (.gift, .txt) or Moodle XML (.xml) file into a course's question bank.
    /// Prints how many questions were imported and each refused one with its reason; exits
    /// non-zero when nothing could be imported.
    Import {
        /// The question file.
        file: PathBuf,
        /// The course: its id or its slug.
        #[arg(long)]
        course: String,
        /// When some questions are refused, import the valid ones anyway (by default a file
        /// is imported whole or not at all).
        #[arg(long)]
        valid_only: bool,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CHECKPOINT_LOG").unwrap_or_else(|_| {
                tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn")
            }),
        )
        .with_writer(std::io::stderr)
        // Colours only on a terminal: a log file or journal gets plain `key=value` text.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode, String> {
    if let Command::Framework(FrameworkCommand::Check { file }) = &cli.command {
        return Ok(framework_check(file));
    }
    if let Command::Mrz(MrzCommand::Check { lines }) = &cli.command {
        return Ok(mrz_check(lines));
    }
    if let Command::Specimens(SpecimensCommand::Generate {
        count,
        seed,
        out,
        layout,
        defects,
    }) = &cli.command
    {
        return specimens_generate(*count, *seed, out, layout, defects.as_deref());
    }
    let url = cli.db.url();
    let database = db::connect(&url)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    db::migrate(&database)
        .await
        .map_err(|e| format!("migration failed: {e}"))?;
    match cli.command {
        Command::Migrate => {
            println!("database is up to date");
        }
        Command::Demo {
            print_logins,
            scale,
            seed,
        } => {
            let size = match scale.as_deref() {
                None => None,
                Some("large") => Some(services::demo_scale::LARGE),
                Some(other) => return Err(format!("unknown scale {other:?} (large)")),
            };
            services::demo::load(&database)
                .await
                .map_err(|e| format!("demo data: {e}"))?;
            let made = services::exercises::generated::ensure_shipped(&database)
                .await
                .map_err(|e| format!("shipped exercises: {e}"))?;
            if made > 0 {
                println!("{made} document-examination exercises generated");
            }
            if let Some(size) = size {
                let started = std::time::Instant::now();
                let n = services::demo_scale::generate(&database, size, seed)
                    .await
                    .map_err(|e| format!("scale data: {e}"))?;
                println!(
                    "scale data: {n} learning events in {:.0} s",
                    started.elapsed().as_secs_f64()
                );
            }
            println!("demo data loaded");
            if print_logins {
                println!("\nDemo logins (change or deactivate them before real use):");
                for d in &services::demo::LOGINS {
                    let roles: Vec<_> = d.roles.iter().map(|r| r.code()).collect();
                    println!(
                        "  {:<10} {:<10} password: {}",
                        roles.join(","),
                        d.login,
                        d.password
                    );
                }
            }
        }
        Command::Serve(args) => serve(database, url, &cli.db.data_dir, args).await?,
        Command::Import { pack, publish } => {
            let pack = content::pack::load(&pack).map_err(|e| e.to_string())?;
            let summary = services::courses::import_pack(&database, &pack, None, publish)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "{} course `{}` ({} lessons)",
                if summary.created {
                    "imported"
                } else {
                    "updated"
                },
                pack.meta.id,
                summary.lessons
            );
        }
        Command::Framework(FrameworkCommand::Check { file }) => return Ok(framework_check(&file)),
        Command::Mrz(MrzCommand::Check { lines }) => return Ok(mrz_check(&lines)),
        Command::Specimens(_) => unreachable!("handled before the database is opened"),
        Command::Assessment(AssessmentCommand::List) => {
            use app::server::entities::capacity_assessment;
            use sea_orm::{EntityTrait, QueryOrder};
            for a in capacity_assessment::Entity::find()
                .order_by_asc(capacity_assessment::Column::Id)
                .all(&database)
                .await
                .map_err(|e| e.to_string())?
            {
                println!("{}\t{}\t{}\t{}", a.id, a.country_code, a.status, a.title);
            }
        }
        Command::Assessment(AssessmentCommand::Report { id, format, out }) => {
            let report = services::capacity::report_for_export(&database, id)
                .await
                .map_err(|e| match e {
                    app::error::AppError::NotFound => format!("no assessment {id}"),
                    other => other.to_string(),
                })?;
            let bytes = match format {
                ReportFormat::Pdf => app::server::report_pdf::render(&report),
                ReportFormat::Md => services::capacity::report_markdown(&report).into_bytes(),
                ReportFormat::Html => services::capacity::report_html(&report).into_bytes(),
            };
            std::fs::write(&out, bytes)
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            println!("wrote {}", out.display());
        }
        Command::Progress(ProgressCommand::Rebuild) => {
            let n = services::rollups::rebuild(&database, true)
                .await
                .map_err(|e| e.to_string())?;
            println!("rebuilt the progress roll-ups from {n} learning events");
        }
        Command::Backup { file } => {
            let bytes = services::backup::backup(&database, &url, &file)
                .await
                .map_err(|e| e.to_string())?;
            println!("wrote {} ({bytes} bytes)", file.display());
        }
        Command::Tna(TnaCommand::List) => {
            use app::server::entities::{tna_campaign, tna_response};
            use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
            for c in tna_campaign::Entity::find()
                .order_by_asc(tna_campaign::Column::Id)
                .all(&database)
                .await
                .map_err(|e| e.to_string())?
            {
                let responses = tna_response::Entity::find()
                    .filter(tna_response::Column::CampaignId.eq(c.id))
                    .filter(tna_response::Column::Status.eq("submitted"))
                    .count(&database)
                    .await
                    .map_err(|e| e.to_string())?;
                println!("{}\t{}\t{}\t{}", c.id, c.status, responses, c.title);
            }
        }
        Command::Tna(TnaCommand::Report { id, format, out }) => {
            let format = match format {
                TnaFormat::Csv => services::tna_results::Format::Csv,
                TnaFormat::Xlsx => services::tna_results::Format::Xlsx,
            };
            let bytes = services::tna_results::export(&database, id, format)
                .await
                .map_err(|e| match e {
                    app::error::AppError::NotFound => format!("no campaign {id}"),
                    other => other.to_string(),
                })?;
            std::fs::write(&out, bytes)
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            println!("wrote {}", out.display());
        }
        Command::Questions(QuestionsCommand::Import {
            file,
            course,
            valid_only,
        }) => {
            return questions_import(&database, &file, &course, valid_only).await;
        }
        Command::Export { course, dir } => {
            let pack = services::courses::export_pack(&database, &course)
                .await
                .map_err(|e| match e {
                    app::error::AppError::NotFound => format!("no course `{course}`"),
                    other => other.to_string(),
                })?;
            content::pack::write_dir(&pack, &dir)
                .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
            println!("exported `{course}` to {}", dir.display());
        }
        Command::User(UserCommand::Add {
            login,
            name,
            roles,
            email,
            agency,
            lang,
        }) => {
            return user_add(&database, login, name, roles, email, agency, lang).await;
        }
        Command::User(UserCommand::Import { file }) => {
            let bytes =
                std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let outcome = services::import::import_people(&database, &bytes)
                .await
                .map_err(|e| e.to_string())?;
            match outcome {
                app::model::ImportOutcome::Imported(people) => {
                    println!("login,display_name,temporary_password");
                    for p in &people {
                        println!(
                            "{},{},{}",
                            p.login,
                            csv_field(&p.display_name),
                            p.temporary_password
                        );
                    }
                    eprintln!("imported {} people", people.len());
                }
                app::model::ImportOutcome::Rejected(problems) => {
                    eprintln!("nothing imported; {} problem(s):", problems.len());
                    for p in problems {
                        let column = p.column.map(|c| format!(" [{c}]")).unwrap_or_default();
                        eprintln!(
                            "  line {}{column}: {}",
                            p.line,
                            p.message.text(app::i18n::Lang::En)
                        );
                    }
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn mrz_check(args: &[String]) -> ExitCode {
    use std::io::Read;
    let lines: Vec<String> = if args.is_empty() {
        let mut text = String::new();
        // Bounded: an MRZ is at most three lines of 44 characters.
        if std::io::stdin()
            .take(64 * 1024)
            .read_to_string(&mut text)
            .is_err()
        {
            text.clear();
        }
        assessments::mrz::lines_of(&text)
    } else {
        args.iter()
            .flat_map(|a| assessments::mrz::lines_of(a))
            .collect()
    };
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let year = time::OffsetDateTime::now_utc().year();
    let (json, code) = match assessments::mrz::check(&refs, year) {
        Ok(m) => (
            serde_json::json!({
                "valid": m.valid(),
                "format": m.format.name(),
                "fields": m.fields,
                "errors": m.errors,
            }),
            if m.valid() { 0 } else { 1 },
        ),
        Err(errors) => (
            serde_json::json!({
                "valid": false,
                "format": null,
                "fields": {},
                "errors": errors,
            }),
            2,
        ),
    };
    println!("{json}");
    ExitCode::from(code)
}

fn framework_check(file: &std::path::Path) -> ExitCode {
    match content::framework::load(file) {
        Ok(fw) => {
            let s = fw.summary();
            println!(
                "{}",
                serde_json::json!({
                    "id": fw.id,
                    "version": fw.version,
                    "components": s.components,
                    "elements": s.elements,
                    "indicators": s.indicators,
                })
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn questions_import(
    database: &sea_orm::DatabaseConnection,
    file: &std::path::Path,
    course: &str,
    valid_only: bool,
) -> Result<ExitCode, String> {
    use app::server::entities::course;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let by_id = course.parse::<i64>().ok();
    let found = match by_id {
        Some(id) => course::Entity::find_by_id(id).one(database).await,
        None => {
            course::Entity::find()
                .filter(course::Column::Slug.eq(course))
                .one(database)
                .await
        }
    }
    .map_err(|e| e.to_string())?
    .ok_or_else(|| format!("no course `{course}`"))?;
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let report = services::bank::import_file(database, found.id, name, &bytes, valid_only)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "imported {} question(s) into `{}`",
        report.imported, found.slug
    );
    if !report.refused.is_empty() {
        println!("refused {} question(s):", report.refused.len());
        for r in &report.refused {
            println!("  {}: {} — {}", r.location, r.title, r.reason);
        }
        if !report.written {
            println!("nothing was imported (use --valid-only to import the valid questions)");
        }
    }
    Ok(if report.imported == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

async fn user_add(
    database: &sea_orm::DatabaseConnection,
    login: String,
    name: String,
    roles: String,
    email: Option<String>,
    agency: Option<i64>,
    lang: String,
) -> Result<ExitCode, String> {
    use app::i18n::Lang;
    use app::validate;
    let en = |m: app::i18n::Msg| m.text(Lang::En).to_owned();
    let login = validate::login(&login).map_err(|m| format!("login: {}", en(m)))?;
    let display_name = validate::name(&name).map_err(|m| format!("name: {}", en(m)))?;
    let roles: Vec<Role> = validate::roles(&roles).map_err(|m| format!("roles: {}", en(m)))?;
    let email =
        validate::email(email.as_deref().unwrap_or("")).map_err(|m| format!("email: {}", en(m)))?;
    let lang = validate::language(&lang).map_err(|m| format!("lang: {}", en(m)))?;
    let (agency_id, _) = services::people::resolve_placement(database, agency, None)
        .await
        .map_err(|e| format!("{}: {}", e.field, en(e.message)))?;
    let mut typed = String::new();
    let stdin_is_terminal = std::io::IsTerminal::is_terminal(&std::io::stdin());
    if !stdin_is_terminal {
        std::io::stdin()
            .read_to_string(&mut typed)
            .map_err(|e| format!("cannot read the password: {e}"))?;
    }
    let typed = typed.lines().next().unwrap_or("").to_owned();
    let (password, generated) = if typed.is_empty() {
        (app::server::password::generate(), true)
    } else {
        (typed, false)
    };
    let person = services::people::NewPerson {
        login,
        display_name,
        email,
        agency_id,
        position_id: None,
        roles,
        countries: Vec::new(),
        lang,
    };
    match services::people::create_direct(database, &person, &password).await {
        Ok(id) => {
            println!("created person {id} ({})", person.login);
            if generated {
                println!("password: {password}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(app::error::AppError::Validation(errors)) => {
            for e in errors {
                eprintln!("{}: {}", e.field, en(e.message));
            }
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.to_string()),
    }
}

async fn serve(
    database: sea_orm::DatabaseConnection,
    url: String,
    data_dir: &std::path::Path,
    args: ServeArgs,
) -> Result<(), String> {
    let site_root = match args.site_root {
        Some(root) => root,
        None if app::server::assets::embedded() => {
            let root = data_dir.join("site");
            app::server::assets::unpack(&root).map_err(|e| {
                format!("cannot write the browser assets to {}: {e}", root.display())
            })?;
            root
        }
        None => {
            tracing::warn!(
                "this binary was built without the browser assets (build the site before the \
                 server, or pass --site-root): serving target/site"
            );
            PathBuf::from("target/site")
        }
    };
    let config = Config {
        addr: args.addr,
        database_url: url,
        site_root,
        secure_cookies: args.secure_cookies,
        session_minutes: args.session_minutes.max(1),
        trusted_proxies: args.trusted_proxies,
        public_url: args
            .public_url
            .map(|u| u.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| format!("http://{}", args.addr)),
    };
    let state = AppState {
        leptos: app::server::state::leptos_options(&config),
        db: database.clone(),
        config: Arc::new(config.clone()),
    };
    let cleanup = tokio::spawn(
        session::Store::for_db(&database).delete_expired_every(std::time::Duration::from_secs(600)),
    );
    // Attempts past their time limit close themselves with what was saved, even when nobody
    // opens them again.
    let sweeper = tokio::spawn({
        let db = database.clone();
        async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
            loop {
                tick.tick().await;
                if let Err(e) = services::attempts::close_expired(&db).await {
                    tracing::warn!(error = %e, "closing expired attempts");
                }
            }
        }
    });
    // Learning events are counted in the progress roll-ups in batches, off the request path.
    let folder = tokio::spawn(services::rollups::fold_every(
        database.clone(),
        std::time::Duration::from_secs(1),
    ));
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    println!("Checkpoint is serving http://{}", config.addr);
    axum::serve(
        listener,
        http::router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| format!("server error: {e}"))?;
    cleanup.abort();
    sweeper.abort();
    folder.abort();
    database
        .close()
        .await
        .map_err(|e| format!("closing the database: {e}"))?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

/// `checkpoint specimens generate`.
fn specimens_generate(
    count: u32,
    seed: u64,
    out: &std::path::Path,
    layout: &str,
    defects: Option<&str>,
) -> Result<ExitCode, String> {
    use content::specimens::{self, AnswerKey, Defect, Layout};
    let fixed: Option<Vec<Defect>> = match defects {
        None => None,
        Some(list) => Some(
            list.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|d| Defect::from_code(d).ok_or_else(|| format!("unknown defect {d:?}")))
                .collect::<Result<_, _>>()?,
        ),
    };
    if !matches!(layout, "td3" | "td1" | "mixed") {
        return Err(format!("unknown layout {layout:?} (td3, td1 or mixed)"));
    }
    if count == 0 || count > 10_000 {
        return Err("--count must be between 1 and 10000".to_owned());
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for index in 0..count {
        let layout = match layout {
            "td3" => Layout::Td3,
            "td1" => Layout::Td1,
            _ if index % 3 == 2 => Layout::Td1,
            _ => Layout::Td3,
        };
        let defects = fixed
            .clone()
            .unwrap_or_else(|| specimens::defects_for(seed, index));
        let s = specimens::generate(seed, index, layout, &defects);
        let stem = format!("specimen-{:04}", index + 1);
        let mut files = Vec::new();
        for (light, img) in [("visible", &s.visible), ("uv", &s.uv), ("ir", &s.ir)] {
            let name = format!("{stem}-{light}.png");
            std::fs::write(out.join(&name), specimens::png(img))
                .map_err(|e| format!("cannot write {name}: {e}"))?;
            files.push(name);
        }
        let key = AnswerKey {
            seed,
            index,
            layout,
            defects: s.defects.clone(),
            holder: s.holder.clone(),
            mrz: s.mrz.clone(),
            viz: s.viz.clone(),
            regions: s.regions.clone(),
            files,
        };
        let json = serde_json::to_string_pretty(&key).map_err(|e| e.to_string())?;
        std::fs::write(out.join(format!("{stem}.json")), json + "\n")
            .map_err(|e| format!("cannot write {stem}.json: {e}"))?;
        println!("{stem}: {} {:?}", s.mrz.join(" / "), s.defects);
    }
    Ok(ExitCode::SUCCESS)
}
