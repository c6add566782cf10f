//! Professionals' profiles and the directory: `GET`/`PUT /api/profile`,
//! `GET /api/professionals` and `GET /api/professionals/{id}`.
//!
//! The directory orders professionals by their next free time, which is
//! computed from each one's rules on every request (nothing is cached, so
//! any number of server processes agree).

pub mod cursor;
pub mod repo;

use crate::availability::{bookable, repo as availability_repo};
use crate::db::WriteScope;
use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use cursor::Place;
use repo::{Search, StoredProfile};
use sqlx::AnyConnection;
use tandem_api::profiles::{
    self, DirectoryPage, DirectoryQuery, ProfessionalProfile, UpdateProfileRequest,
    DIRECTORY_PAGE_SIZE, QUERY_MAX_CHARS,
};
use tandem_api::{ErrorCode, FieldError, UserId};

/// Words of the search text the directory uses at most.
const QUERY_MAX_WORDS: usize = 5;

/// One professional as clients see them: 404 `not_found` for no such
/// professional.
pub async fn one(state: &AppState, id: UserId) -> Result<ProfessionalProfile, AppError> {
    let mut conn = state.db.reader().acquire().await?;
    let stored = repo::by_id(&mut conn, id).await?.ok_or_else(not_found)?;
    let next_free = bookable::next_free(&mut conn, id, state.clock.now()).await?;
    complete(&mut conn, id, stored, next_free).await
}

/// One professional's profile as they wrote it, without their rules and
/// free times (what the top of their page shows): 404 `not_found` for no
/// such professional.
pub async fn written(state: &AppState, id: UserId) -> Result<StoredProfile, AppError> {
    let mut conn = state.db.reader().acquire().await?;
    repo::by_id(&mut conn, id).await?.ok_or_else(not_found)
}

/// Saves the caller's profile: 422 naming each refused field.
pub async fn update(
    state: &AppState,
    professional: UserId,
    request: UpdateProfileRequest,
) -> Result<ProfessionalProfile, AppError> {
    let profile = profiles::normalize_profile(&request).map_err(|refused| {
        AppError::Validation(
            refused
                .into_iter()
                .map(|(field, error)| FieldError {
                    field: field.into(),
                    message: error.to_string(),
                })
                .collect(),
        )
    })?;
    let mut tx = state
        .db
        .begin_write(WriteScope::User(professional.0))
        .await?;
    repo::save(&mut tx, professional, &profile, state.clock.now()).await?;
    tx.commit().await?;
    one(state, professional).await
}

/// One page of the directory: professionals matching the query, soonest
/// free first. 400 for a cursor it did not hand out, 422 for a language
/// it does not know or a search text over 100 characters.
pub async fn directory(
    state: &AppState,
    query: &DirectoryQuery,
) -> Result<DirectoryPage, AppError> {
    let search = checked_search(query)?;
    let after = match query.cursor.as_deref() {
        None => None,
        Some(text) => Some(cursor::decode(text).ok_or_else(|| {
            AppError::BadRequest("This page link is not valid: load the list again.".into())
        })?),
    };
    let now = state.clock.now();
    let mut conn = state.db.reader().acquire().await?;
    let found = repo::search(&mut conn, &search).await?;
    let mut places = Vec::with_capacity(found.len());
    for (id, name) in found {
        let next_free = bookable::next_free(&mut conn, id, now).await?;
        places.push((
            Place {
                next_free: next_free.map(|time| time.timestamp()),
                lower_name: name.to_lowercase(),
                id,
            },
            next_free,
        ));
    }
    places.sort_by(|(a, _), (b, _)| a.key().cmp(&b.key()));
    let start = after.map_or(0, |after| {
        places.partition_point(|(place, _)| place.key() <= after.key())
    });
    let page: Vec<_> = places
        .into_iter()
        .skip(start)
        .take(DIRECTORY_PAGE_SIZE + 1)
        .collect();
    let next_cursor = (page.len() > DIRECTORY_PAGE_SIZE)
        .then(|| cursor::encode(&page[DIRECTORY_PAGE_SIZE - 1].0));
    let mut items = Vec::with_capacity(DIRECTORY_PAGE_SIZE);
    for (place, next_free) in page.into_iter().take(DIRECTORY_PAGE_SIZE) {
        // Deleted between the search and now: left out.
        if let Some(stored) = repo::by_id(&mut conn, place.id).await? {
            items.push(complete(&mut conn, place.id, stored, next_free).await?);
        }
    }
    Ok(DirectoryPage { items, next_cursor })
}

fn checked_search(query: &DirectoryQuery) -> Result<Search, AppError> {
    let mut refused = Vec::new();
    let text = query.q.as_deref().unwrap_or("").trim();
    if text.chars().count() > QUERY_MAX_CHARS {
        refused.push(FieldError {
            field: "q".into(),
            message: format!("Search with at most {QUERY_MAX_CHARS} characters."),
        });
    }
    let language = query
        .language
        .as_deref()
        .map(|code| code.trim().to_ascii_lowercase())
        .filter(|code| !code.is_empty());
    if let Some(code) = &language {
        if profiles::language_name(code).is_none() {
            refused.push(FieldError {
                field: "language".into(),
                message: "Pick a language from the list (ISO 639-1 codes such as \"en\").".into(),
            });
        }
    }
    if !refused.is_empty() {
        return Err(AppError::Validation(refused));
    }
    Ok(Search {
        words: text
            .split_whitespace()
            .take(QUERY_MAX_WORDS)
            .map(str::to_lowercase)
            .collect(),
        specialty: query.specialty,
        language,
    })
}

/// The profile with what the rules say (zone, length, price).
async fn complete(
    db: &mut AnyConnection,
    id: UserId,
    stored: StoredProfile,
    next_free: Option<DateTime<Utc>>,
) -> Result<ProfessionalProfile, AppError> {
    let rules = availability_repo::rules(db, id).await?;
    Ok(ProfessionalProfile {
        id,
        full_name: stored.full_name,
        headline: stored.headline,
        about: stored.about,
        specialties: stored.specialties,
        tags: stored.tags,
        languages: stored.languages,
        time_zone: rules.as_ref().map(|rules| rules.time_zone.clone()),
        session_minutes: rules.as_ref().map(|rules| rules.session_minutes),
        price_cents: rules.as_ref().map(|rules| rules.price_cents),
        cancellation_cutoff_hours: rules
            .as_ref()
            .map_or(0, |rules| rules.cancellation_cutoff_hours),
        next_free,
    })
}

fn not_found() -> AppError {
    AppError::Coded(ErrorCode::NotFound, "There is no such professional.".into())
}
