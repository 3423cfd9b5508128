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

/// About thirty words of plain text around the first word of `body` that a query word begins
/// (as the search matches), cut at whole words, as runs of text with each matching word marked
/// (`true`). An ellipsis shows where the lesson goes on.
pub(super) fn extract(body: &str, words: &[String]) -> Vec<(String, bool)> {
    let plain: String = body
        .lines()
        .filter(|l| {
            !l.trim_start().starts_with(['|', '!', '#', '>'])
                || l.trim_start().starts_with("> ") && !l.contains("[!")
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['*', '_', '`', '[', ']', '>'], "");
    let tokens: Vec<&str> = plain.split_whitespace().collect();
    let matches = |token: &str| {
        token
            .split(|c: char| !c.is_alphanumeric())
            .filter(|part| !part.is_empty())
            .any(|part| {
                let part = part.to_lowercase();
                words.iter().any(|w| part.starts_with(w.as_str()))
            })
    };
    let first = tokens.iter().position(|t| matches(t)).unwrap_or(0);
    let start = first.saturating_sub(12);
    let end = (first + 22).min(tokens.len());
    let mut runs: Vec<(String, bool)> = Vec::new();
    let mut push = |text: &str, marked: bool| {
        if text.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some((last, m)) if *m == marked => last.push_str(text),
            _ => runs.push((text.to_owned(), marked)),
        }
    };
    if start > 0 {
        push("… ", false);
    }
    for (i, token) in tokens[start..end].iter().enumerate() {
        if i > 0 {
            push(" ", false);
        }
        // Punctuation around a matching word stays unmarked.
        match (
            token.find(char::is_alphanumeric),
            token
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_alphanumeric()),
        ) {
            (Some(from), Some((last, c))) if matches(token) => {
                let to = last + c.len_utf8();
                push(&token[..from], false);
                push(&token[from..to], true);
                push(&token[to..], false);
            }
            _ => push(token, false),
        }
    }
    if end < tokens.len() {
        push(" …", false);
    }
    runs
}
