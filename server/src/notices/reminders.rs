//! Queues the reminders that fall due: 24 hours and 1 hour before each
//! active session, for each of its people who wants reminders. Any server
//! process may run it at any time, as often as it likes: a reminder's key
//! lets it be queued once.

use super::repo::{self, ReminderKind};
use crate::db::WriteScope;
use crate::state::AppState;

/// Queues every reminder due at the state's clock; how many.
pub async fn queue_due(state: &AppState) -> Result<usize, sqlx::Error> {
    let now = state.clock.now();
    let links = super::links(&state.config);
    let mut queued = 0;
    for kind in ReminderKind::ALL {
        for id in repo::bookings_due_for(state.db.reader(), kind, now).await? {
            // The booking's lock: a cancel or reschedule meanwhile either
            // comes first (and the booking is no longer due) or after.
            let mut tx = state.db.begin_write(WriteScope::Booking(id.0)).await?;
            if repo::is_due_for(&mut *tx, id, kind, now).await? {
                queued += super::reminder(&mut tx, &links, id, kind, now).await?;
            }
            tx.commit().await?;
        }
    }
    if queued > 0 {
        state.mail_wake.wake();
    }
    Ok(queued)
}
