//! Password hashing: Argon2id with the crate's default parameters.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use thiserror::Error;

#[derive(Debug, Error)]
#[error("password hashing failed: {0}")]
pub struct PasswordError(argon2::password_hash::Error);

/// A PHC string (`$argon2id$v=19$…`) with a fresh random salt.
///
/// Deliberately slow and memory-hungry: call it from `spawn_blocking`.
pub fn hash(password: &str) -> Result<String, PasswordError> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(PasswordError)
}

/// Whether `password` matches a hash made by [`hash`]. A stored hash that
/// cannot be parsed is an error, not a mismatch.
pub fn verify(password: &str, stored: &str) -> Result<bool, PasswordError> {
    let parsed = PasswordHash::new(stored).map_err(PasswordError)?;
    match Argon2::default().verify_password(password.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::Password) => Ok(false),
        Err(error) => Err(PasswordError(error)),
    }
}
