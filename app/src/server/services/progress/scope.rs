//! Who sees what: the filters checked against the viewer's roles (administrator, programme
//! manager, focal point, trainer) and turned into the scope the roll-up queries read.

use super::*;

/// The filters checked, as the roll-ups read them.
pub struct Scope {
    /// The months asked for (month indexes, inclusive), before clamping to the data.
    pub(super) months: (Option<i32>, Option<i32>),
    pub(super) country: Option<String>,
    pub(super) agency: Option<i64>,
    pub(super) course: Option<i64>,
    pub(super) class: Option<i64>,
    /// The classes a trainer may see (`None`: everything).
    pub(super) classes: Option<Vec<i64>>,
    /// The countries a programme manager covers (`None`: everything).
    pub(super) countries: Option<Vec<String>>,
    /// Role bit.
    pub(super) role: Option<i32>,
}

impl Scope {
    /// The dimensions filtered on.
    pub(super) fn filtered(&self) -> u8 {
        let mut d = 0;
        if self.agency.is_some() {
            d |= AGENCY;
        }
        if self.country.is_some() || self.countries.is_some() {
            d |= COUNTRY;
        }
        if self.course.is_some() {
            d |= COURSE;
        }
        if self.class.is_some() || self.classes.is_some() {
            d |= CLASS;
        }
        d
    }

    /// The dimensions held to one value (an agency fixes its country, a class its course).
    pub(super) fn fixed(&self) -> u8 {
        let mut d = 0;
        if self.agency.is_some() {
            d |= AGENCY;
        }
        if self.country.is_some() {
            d |= COUNTRY;
        }
        if self.course.is_some() {
            d |= COURSE;
        }
        if self.class.is_some() {
            d |= CLASS;
        }
        determined(d)
    }

    /// The filters as conditions on a roll-up table.
    pub(super) fn condition(&self, table: &str) -> Cond {
        let col = |c: &str| Expr::col((Alias::new(table), Alias::new(c)));
        let mut c = Cond::all();
        if let Some(code) = &self.country {
            c = c.add(col("country_code").eq(code.clone()));
        }
        if let Some(a) = self.agency {
            c = c.add(col("agency_id").eq(a));
        }
        if let Some(id) = self.course {
            c = c.add(col("course_id").eq(id));
        }
        if let Some(id) = self.class {
            c = c.add(col("class_id").eq(id));
        }
        if let Some(mine) = &self.classes {
            c = c.add(col("class_id").is_in(mine.clone()));
        }
        if let Some(codes) = &self.countries {
            c = c.add(col("country_code").is_in(codes.clone()));
        }
        if let Some(bit) = self.role {
            c = c.add(Expr::cust(format!("{table}.role_mask & {bit} <> 0")));
        }
        c
    }
}

pub(super) fn parse_id(v: &Option<String>, field: &str) -> AppResult<Option<i64>> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::field(field, Msg::ErrUnknownFilter)),
    }
}

/// Parses a month `YYYY-MM` into its month index; years 2000 to 2100.
pub fn parse_month(v: Option<&str>, field: &str) -> AppResult<Option<i32>> {
    let Some(s) = v.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let (y, m) = s
        .split_once('-')
        .filter(|(y, m)| y.len() == 4 && m.len() == 2)
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u8>().ok()?)))
        .filter(|(_, m)| (1..=12).contains(m))
        .ok_or(AppError::field(field, Msg::ErrMonth))?;
    if !(2000..=2100).contains(&y) {
        return Err(AppError::field(field, Msg::ErrDateRange));
    }
    Ok(Some(rollups::month_index(y, m)))
}

/// Checks `f` for `user`. Unknown ids, reversed or absurd months are refused with the field
/// concerned; a trainer asking for a class they do not train is refused outright.
pub async fn scope(db: &DatabaseConnection, user: &CurrentUser, f: &Filters) -> AppResult<Scope> {
    let viewer = viewer(db, user).await?;
    let from = parse_month(f.from.as_deref(), "from")?;
    let to = parse_month(f.to.as_deref(), "to")?;
    if let (Some(a), Some(b)) = (from, to)
        && b < a
    {
        return Err(AppError::field("to", Msg::ErrDatesReversed));
    }
    let mut country = None;
    if let Some(code) = f
        .country
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let c = country::Entity::find_by_id(code.to_owned())
            .one(db)
            .await?
            .ok_or(AppError::field("country", Msg::ErrUnknownFilter))?;
        country = Some(c.code);
    }
    let mut agency = parse_id(&f.agency, "agency")?;
    let mut agency_country = None;
    if let Some(a) = agency {
        agency_country = Some(
            agency::Entity::find_by_id(a)
                .one(db)
                .await?
                .ok_or(AppError::field("agency", Msg::ErrUnknownFilter))?
                .country_code,
        );
    }
    // Another agency or country than the viewer's is refused, not silently narrowed.
    let mut countries = None;
    match &viewer {
        Viewer::Agency(own, own_country) => {
            if agency.is_some_and(|a| a != *own)
                || country.as_ref().is_some_and(|c| c != own_country)
            {
                return Err(AppError::Forbidden);
            }
            agency = Some(*own);
        }
        Viewer::Countries(covered) => {
            let outside = |c: &Option<String>| c.as_ref().is_some_and(|c| !covered.contains(c));
            if outside(&country) || outside(&agency_country) {
                return Err(AppError::Forbidden);
            }
            countries = Some(covered.clone());
        }
        Viewer::All | Viewer::Classes(_) => {}
    }
    let course = parse_id(&f.course, "course")?;
    if let Some(id) = course {
        course::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::field("course", Msg::ErrUnknownFilter))?;
    }
    let classes = match &viewer {
        Viewer::Classes(mine) => Some(mine.clone()),
        _ => None,
    };
    let class = parse_id(&f.class, "class")?;
    if let Some(id) = class {
        class::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::field("class", Msg::ErrUnknownFilter))?;
        if classes.as_ref().is_some_and(|mine| !mine.contains(&id)) {
            return Err(AppError::Forbidden);
        }
    }
    let role = match f.role.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(code) => Some(rollups::role_bit(
            Role::ALL
                .into_iter()
                .find(|r| r.code() == code)
                .ok_or(AppError::field("role", Msg::ErrUnknownFilter))?,
        )),
    };
    if let Some(m) = f
        .measure
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        && !crate::model::progress::TREND_MEASURES
            .iter()
            .any(|(code, _)| *code == m)
    {
        return Err(AppError::field("measure", Msg::ErrUnknownFilter));
    }
    Ok(Scope {
        months: (from, to),
        country,
        agency,
        course,
        class,
        classes,
        countries,
        role,
    })
}

/// What a viewer may see.
pub(super) enum Viewer {
    /// Everything (administrators).
    All,
    /// The agencies of these countries (programme managers).
    Countries(Vec<String>),
    /// One agency, in its country (agency focal points).
    Agency(i64, String),
    /// These classes (trainers).
    Classes(Vec<i64>),
}

/// The widest scope `user`'s roles give; forbidden without a role that sees progress.
pub(super) async fn viewer(db: &DatabaseConnection, user: &CurrentUser) -> AppResult<Viewer> {
    if user.has(Role::Admin) {
        return Ok(Viewer::All);
    }
    if user.has(Role::Manager) {
        let covered = crate::server::services::people::countries_of(db, &[user.id])
            .await?
            .remove(&user.id)
            .unwrap_or_default();
        return Ok(Viewer::Countries(covered));
    }
    if user.has(Role::FocalPoint) {
        let own = crate::server::entities::person::Entity::find_by_id(user.id)
            .one(db)
            .await?
            .and_then(|p| p.agency_id);
        if let Some(a) = own
            && let Some(a) = agency::Entity::find_by_id(a).one(db).await?
        {
            return Ok(Viewer::Agency(a.id, a.country_code));
        }
        return Err(AppError::Forbidden);
    }
    if user.has(Role::Trainer) {
        return Ok(Viewer::Classes(
            crate::server::services::learn::records::trained_classes(db, user).await?,
        ));
    }
    Err(AppError::Forbidden)
}
