//! The signed-in person's own account: name and time zone, password
//! change, signing out everywhere, and deleting the account.

pub mod password_check;
pub mod repo;

use crate::auth::{password_rules, reset_tokens, sign_out};
use crate::db::WriteScope;
use crate::error::AppError;
use crate::mail;
use crate::password;
use crate::state::AppState;
use crate::time_zone;
use tandem_api::account::{
    Account, ChangePasswordRequest, UpdateAccountRequest, CANCELLED_ACCOUNT_DELETED,
    DELETED_ACCOUNT_NAME,
};
use tandem_api::auth::{Role, User};
use tandem_api::validation;
use tandem_api::{FieldError, UserId};

pub async fn get(state: &AppState, user: UserId) -> Result<Account, AppError> {
    repo::by_id(state.db.reader(), user)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// Replaces the name (normalised by the shared rule) and the time zone
/// (an IANA name); every refused field gets its message.
pub async fn update(
    state: &AppState,
    user: UserId,
    request: UpdateAccountRequest,
) -> Result<Account, AppError> {
    let mut fields = Vec::new();
    let full_name = validation::normalize_full_name(&request.full_name)
        .map_err(|error| {
            fields.push(FieldError {
                field: "full_name".into(),
                message: error.to_string(),
            })
        })
        .ok();
    let time_zone = time_zone::parse(&request.time_zone)
        .map(|tz| tz.name().to_owned())
        .or_else(|| {
            fields.push(FieldError {
                field: "time_zone".into(),
                message: format!(
                    "{:?} is not a known time zone: use an IANA name such as Europe/Paris.",
                    request.time_zone.trim()
                ),
            });
            None
        });
    let (Some(full_name), Some(time_zone)) = (full_name, time_zone) else {
        return Err(AppError::Validation(fields));
    };
    let mut tx = state.db.begin_write(WriteScope::User(user.0)).await?;
    repo::update_profile(&mut *tx, user, &full_name, &time_zone).await?;
    if let Some(on) = request.reminders {
        repo::set_reminders(&mut *tx, user, on).await?;
    }
    tx.commit().await?;
    get(state, user).await
}

/// Checks the current password, sets the new one, and ends every other
/// session of the account; the session `keep` (this browser's) stays.
pub async fn change_password(
    state: &AppState,
    user: &User,
    keep: &str,
    request: ChangePasswordRequest,
) -> Result<(), AppError> {
    password_rules::check(&request.new_password, &user.email, &user.full_name).map_err(
        |message| {
            AppError::Validation(vec![FieldError {
                field: "new_password".into(),
                message,
            }])
        },
    )?;
    password_check::verify(state, user.id, request.current_password, "current_password").await?;
    let plain = request.new_password;
    let password_hash = password::hash_bounded(&state.password_hashing, plain).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin_write(WriteScope::User(user.id.0)).await?;
    repo::set_password_hash(&mut *tx, user.id, &password_hash).await?;
    reset_tokens::retire_all(&mut *tx, user.id, now).await?;
    sign_out::everywhere_else(&mut *tx, user.id, keep).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of the account, this one included.
pub async fn sign_out_everywhere(state: &AppState, user: UserId) -> Result<(), AppError> {
    sign_out::everywhere(state.db.writer(), user).await?;
    Ok(())
}

/// Checks the password, then in one transaction: cancels the person's
/// upcoming sessions (the other person sees why), removes a
/// professional's never-booked upcoming slots, weekly hours and profile,
/// erases the personal data,
/// and keeps the row as a tombstone named "Deleted account".
pub async fn delete(state: &AppState, user: &User, password: String) -> Result<(), AppError> {
    password_check::verify(state, user.id, password, "password").await?;
    let now = state.clock.now();
    let mut tx = state
        .db
        .begin_write_all(&[WriteScope::User(user.id.0), WriteScope::Slots(user.id.0)])
        .await?;
    let upcoming = repo::upcoming_active_bookings(&mut *tx, user.id, now).await?;
    let cancelled =
        repo::cancel_upcoming_bookings(&mut *tx, user.id, now, CANCELLED_ACCOUNT_DELETED).await?;
    // The other people hear of it; the deleted account hears nothing more.
    let links = crate::notices::links(&state.config);
    mail::queue::forget_unsent_to(&mut *tx, &user.email).await?;
    for id in upcoming {
        crate::notices::cancelled_without(&mut tx, &links, id, user.id, now).await?;
    }
    crate::calendar::repo::delete(&mut *tx, user.id).await?;
    crate::notices::repo::delete_unsubscribe_tokens(&mut *tx, user.id).await?;
    // The times of weekly hours those bookings held are free again.
    crate::slots::repo::release_all_unbooked(&mut *tx, now).await?;
    if user.role == Role::Professional {
        repo::delete_unbooked_upcoming_slots(&mut *tx, user.id, now).await?;
        crate::availability::repo::delete_all(&mut tx, user.id).await?;
        crate::profiles::repo::delete(&mut tx, user.id).await?;
    }
    repo::erase_personal_rows(&mut tx, user.id, &user.email, DELETED_ACCOUNT_NAME).await?;
    repo::make_tombstone(&mut *tx, user.id, DELETED_ACCOUNT_NAME, now).await?;
    tx.commit().await?;
    state.mail_wake.wake();
    tracing::info!(user = %user.id, cancelled, "account deleted");
    Ok(())
}
