//! The tables `profiles` and `profile_terms` (specialties, tags and
//! languages), and the directory's search over them.

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use tandem_api::profiles::{Specialty, UpdateProfileRequest};
use tandem_api::UserId;

/// A professional as the directory knows them, before rules and times.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredProfile {
    pub full_name: String,
    pub headline: String,
    pub about: String,
    pub specialties: Vec<Specialty>,
    pub tags: Vec<String>,
    pub languages: Vec<String>,
}

/// The professional's profile (empty texts and lists before they write
/// one); `None` for no such professional or a deleted account.
pub async fn by_id(
    db: &mut AnyConnection,
    professional: UserId,
) -> Result<Option<StoredProfile>, sqlx::Error> {
    let row: Option<(String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT u.full_name, p.headline, p.about
         FROM users u LEFT JOIN profiles p ON p.professional_id = u.id
         WHERE u.id = $1 AND u.role = 'professional' AND u.deleted_at IS NULL",
    )
    .bind(professional.0)
    .fetch_optional(&mut *db)
    .await?;
    let Some((full_name, headline, about)) = row else {
        return Ok(None);
    };
    let terms: Vec<(String, String)> = sqlx::query_as(
        "SELECT kind, term FROM profile_terms WHERE professional_id = $1 ORDER BY kind, position",
    )
    .bind(professional.0)
    .fetch_all(&mut *db)
    .await?;
    let mut profile = StoredProfile {
        full_name,
        headline: headline.unwrap_or_default(),
        about: about.unwrap_or_default(),
        ..StoredProfile::default()
    };
    for (kind, term) in terms {
        match kind.as_str() {
            "specialty" => profile.specialties.extend(Specialty::from_code(&term)),
            "tag" => profile.tags.push(term),
            _ => profile.languages.push(term),
        }
    }
    Ok(Some(profile))
}

/// Replaces the professional's profile. Run it in a write transaction of
/// the professional's own rows.
pub async fn save(
    db: &mut AnyConnection,
    professional: UserId,
    profile: &UpdateProfileRequest,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO profiles (professional_id, headline, about, updated_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (professional_id) DO UPDATE SET
             headline = excluded.headline, about = excluded.about,
             updated_at = excluded.updated_at",
    )
    .bind(professional.0)
    .bind(&profile.headline)
    .bind(&profile.about)
    .bind(now.timestamp())
    .execute(&mut *db)
    .await?;
    sqlx::query("DELETE FROM profile_terms WHERE professional_id = $1")
        .bind(professional.0)
        .execute(&mut *db)
        .await?;
    let terms = profile
        .specialties
        .iter()
        .map(|specialty| ("specialty", specialty.code()))
        .chain(profile.tags.iter().map(|tag| ("tag", tag.as_str())))
        .chain(
            profile
                .languages
                .iter()
                .map(|code| ("language", code.as_str())),
        );
    let mut positions = std::collections::HashMap::new();
    for (kind, term) in terms {
        let position: &mut i64 = positions.entry(kind).or_default();
        sqlx::query(
            "INSERT INTO profile_terms (professional_id, kind, position, term)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(professional.0)
        .bind(kind)
        .bind(*position)
        .bind(term)
        .execute(&mut *db)
        .await?;
        *position += 1;
    }
    Ok(())
}

/// Removes the profile of a deleted account.
pub async fn delete(db: &mut AnyConnection, professional: UserId) -> Result<(), sqlx::Error> {
    for statement in [
        "DELETE FROM profile_terms WHERE professional_id = $1",
        "DELETE FROM profiles WHERE professional_id = $1",
    ] {
        sqlx::query(statement)
            .bind(professional.0)
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

/// The directory's filters, checked: lower-cased words and codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// Each word must appear in the name, the headline or a tag.
    pub words: Vec<String>,
    pub specialty: Option<Specialty>,
    pub language: Option<String>,
}

/// Most professionals one search looks at (they are then ordered by
/// their next free time, which the database does not know).
pub const SEARCH_MAX: i64 = 1_000;

/// The professionals matching `search`: id and name, by id.
pub async fn search(
    db: &mut AnyConnection,
    search: &Search,
) -> Result<Vec<(UserId, String)>, sqlx::Error> {
    let mut sql = String::from(
        "SELECT u.id, u.full_name FROM users u LEFT JOIN profiles p ON p.professional_id = u.id
         WHERE u.role = 'professional' AND u.deleted_at IS NULL",
    );
    let mut binds: Vec<String> = Vec::new();
    for word in &search.words {
        binds.push(format!("%{}%", escape_like(word)));
        let n = binds.len();
        sql.push_str(&format!(
            " AND (lower(u.full_name) LIKE ${n} ESCAPE '\\'
                   OR lower(COALESCE(p.headline, '')) LIKE ${n} ESCAPE '\\'
                   OR EXISTS (SELECT 1 FROM profile_terms t WHERE t.professional_id = u.id
                              AND t.kind = 'tag' AND lower(t.term) LIKE ${n} ESCAPE '\\'))"
        ));
    }
    for (kind, term) in [
        ("specialty", search.specialty.map(|s| s.code().to_owned())),
        ("language", search.language.clone()),
    ] {
        if let Some(term) = term {
            binds.push(term);
            let n = binds.len();
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM profile_terms t WHERE t.professional_id = u.id
                              AND t.kind = '{kind}' AND t.term = ${n})"
            ));
        }
    }
    sql.push_str(&format!(" ORDER BY u.id LIMIT {SEARCH_MAX}"));
    let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
    for bind in binds {
        query = query.bind(bind);
    }
    let rows = query.fetch_all(&mut *db).await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (UserId(id), name))
        .collect())
}

/// `text` with LIKE's wildcards and the escape character escaped.
fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    #[test]
    fn wildcards_are_taken_literally() {
        assert_eq!(super::escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
