//! A traveller's images: the document under visible, ultraviolet and infrared light, and the
//! photo of the person at the counter. They are drawn when first asked for (a page takes about
//! a tenth of a second to draw) and the last few travellers' are kept, encoded, in memory: the
//! four images of the desk are asked for at once, and one drawing serves them all.
//!
//! Who may see them: the trainee whose shift it is, for the traveller at the desk and those
//! already decided; the course's trainers, for any traveller of a shift they may review.

use super::*;
use crate::model::CurrentUser;
use content::desk::travellers::Traveller;
use tokio::sync::OnceCell;

/// The images of one traveller, JPEG-encoded.
#[derive(Debug)]
pub struct Images {
    pub visible: Vec<u8>,
    pub uv: Vec<u8>,
    pub ir: Vec<u8>,
    pub bearer: Vec<u8>,
}

impl Images {
    /// The image named `light`: `visible`, `uv`, `ir` or `bearer`.
    pub fn get(&self, light: &str) -> Option<&[u8]> {
        match light {
            "visible" => Some(&self.visible),
            "uv" => Some(&self.uv),
            "ir" => Some(&self.ir),
            "bearer" => Some(&self.bearer),
            _ => None,
        }
    }
}

/// Travellers whose images are kept.
const KEPT: usize = 24;

type Slot = Arc<OnceCell<Arc<Images>>>;
/// (database, scenario, traveller).
type Drawn = (String, i64, u32);
static DRAWN: Mutex<Vec<(Drawn, Slot)>> = Mutex::new(Vec::new());

/// The images of traveller `traveller` of shift `shift_id`, for `user`.
pub async fn of_traveller(
    db: &DatabaseConnection,
    user: &CurrentUser,
    shift_id: i64,
    traveller: u32,
) -> AppResult<Arc<Images>> {
    use crate::server::entities::{desk_decision, desk_shift};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let shift = desk_shift::Entity::find_by_id(shift_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = scenario_row(db, shift.scenario_id).await?;
    if shift.person_id == user.id {
        // The trainee sees the traveller called and those before, never the queue ahead; once
        // the shift is over, only the travellers decided.
        let decided = desk_decision::Entity::find()
            .filter(desk_decision::Column::ShiftId.eq(shift_id))
            .count(db)
            .await?;
        let over = shift.finished_at.is_some() || crate::server::services::now() >= shift.deadline;
        let seen = if over { decided } else { decided + 1 };
        if u64::from(traveller) >= seen {
            return Err(AppError::NotFound);
        }
    } else {
        let course = scenarios::course_of(db, user, &row).await?;
        if trainers::reviewer(db, user, &course, &row, shift.person_id)
            .await?
            .is_none()
        {
            return Err(AppError::Forbidden);
        }
    }
    let g = generated(db, &row).await?;
    let t = g
        .shift
        .travellers
        .get(traveller as usize)
        .ok_or(AppError::NotFound)?
        .clone();
    let seed = g.shift.spec.seed;
    let key = (crate::server::services::database_key(db), row.id, traveller);
    let slot = {
        let mut kept = DRAWN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match kept.iter().position(|(k, _)| *k == key) {
            Some(at) => {
                let hit = kept.remove(at);
                let slot = hit.1.clone();
                kept.push(hit);
                slot
            }
            None => {
                if kept.len() >= KEPT {
                    kept.remove(0);
                }
                let slot: Slot = Arc::default();
                kept.push((key, slot.clone()));
                slot
            }
        }
    };
    slot.get_or_try_init(|| async move {
        tokio::task::spawn_blocking(move || Arc::new(draw(&t, seed)))
            .await
            .map_err(|e| crate::server::errors::internal("desk drawing task", e))
    })
    .await
    .cloned()
}

fn draw(t: &Traveller, seed: u64) -> Images {
    let specimen = t.specimen(seed);
    let jpeg = |image| content::images::jpeg(image, 85);
    Images {
        visible: jpeg(&specimen.visible),
        uv: jpeg(&specimen.uv),
        ir: jpeg(&specimen.ir),
        bearer: jpeg(&content::specimens::bearer_photo(
            &t.bearer,
            seed ^ u64::from(t.index),
        )),
    }
}
