//! The database pools' gauges, read at each scrape: connections open, idle
//! and in use, and how long taking a connection takes right now. SQLite has
//! two pools (`pool="reader"`, and `pool="writer"` with its one connection,
//! whose wait is how long writes queue); PostgreSQL one (`pool="shared"`).

use super::{
    DB_POOL_ACQUIRE_FAILURES, DB_POOL_ACQUIRE_WAIT, DB_POOL_CONNECTIONS, DB_POOL_MAX_CONNECTIONS,
};
use crate::db::{Db, Engine};
use ::metrics::{counter, gauge};
use sqlx::AnyPool;
use std::time::{Duration, Instant};

/// A scrape waits at most this long for a connection.
const ACQUIRE_PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Sets every pool's gauges.
pub async fn pool_gauges(db: &Db) {
    match db.engine() {
        Engine::Sqlite => {
            one_pool("reader", db.reader()).await;
            one_pool("writer", db.writer()).await;
        }
        Engine::Postgres => one_pool("shared", db.reader()).await,
    }
}

/// Sets one pool's gauges, and times taking one connection (given back at
/// once): when every connection is busy, that is how long a request waits
/// for one.
async fn one_pool(name: &'static str, pool: &AnyPool) {
    let size = pool.size();
    let idle = u32::try_from(pool.num_idle()).unwrap_or(size);
    gauge!(DB_POOL_CONNECTIONS, "pool" => name, "state" => "idle").set(f64::from(idle));
    gauge!(DB_POOL_CONNECTIONS, "pool" => name, "state" => "in_use")
        .set(f64::from(size.saturating_sub(idle)));
    gauge!(DB_POOL_MAX_CONNECTIONS, "pool" => name)
        .set(f64::from(pool.options().get_max_connections()));

    let started = Instant::now();
    match tokio::time::timeout(ACQUIRE_PROBE_TIMEOUT, pool.acquire()).await {
        Ok(Ok(connection)) => {
            gauge!(DB_POOL_ACQUIRE_WAIT, "pool" => name).set(started.elapsed().as_secs_f64());
            drop(connection);
        }
        Ok(Err(error)) => {
            tracing::warn!(%error, "metrics: cannot take a database connection");
            counter!(DB_POOL_ACQUIRE_FAILURES, "pool" => name).increment(1);
        }
        Err(_elapsed) => {
            tracing::warn!("metrics: no database connection within the probe's timeout");
            gauge!(DB_POOL_ACQUIRE_WAIT, "pool" => name).set(ACQUIRE_PROBE_TIMEOUT.as_secs_f64());
            counter!(DB_POOL_ACQUIRE_FAILURES, "pool" => name).increment(1);
        }
    }
}
