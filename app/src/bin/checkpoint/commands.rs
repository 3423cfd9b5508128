//! The administrative commands that do more than call one service: MRZ and framework
//! checks, question and user imports, specimen generation.

use super::*;

/// `checkpoint names match`: the explained score of two identities, as JSON.
pub(super) fn names_match(args: &super::NamesMatchArgs) -> ExitCode {
    use assessments::names::score::{HIT_THRESHOLD, Sex};
    use assessments::names::{Identity, Name, PartialDate, compare};
    let refuse = |argument: &str, error: String| {
        println!(
            "{}",
            serde_json::json!({ "error": error, "argument": argument })
        );
        ExitCode::from(2)
    };
    let side = |name: &str,
                dob: &Option<String>,
                nationality: &Option<String>,
                sex: &Option<String>,
                document: &Option<String>,
                suffix: &str|
     -> Result<Identity, ExitCode> {
        let name = Name::parse(name).map_err(|e| {
            refuse(
                &format!("name_{}", if suffix.is_empty() { "a" } else { "b" }),
                e.to_string(),
            )
        })?;
        let birth = dob
            .as_deref()
            .map(PartialDate::parse)
            .transpose()
            .map_err(|e| refuse(&format!("dob{suffix}"), e.to_string()))?;
        let sex = match sex.as_deref() {
            None => None,
            Some(s) => Some(
                Sex::parse(s)
                    .ok_or_else(|| refuse(&format!("sex{suffix}"), "write F, M or X".into()))?,
            ),
        };
        Ok(Identity {
            birth,
            nationality: nationality.clone(),
            sex,
            document: document.clone(),
            ..Identity::named(name)
        })
    };
    let a = match side(
        &args.name_a,
        &args.dob,
        &args.nationality,
        &args.sex,
        &args.document,
        "",
    ) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let b = match side(
        &args.name_b,
        &args.dob_b,
        &args.nationality_b,
        &args.sex_b,
        &args.document_b,
        "_b",
    ) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let explanation = compare(&a, &b);
    let mut json = serde_json::to_value(&explanation).expect("an explanation is plain data");
    json["threshold"] = serde_json::json!(HIT_THRESHOLD);
    println!("{json}");
    ExitCode::SUCCESS
}

pub(super) fn content_check(paths: &[std::path::PathBuf]) -> ExitCode {
    let packs: Vec<(String, content::pack::CoursePack)> = if paths.is_empty() {
        match content::pack::shipped() {
            Ok(packs) => packs
                .into_iter()
                .map(|p| (format!("content/packs/{}", p.meta.id), p))
                .collect(),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    } else {
        let mut out = Vec::new();
        for path in paths {
            match content::pack::load(path) {
                Ok(p) => out.push((path.display().to_string(), p)),
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            }
        }
        out
    };
    let framework = match content::tna::shipped() {
        Ok((f, _)) => f,
        Err(e) => {
            eprintln!("the competency framework: {e}");
            return ExitCode::from(2);
        }
    };
    let cx = content::pack::check::Context {
        competencies: framework.ids(),
    };
    let mut failed = false;
    for (name, pack) in &packs {
        let findings = content::pack::check::check(pack, &cx);
        if findings.is_empty() {
            println!("{name}: passes");
        }
        for f in &findings {
            println!("{name}/{f}");
        }
        failed |= !findings.is_empty();
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

pub(super) fn mrz_check(args: &[String]) -> ExitCode {
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

pub(super) fn framework_check(file: &std::path::Path) -> ExitCode {
    match content::framework::check_file(file) {
        Ok(fw) => {
            let s = fw.summary();
            println!(
                "{}",
                serde_json::json!({
                    "id": fw.id,
                    "version": fw.version,
                    "language": fw.language,
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

pub(super) async fn questions_import(
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
    let report = services::quizzes::bank::import_file(database, found.id, name, &bytes, valid_only)
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
        if !report.written && report.valid > 0 && !valid_only {
            println!(
                "nothing was imported (use --valid-only to import the {} valid question(s))",
                report.valid
            );
        } else if !report.written {
            println!("nothing was imported");
        }
    }
    Ok(if report.imported == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub(super) fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

pub(super) async fn user_add(
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

/// `checkpoint desk generate`: a shift's travellers, images, key and lists.
pub(super) fn desk_generate(args: &super::DeskGenerateArgs) -> Result<ExitCode, String> {
    use assessments::desk::shift::CaseKind;
    use assessments::desk::stay::Rule;
    use content::desk::alerts::write_watch_csv;
    use content::desk::travellers::{Spec, scenario};
    use content::specimens::{bearer_photo, png};
    let chance = match args.rate.as_str() {
        "realistic" => 1.0 / 2000.0,
        "drill" => 1.0 / 20.0,
        other => other
            .parse::<f64>()
            .ok()
            .filter(|r| r.is_finite() && (0.0..=1.0).contains(r))
            .ok_or_else(|| {
                format!("--rate {other:?}: write realistic, drill or a chance from 0 to 1")
            })?,
    };
    let special: Vec<CaseKind> = CaseKind::ALL
        .into_iter()
        .filter(|k| *k != CaseKind::Genuine)
        .collect();
    let today = match &args.today {
        Some(text) => time::Date::parse(text, &time::format_description::well_known::Iso8601::DATE)
            .map_err(|_| format!("--today {text:?}: write the date as YYYY-MM-DD"))?,
        None => time::OffsetDateTime::now_utc().date(),
    };
    let spec = Spec {
        seed: args.seed,
        travellers: args.travellers,
        today,
        rule: Rule::NINETY_IN_ONE_EIGHTY,
        rates: special
            .iter()
            .map(|k| (*k, chance / special.len() as f64))
            .collect(),
        fixed: Vec::new(),
        list_size: args.list_size,
        exit_share: args.exit_share,
    };
    let shift = scenario(&spec).map_err(|e| e.to_string())?;
    let out = &args.out;
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(out.join(name), bytes).map_err(|e| format!("cannot write {name}: {e}"))
    };
    let mut travellers = Vec::new();
    for t in &shift.travellers {
        let stem = format!("traveller-{:03}", t.index + 1);
        let specimen = t.specimen(spec.seed);
        let mut files = Vec::new();
        for (light, img) in [
            ("visible", &specimen.visible),
            ("uv", &specimen.uv),
            ("ir", &specimen.ir),
        ] {
            let name = format!("{stem}-{light}.png");
            write(&name, &png(img))?;
            files.push(name);
        }
        let name = format!("{stem}-bearer.png");
        write(
            &name,
            &png(&bearer_photo(&t.bearer, spec.seed ^ u64::from(t.index))),
        )?;
        files.push(name);
        let mut entry = serde_json::to_value(t).map_err(|e| e.to_string())?;
        entry["mrz"] = serde_json::json!(specimen.mrz);
        entry["files"] = serde_json::json!(files);
        entry["must_stop"] = serde_json::json!(t.key.must_stop());
        travellers.push(entry);
        println!("{stem}: {:?} {}", t.key.kind, specimen.mrz.join(" / "));
    }
    let key = serde_json::json!({
        "seed": spec.seed,
        "today": format!("{:04}-{:02}-{:02}", today.year(), u8::from(today.month()), today.day()),
        "rule": spec.rule,
        "travellers": travellers,
    });
    write(
        "key.json",
        (serde_json::to_string_pretty(&key).map_err(|e| e.to_string())? + "\n").as_bytes(),
    )?;
    write("watch-list.csv", write_watch_csv(&shift.watch).as_bytes())?;
    let mut stolen = String::from("number,issuing_state,kind,status,reported\n");
    for d in &shift.stolen {
        let kind = match d.kind {
            content::desk::alerts::DocumentKind::Passport => "passport",
            content::desk::alerts::DocumentKind::IdentityCard => "identity_card",
        };
        stolen.push_str(&format!(
            "{},{},{kind},{},{}\n",
            d.number, d.issuing_state, d.status, d.reported
        ));
    }
    write("stolen-documents.csv", stolen.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `checkpoint specimens generate`.
pub(super) fn specimens_generate(
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
    let fixed_layout = Layout::from_code(layout);
    if fixed_layout.is_none() && layout != "mixed" {
        return Err(format!(
            "unknown layout {layout:?} (td3, td1, td2, mrv_a or mixed)"
        ));
    }
    if count == 0 || count > 10_000 {
        return Err("--count must be between 1 and 10000".to_owned());
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for index in 0..count {
        let layout = match fixed_layout {
            Some(l) => l,
            None if index % 3 == 2 => Layout::Td1,
            None => Layout::Td3,
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
