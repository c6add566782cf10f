//! Helpers shared by the integration tests: real databases (a SQLite file
//! in a temporary directory, or, when `TANDEM_TEST_POSTGRES_URL` names a
//! PostgreSQL server, a fresh database on it), and requests sent through
//! the router without a socket.
#![allow(dead_code)]

pub mod smtp_sink;

use axum::body::Body;
use axum::http::{Request, Response};
use http_body_util::BodyExt;
use std::collections::HashMap;
use std::path::Path;
use tandem_server::{app, db, AppState, Config};
use tower::ServiceExt;

/// A configuration whose database and static directory live in `dir`,
/// plus the given variables.
pub fn config(dir: &Path, vars: &[(&str, &str)]) -> Config {
    let mut map: HashMap<String, String> = HashMap::new();
    map.insert("DATABASE_URL".into(), database_url(dir));
    map.insert(
        "STATIC_DIR".into(),
        dir.join("dist").to_string_lossy().into_owned(),
    );
    map.insert(
        "OUTBOX_DIR".into(),
        dir.join("outbox").to_string_lossy().into_owned(),
    );
    // Suites move the clock by hours or days between the requests of one
    // session; the idle timeout's own tests set their value (an empty one
    // for the default).
    map.insert("SESSION_IDLE_TIMEOUT".into(), "14d".into());
    for (name, value) in vars {
        map.insert((*name).into(), (*value).into());
    }
    Config::from_lookup(|name| map.get(name)).expect("test configuration is valid")
}

/// The variable that moves the suites to PostgreSQL: the URL of a server
/// (and a database on it to connect to first, such as `postgres`) on
/// which the tests may create databases.
pub const POSTGRES_URL_VAR: &str = "TANDEM_TEST_POSTGRES_URL";

/// The test database for `dir`: a SQLite file in it, or a database on the
/// PostgreSQL server of [`POSTGRES_URL_VAR`], named after `dir` and this
/// process (created by [`state`]).
pub fn database_url(dir: &Path) -> String {
    match std::env::var(POSTGRES_URL_VAR) {
        Ok(server) if !server.is_empty() => {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            dir.hash(&mut hasher);
            let name = format!("t_{}_{:016x}", std::process::id(), hasher.finish());
            let mut url = url::Url::parse(&server).expect("the PostgreSQL test URL is a URL");
            url.set_path(&name);
            url.to_string()
        }
        _ => format!("sqlite://{}", dir.join("data").join("tandem.db").display()),
    }
}

/// Creates the PostgreSQL database of `config` if it is one and missing.
pub async fn create_database(config: &Config) {
    use sqlx::Connection;
    if config.database.engine != tandem_server::config::DatabaseEngine::Postgres {
        return;
    }
    let server = std::env::var(POSTGRES_URL_VAR).expect("the PostgreSQL test URL is set");
    let url = url::Url::parse(&config.database.url).expect("a URL");
    let name = url.path().trim_start_matches('/');
    let mut admin = sqlx::PgConnection::connect(&server)
        .await
        .expect("the PostgreSQL test server answers");
    let created = sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&mut admin)
        .await;
    match created {
        Ok(_) => {}
        // Created by an earlier call for the same directory.
        Err(error)
            if error.as_database_error().and_then(|e| e.code()).as_deref() == Some("42P04") => {}
        Err(error) => panic!("cannot create the test database {name}: {error}"),
    }
    let _ = admin.close().await;
}

/// Opens (creating it if needed) and migrates the configured database.
pub async fn open_database(config: &Config) -> db::Db {
    create_database(config).await;
    let db = db::Db::open(&config.database)
        .await
        .expect("database opens");
    db.migrate().await.expect("migrations run");
    db
}

/// Opens and migrates the configured database.
pub async fn state(config: Config) -> AppState {
    let db = open_database(&config).await;
    AppState::new(config, db)
}

pub async fn send(state: &AppState, request: Request<Body>) -> Response<Body> {
    app(state.clone())
        .oneshot(request)
        .await
        .expect("the router is infallible")
}

pub async fn get(state: &AppState, path: &str) -> Response<Body> {
    send(
        state,
        Request::get(path)
            .body(Body::empty())
            .expect("valid request"),
    )
    .await
}

pub async fn body_bytes(response: Response<Body>) -> Vec<u8> {
    response
        .into_body()
        .collect()
        .await
        .expect("body reads")
        .to_bytes()
        .to_vec()
}

pub async fn body_json(response: Response<Body>) -> serde_json::Value {
    serde_json::from_slice(&body_bytes(response).await).expect("body is JSON")
}

pub fn header<'a>(response: &'a Response<Body>, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
}

/// A signed-in account inserted straight into the database (its password
/// hash is never checked, so no Argon2 work): the user id and the `Cookie`
/// header value of its session. The email is made from the name.
pub async fn signed_in_user(
    state: &AppState,
    name: &str,
    role: &str,
    verified: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> (tandem_api::UserId, String) {
    use tandem_server::auth::session;
    let email = format!("{}@example.com", name.to_lowercase().replace(' ', "."));
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, full_name, role, verified_at, created_at)
         VALUES ($1, 'not a hash', $2, $3, $4, $5)
         RETURNING id",
    )
    .bind(&email)
    .bind(name)
    .bind(role)
    .bind(verified.then(|| now.timestamp()))
    .bind(now.timestamp())
    .fetch_one(state.db.writer())
    .await
    .expect("user inserted");
    let id = tandem_api::UserId(id);
    let session_id = session::start(state.db.writer(), id, now)
        .await
        .expect("session started");
    (id, format!("{}={session_id}", session::COOKIE_NAME))
}
