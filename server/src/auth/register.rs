//! Creating an account.

use super::{password_rules, session, users};
use crate::error::AppError;
use crate::password;
use crate::state::AppState;
use tandem_api::auth::{RegisterRequest, Role, User};
use tandem_api::validation::{self, InvalidInput};
use tandem_api::{ErrorCode, FieldError};

/// A registration whose fields passed validation.
#[derive(Debug)]
pub struct NewAccount {
    pub email: String,
    pub password: String,
    pub full_name: String,
    pub role: Role,
}

/// Applies the shared rules; every refused field gets its message, under
/// its JSON name.
pub fn validate(request: RegisterRequest) -> Result<NewAccount, AppError> {
    // An address must also be one we can send the verification email to.
    let email = validation::normalize_email(&request.email).and_then(|email| match email
        .parse::<lettre::Address>(
    ) {
        Ok(_) => Ok(email),
        Err(_) => Err(InvalidInput::Email),
    });
    let full_name = validation::normalize_full_name(&request.full_name);
    // The password may not contain the email or the name, as given.
    let password = password_rules::check(
        &request.password,
        email.as_deref().unwrap_or(&request.email),
        full_name.as_deref().unwrap_or(&request.full_name),
    );
    match (email, password, full_name) {
        (Ok(email), Ok(()), Ok(full_name)) => Ok(NewAccount {
            email,
            password: request.password,
            full_name,
            role: request.role,
        }),
        (email, password, full_name) => {
            let refusals = [
                ("email", email.err().map(|e| e.to_string())),
                ("password", password.err()),
                ("full_name", full_name.err().map(|e| e.to_string())),
            ];
            let fields = refusals
                .into_iter()
                .filter_map(|(field, message)| {
                    message.map(|message| FieldError {
                        field: field.into(),
                        message,
                    })
                })
                .collect();
            Err(AppError::Validation(fields))
        }
    }
}

/// Creates the account and signs it in: the user and the new session id.
/// A taken email (in any letter case) is 409 `email_taken`, and changes
/// nothing.
pub async fn create(state: &AppState, account: NewAccount) -> Result<(User, String), AppError> {
    let taken = || {
        AppError::Conflict(
            ErrorCode::EmailTaken,
            "An account with this email already exists. Sign in instead.".into(),
        )
    };
    // Spares the slow hash when the answer is already known.
    if users::email_exists(state.db.reader(), &account.email).await? {
        return Err(taken());
    }
    let password_hash = password::hash_bounded(&state.password_hashing, account.password).await?;

    let now = state.clock.now();
    let mut tx = state.db.writer().begin().await?;
    let id = users::insert_if_new(
        &mut *tx,
        &account.email,
        &password_hash,
        &account.full_name,
        account.role,
        now,
    )
    .await?;
    // Somebody registered the same address in the meantime.
    let Some(id) = id else {
        return Err(taken());
    };
    let session_id = session::start(&mut *tx, id, now).await?;
    tx.commit().await?;

    let user = User {
        id,
        email: account.email,
        full_name: account.full_name,
        role: account.role,
        verified: false,
    };
    Ok((user, session_id))
}
