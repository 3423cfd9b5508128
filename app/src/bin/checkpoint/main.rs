//! The `checkpoint` command: serves the web app and administers an installation.

use app::model::Role;
use app::server::{config::Config, db, services};
use clap::{Args, Parser, Subcommand};
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: rendering a page allocates and frees many small
/// strings, and glibc's allocator took 18 % of the server's CPU time on a lesson page (see
/// `docs/benchmarks.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod commands;
mod serving;
use commands::*;
use serving::*;

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
    /// Names across scripts: transliteration and explained matching (ICAO Doc 9303 Part 3).
    #[command(subcommand)]
    Names(NamesCommand),
    /// The border desk: generated shifts of travellers with alert lists.
    #[command(subcommand)]
    Desk(DeskCommand),
    /// Progress dashboards.
    #[command(subcommand)]
    Progress(ProgressCommand),
    /// Fictional Utopian specimen documents for document-examination practice.
    #[command(subcommand)]
    Specimens(SpecimensCommand),
    /// Course content: check packs before a trainer pilots them.
    #[command(subcommand)]
    Content(ContentCommand),
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
        /// The report's language: en, fr, es or ar (headings and the framework's edition).
        #[arg(long, default_value = "en")]
        lang: String,
    },
}

#[derive(Subcommand)]
enum ContentCommand {
    /// Check course packs (folders or zips; the shipped packs when none is given): links,
    /// alternative text, lesson durations against words and session plans, competency tags,
    /// test items kept out of practice, post-test length, MRZ check digits and the trainer
    /// materials. Prints one line per finding; exits 0 when every pack passes, 1 otherwise,
    /// 2 when a pack cannot be read. Needs no database.
    Check {
        /// Pack folders or zip files.
        packs: Vec<PathBuf>,
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
enum DeskCommand {
    /// Generate a shift: for each traveller the document under visible, UV and IR light and
    /// the bearer's photo (PNG), then `key.json` (every traveller with what they really are and
    /// what the officer should do), `watch-list.csv` (importable as a trainer's list) and
    /// `stolen-documents.csv`. The same arguments (with the same `--today`) give byte-identical
    /// files. Needs no database.
    Generate(DeskGenerateArgs),
}

#[derive(Args)]
pub(crate) struct DeskGenerateArgs {
    /// How many travellers (1 to 500).
    #[arg(long, default_value_t = 20)]
    pub travellers: u32,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The folder to write (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// How often a traveller is a case other than genuine: `realistic` (1 in 2,000), `drill`
    /// (1 in 20) or a chance such as 0.1; spread evenly over the case kinds.
    #[arg(long, default_value = "drill")]
    pub rate: String,
    /// Persons on the generated watch list (the cases' own entries come on top).
    #[arg(long, default_value_t = 5_000)]
    pub list_size: usize,
    /// The share of departing travellers, from 0 to 1.
    #[arg(long, default_value_t = 0.0)]
    pub exit_share: f64,
    /// The day of the shift, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub today: Option<String>,
}

#[derive(Subcommand)]
enum NamesCommand {
    /// Score how closely two identities match, as the border desk's list query does, and
    /// explain the score: each feature with its value and weight, the name parts as they were
    /// paired. Names may be typed in Latin, Cyrillic or Arabic script, or as an MRZ name
    /// (`SURNAME<<GIVEN<NAMES`). Prints JSON and exits 0; exits 2 with {"error", "argument"}
    /// when an input is not a name or a date. Needs no database.
    Match(NamesMatchArgs),
}

#[derive(Args)]
pub(crate) struct NamesMatchArgs {
    /// The first name (the traveller).
    pub name_a: String,
    /// The second name (the list entry).
    pub name_b: String,
    /// The first person's date of birth: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long)]
    pub dob: Option<String>,
    /// The second person's date of birth.
    #[arg(long)]
    pub dob_b: Option<String>,
    /// The first person's nationality (three-letter code).
    #[arg(long)]
    pub nationality: Option<String>,
    #[arg(long)]
    pub nationality_b: Option<String>,
    /// The first person's sex: F, M or X.
    #[arg(long)]
    pub sex: Option<String>,
    #[arg(long)]
    pub sex_b: Option<String>,
    /// The first person's document number.
    #[arg(long)]
    pub document: Option<String>,
    #[arg(long)]
    pub document_b: Option<String>,
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
        /// `td3` (passport data page), `td1` (identity card), `td2` (residence permit),
        /// `mrv_a` (visa foil) or `mixed` (passports and identity cards).
        #[arg(long, default_value = "mixed")]
        layout: String,
        /// Defects to inject in every specimen, comma separated (wrong_check_digit,
        /// name_mismatch, date_mismatch, number_mismatch, altered_digit, substituted_portrait,
        /// missing_uv, wrong_font, screened_background, page_substitution, laminate_lifting,
        /// missing_ovd; each drawn where the layout has it); by default each specimen gets none,
        /// one or two of the first nine at random.
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
    if let Command::Content(ContentCommand::Check { packs }) = &cli.command {
        return Ok(content_check(packs));
    }
    if let Command::Names(NamesCommand::Match(args)) = &cli.command {
        return Ok(names_match(args));
    }
    if let Command::Desk(DeskCommand::Generate(args)) = &cli.command {
        return desk_generate(args);
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
                Some("large") => Some(services::demo::scale::LARGE),
                Some(other) => return Err(format!("unknown scale {other:?} (large)")),
            };
            services::demo::load(&database)
                .await
                .map_err(|e| format!("demo data: {e}"))?;
            let made = services::exercises::generated::ensure_shipped(&database)
                .await
                .map_err(|e| format!("shipped exercises: {e}"))?
                + services::exercises::generated::ensure_shipped_second_part(&database)
                    .await
                    .map_err(|e| format!("shipped exercises: {e}"))?;
            if made > 0 {
                println!("{made} document-examination exercises generated");
            }
            if let Some(size) = size {
                let started = std::time::Instant::now();
                let n = services::demo::scale::generate(&database, size, seed)
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
            let summary = services::learn::courses::import_pack(&database, &pack, None, publish)
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
        Command::Content(ContentCommand::Check { packs }) => return Ok(content_check(&packs)),
        Command::Names(NamesCommand::Match(args)) => return Ok(names_match(&args)),
        Command::Desk(DeskCommand::Generate(args)) => return desk_generate(&args),
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
        Command::Assessment(AssessmentCommand::Report {
            id,
            format,
            out,
            lang,
        }) => {
            let lang = app::validate::language(&lang)
                .map_err(|_| format!("--lang {lang}: use en, fr, es or ar"))?;
            let report = services::capacity::report_for_export(&database, id, lang)
                .await
                .map_err(|e| match e {
                    app::error::AppError::NotFound => format!("no assessment {id}"),
                    other => other.to_string(),
                })?;
            let bytes = match format {
                ReportFormat::Pdf => app::server::reports::capacity_pdf::render(&report),
                ReportFormat::Md => {
                    app::server::reports::capacity_text::report_markdown(&report).into_bytes()
                }
                ReportFormat::Html => {
                    app::server::reports::capacity_text::report_html(&report).into_bytes()
                }
            };
            std::fs::write(&out, bytes)
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            println!("wrote {}", out.display());
        }
        Command::Progress(ProgressCommand::Rebuild) => {
            let n = services::progress::rollups::rebuild(&database, true)
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
                    .filter(tna_response::Column::Status.eq(app::model::ResponseStatus::Submitted))
                    .count(&database)
                    .await
                    .map_err(|e| e.to_string())?;
                println!("{}\t{}\t{}\t{}", c.id, c.status, responses, c.title);
            }
        }
        Command::Tna(TnaCommand::Report { id, format, out }) => {
            let format = match format {
                TnaFormat::Csv => services::tna::results::Format::Csv,
                TnaFormat::Xlsx => services::tna::results::Format::Xlsx,
            };
            let bytes = services::tna::results::export(&database, id, format)
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
            let pack = services::learn::courses::export_pack(&database, &course)
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
            let outcome = services::people::import::import_people(&database, &bytes)
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
