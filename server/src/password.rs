//! Password hashing: Argon2id with the crate's default parameters, and
//! the bound on how many hashes this process computes at once.

use crate::error::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::Arc;
use std::time::Duration;
use thiserror::Error;
use tokio::sync::Semaphore;

#[derive(Debug, Error)]
#[error("password hashing failed: {0}")]
pub struct PasswordError(argon2::password_hash::Error);

/// A PHC string (`$argon2id$v=19$…`) with a fresh random salt.
///
/// Deliberately slow and memory-hungry: requests use [`hash_bounded`].
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

/// How long a request waits for a free hashing slot before it is answered
/// 503 `service_unavailable`.
pub const PERMIT_WAIT: Duration = Duration::from_secs(2);

/// What a refused request's `Retry-After` says, in seconds.
pub const RETRY_AFTER_SECS: u64 = 2;

/// The bound on password hashing in this process: at most as many Argon2
/// computations at once as it has permits (`PASSWORD_HASH_CONCURRENCY`,
/// by default the machine's parallelism). Each one takes a core and about
/// 19 MiB for its time, so the bound protects this machine's CPU and
/// memory; per process is what it should be. Clones share the permits.
#[derive(Debug, Clone)]
pub struct HashingLimit {
    permits: Arc<Semaphore>,
}

impl HashingLimit {
    pub fn new(at_once: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(at_once.max(1))),
        }
    }
}

/// Why a bounded hash or check did not happen.
#[derive(Debug, Error)]
pub enum BoundedError {
    /// No hashing slot came free within [`PERMIT_WAIT`].
    #[error("every password hashing slot is busy")]
    Busy,
    #[error(transparent)]
    Hash(#[from] PasswordError),
    #[error("the password hashing task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl From<BoundedError> for AppError {
    fn from(error: BoundedError) -> Self {
        match error {
            BoundedError::Busy => AppError::Busy {
                retry_after_secs: RETRY_AFTER_SECS,
            },
            other => AppError::internal(other),
        }
    }
}

/// [`hash`] on the blocking pool, within the process's [`HashingLimit`].
pub async fn hash_bounded(limit: &HashingLimit, password: String) -> Result<String, BoundedError> {
    run_bounded(limit, move || hash(&password)).await
}

/// [`verify`] on the blocking pool, within the process's [`HashingLimit`].
pub async fn verify_bounded(
    limit: &HashingLimit,
    password: String,
    stored: String,
) -> Result<bool, BoundedError> {
    run_bounded(limit, move || verify(&password, &stored)).await
}

/// Runs `work` on the blocking pool once a permit is free, waiting at most
/// [`PERMIT_WAIT`]. The permit goes with the work, so it is held until the
/// hash is done even if the request that asked for it is gone.
pub async fn run_bounded<T: Send + 'static>(
    limit: &HashingLimit,
    work: impl FnOnce() -> Result<T, PasswordError> + Send + 'static,
) -> Result<T, BoundedError> {
    let permit = tokio::time::timeout(PERMIT_WAIT, limit.permits.clone().acquire_owned())
        .await
        .map_err(|_| BoundedError::Busy)?
        // The semaphore is never closed.
        .map_err(|_| BoundedError::Busy)?;
    let result = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    })
    .await?;
    Ok(result?)
}
