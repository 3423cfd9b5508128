//! Demo data: a fictional country (Utopia), its border agencies, one account per role, the
//! shipped courses and a demo class for each, with the demo trainee enrolled. Loading it twice
//! changes nothing.

//!
//! Every demonstration seeder lives here and writes through the same services a person uses:
//! [`capacity`] (a capacity assessment in progress), [`tna`] (a needs-analysis campaign with
//! responses) and [`scale`] (a large synthetic population for load and dashboard tests).

pub mod capacity;
pub mod scale;
pub mod tna;

use crate::error::AppResult;
use crate::i18n::Lang;
use crate::model::{AgencyKind, Role};
use crate::server::entities::{agency, class, class_trainer, course, enrolment, person, position};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

/// A demo account: login, password, display name, roles.
pub struct DemoLogin {
    /// Login.
    pub login: &'static str,
    /// Password (demo only — change or deactivate these accounts in production).
    pub password: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Roles.
    pub roles: &'static [Role],
}

/// The demo accounts, one per role.
pub const LOGINS: [DemoLogin; 7] = [
    DemoLogin {
        login: "admin",
        password: "admin-demo-2026",
        name: "Amina Diallo",
        roles: &[Role::Admin],
    },
    DemoLogin {
        login: "trainer",
        password: "trainer-demo-2026",
        name: "Jonas Berg",
        roles: &[Role::Trainer],
    },
    DemoLogin {
        login: "assessor",
        password: "assessor-demo-2026",
        name: "Lucía Moreno",
        roles: &[Role::Assessor],
    },
    DemoLogin {
        login: "trainee",
        password: "trainee-demo-2026",
        name: "Samuel Okoro",
        roles: &[Role::Trainee],
    },
    DemoLogin {
        login: "analyst",
        password: "analyst-demo-2026",
        name: "Mei Tanaka",
        roles: &[Role::Analyst],
    },
    DemoLogin {
        login: "focal",
        password: "focal-demo-2026",
        name: "Grace Mensah",
        roles: &[Role::FocalPoint],
    },
    DemoLogin {
        login: "manager",
        password: "manager-demo-2026",
        name: "Omar Haddad",
        roles: &[Role::Manager],
    },
];

const AGENCIES: [(&str, AgencyKind, &[&str]); 3] = [
    (
        "Utopia Immigration Service",
        AgencyKind::Immigration,
        &[
            "Front-line immigration officer",
            "Shift supervisor",
            "Document examiner",
            "Training officer",
        ],
    ),
    (
        "Utopia Border Police",
        AgencyKind::BorderPolice,
        &["Border guard", "Intelligence analyst", "Post commander"],
    ),
    (
        "Utopia Customs Administration",
        AgencyKind::Customs,
        &["Customs officer", "Risk analyst"],
    ),
];

async fn ensure_agency(
    db: &DatabaseConnection,
    name: &str,
    kind: AgencyKind,
    positions: &[&str],
) -> AppResult<i64> {
    let existing = agency::Entity::find()
        .filter(agency::Column::CountryCode.eq("UTO"))
        .filter(agency::Column::Name.eq(name))
        .one(db)
        .await?;
    let id = match existing {
        Some(a) => a.id,
        None => {
            let now = crate::server::services::now();
            agency::ActiveModel {
                name: Set(name.to_owned()),
                country_code: Set("UTO".to_owned()),
                kind: Set(kind),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?
            .id
        }
    };
    for title in positions {
        let exists = position::Entity::find()
            .filter(position::Column::AgencyId.eq(id))
            .filter(position::Column::Title.eq(*title))
            .one(db)
            .await?
            .is_some();
        if !exists {
            position::ActiveModel {
                agency_id: Set(id),
                title: Set((*title).to_owned()),
                created_at: Set(crate::server::services::now()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(id)
}

/// Loads the demo data (idempotent): Utopia's agencies, one account per role, and the shipped
/// courses, published.
pub async fn load(db: &DatabaseConnection) -> AppResult<()> {
    crate::server::services::learn::courses::import_shipped(db).await?;
    crate::server::services::people::countries::ensure_fictional(db, content::utopia()).await?;
    let mut agency_ids = Vec::new();
    for (name, kind, positions) in AGENCIES {
        agency_ids.push(ensure_agency(db, name, kind, positions).await?);
    }
    let immigration = agency_ids[0];
    for demo in &LOGINS {
        let exists = person::Entity::find()
            .filter(person::Column::Login.eq(demo.login))
            .one(db)
            .await?
            .is_some();
        if exists {
            continue;
        }
        let position = match demo.roles.first() {
            Some(Role::Trainee) => Some("Front-line immigration officer"),
            Some(Role::Trainer) => Some("Training officer"),
            _ => None,
        };
        let position_id = match position {
            Some(title) => position::Entity::find()
                .filter(position::Column::AgencyId.eq(immigration))
                .filter(position::Column::Title.eq(title))
                .one(db)
                .await?
                .map(|p| p.id),
            None => None,
        };
        let p = crate::server::services::people::NewPerson {
            login: demo.login.to_owned(),
            display_name: demo.name.to_owned(),
            email: None,
            agency_id: Some(immigration),
            position_id,
            roles: demo.roles.to_vec(),
            // The demo programme manager covers Utopia.
            countries: if demo.roles.contains(&Role::Manager) {
                vec![content::utopia().alpha3]
            } else {
                Vec::new()
            },
            lang: Lang::En,
        };
        crate::server::services::people::create_direct(db, &p, demo.password).await?;
    }
    ensure_classes(db).await?;
    ensure_desk(db).await?;
    crate::server::services::demo::capacity::ensure_demo(db).await?;
    crate::server::services::demo::tna::ensure(db).await
}

/// The demo border-desk shift: a practice shift of the primary-line course, set up by the
/// administrator through the scenario service, with one case of each list kind and an
/// impostor placed among genuine travellers.
async fn ensure_desk(db: &DatabaseConnection) -> AppResult<()> {
    use crate::server::entities::desk_scenario;
    use crate::server::services::desk::scenarios;
    use assessments::desk::shift::CaseKind;
    const TITLE: &str = "Practice shift: morning arrivals and departures";
    let Some(c) = course::Entity::find()
        .filter(course::Column::Slug.eq("primary-line"))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let exists = desk_scenario::Entity::find()
        .filter(desk_scenario::Column::CourseId.eq(c.id))
        .filter(desk_scenario::Column::Title.eq(TITLE))
        .one(db)
        .await?
        .is_some();
    let Some(admin) = person::Entity::find()
        .filter(person::Column::Login.eq("admin"))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    if exists {
        return Ok(());
    }
    let Some((admin, _)) = crate::server::services::people::current_user(db, admin.id).await?
    else {
        return Ok(());
    };
    scenarios::create(
        db,
        &admin,
        &c.slug,
        scenarios::ScenarioInput {
            title: TITLE.to_owned(),
            travellers: 12,
            seed: 2026,
            rates: Vec::new(),
            fixed: vec![
                (CaseKind::TrueHit, 1),
                (CaseKind::NearMiss, 1),
                (CaseKind::TransliterationHit, 1),
                (CaseKind::StolenDocument, 1),
                (CaseKind::Impostor, 1),
            ],
            rule: assessments::desk::stay::Rule::NINETY_IN_ONE_EIGHTY,
            time_limit_minutes: 20,
            list_size: 2_000,
            today: crate::server::services::now().date(),
            class_id: None,
            own_list: Vec::new(),
            exit_share: 0.25,
        },
    )
    .await?;
    Ok(())
}

/// One demo class per course, run by the demo trainer, with the demo trainee enrolled.
async fn ensure_classes(db: &DatabaseConnection) -> AppResult<()> {
    let id_of = |login: &'static str| async move {
        person::Entity::find()
            .filter(person::Column::Login.eq(login))
            .one(db)
            .await
            .map(|p| p.map(|p| p.id))
    };
    let (Some(trainer), Some(trainee)) = (id_of("trainer").await?, id_of("trainee").await?) else {
        return Ok(());
    };
    for c in course::Entity::find()
        .filter(course::Column::CreatedBy.is_null())
        .all(db)
        .await?
    {
        let name = format!("Demo class — {}", c.title);
        let existing = class::Entity::find()
            .filter(class::Column::CourseId.eq(c.id))
            .filter(class::Column::Name.eq(&name))
            .one(db)
            .await?;
        if existing.is_some() {
            continue;
        }
        let today = crate::server::services::now().date();
        let row = class::ActiveModel {
            course_id: Set(c.id),
            name: Set(name),
            starts_on: Set(today),
            ends_on: Set(today + time::Duration::days(30)),
            location: Set("Utopia Border Training Centre".to_owned()),
            training_of_trainers: Set(false),
            join_code: Set(format!("DEMO{:04}", c.id % 10_000)),
            created_by: Set(Some(trainer)),
            created_at: Set(crate::server::services::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        class_trainer::ActiveModel {
            class_id: Set(row.id),
            person_id: Set(trainer),
        }
        .insert(db)
        .await?;
        enrolment::ActiveModel {
            class_id: Set(row.id),
            person_id: Set(trainee),
            enrolled_at: Set(crate::server::services::now()),
        }
        .insert(db)
        .await?;
        crate::server::services::progress::events::record(
            db,
            trainee,
            crate::server::services::progress::events::EventKind::Enrolled,
            row.course_id,
            None,
        )
        .await?;
    }
    Ok(())
}
