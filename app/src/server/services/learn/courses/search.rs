//! Search across the lessons a learner may read, with an extract around the words found.

use super::*;

/// The words of a search query (letters and digits only, at most eight).
pub(super) fn query_words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_lowercase)
        .collect()
}

/// Lessons `user` may see that contain every word of `q`, best matches first (at most 50).
pub async fn search(
    db: &DatabaseConnection,
    user: &CurrentUser,
    q: &str,
) -> AppResult<Vec<SearchHit>> {
    let words = query_words(q);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let stmt = match backend {
        DbBackend::Postgres => Statement::from_sql_and_values(
            backend,
            "SELECT id FROM lessons WHERE to_tsvector('simple', title || ' ' || body) @@ to_tsquery('simple', $1) LIMIT 200",
            [words
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & ")
                .into()],
        ),
        _ => Statement::from_sql_and_values(
            backend,
            "SELECT rowid AS id FROM lessons_fts WHERE lessons_fts MATCH $1 ORDER BY rank LIMIT 200",
            [words
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" ")
                .into()],
        ),
    };
    let ids: Vec<i64> = db
        .query_all(stmt)
        .await?
        .iter()
        .filter_map(|r| r.try_get::<i64>("", "id").ok())
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rank: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut found = lesson::Entity::find()
        .filter(lesson::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let course_ids: Vec<i64> = found.iter().map(|l| l.course_id).collect();
    let courses: HashMap<i64, course::Model> = course::Entity::find()
        .filter(course::Column::Id.is_in(course_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let author = can_author(user);
    let enrolled = if author {
        HashSet::new()
    } else {
        enrolled_courses(db, user).await?
    };
    found.retain(|l| {
        author
            || (l.published
                && enrolled.contains(&l.course_id)
                && courses.get(&l.course_id).is_some_and(|c| c.published))
    });
    found.sort_by_key(|l| rank.get(&l.id).copied().unwrap_or(usize::MAX));
    Ok(found
        .into_iter()
        .take(50)
        .filter_map(|l| {
            let c = courses.get(&l.course_id)?;
            Some(SearchHit {
                lesson_id: l.id,
                course_slug: c.slug.clone(),
                course_title: c.title.clone(),
                extract: extract(&l.body, &words),
                title: l.title,
            })
        })
        .collect())
}

/// About 200 characters of plain text around the first query word in `body`.
pub(super) fn extract(body: &str, words: &[String]) -> String {
    let plain: String = body
        .lines()
        .filter(|l| {
            !l.trim_start().starts_with(['|', '!', '#', '>'])
                || l.trim_start().starts_with("> ") && !l.contains("[!")
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['*', '_', '`', '[', ']', '>'], "");
    let lower = plain.to_lowercase();
    let at = words
        .iter()
        .filter_map(|w| lower.find(w.as_str()))
        .min()
        .unwrap_or(0);
    let chars: Vec<char> = plain.chars().collect();
    let char_at = plain[..at.min(plain.len())].chars().count();
    let start = char_at.saturating_sub(80);
    let end = (char_at + 120).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if start > 0 {
        s.insert_str(0, "… ");
    }
    if end < chars.len() {
        s.push_str(" …");
    }
    s
}
