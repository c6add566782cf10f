use super::support::{session_id, TestApp, PASSWORD};
use axum::http::StatusCode;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

/// Every `table.column` whose text (or bytes) contains `needle`.
async fn columns_containing(db: &SqlitePool, needle: &str) -> Vec<String> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'",
    )
    .fetch_all(db)
    .await
    .expect("tables");
    let mut found = Vec::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(db)
                .await
                .expect("columns");
        for column in columns {
            let hits: i64 = sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM \"{table}\" WHERE instr(CAST(\"{column}\" AS BLOB), CAST(? AS BLOB)) > 0"
            ))
            .bind(needle)
            .fetch_one(db)
            .await
            .expect("scan");
            if hits > 0 {
                found.push(format!("{table}.{column}"));
            }
        }
    }
    found
}

#[tokio::test]
async fn the_database_keeps_no_password_token_or_session_id_in_the_clear() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    let session = session_id(&cookie).to_owned();
    let token = app.newest_token("ada@example.com");

    // The scan finds what is there.
    assert_eq!(
        columns_containing(&app.state.db, "ada@example.com").await,
        ["users.email"]
    );
    for secret in [PASSWORD, token.as_str(), session.as_str()] {
        assert_eq!(
            columns_containing(&app.state.db, secret).await,
            Vec::<String>::new(),
            "{secret}"
        );
    }

    // What is stored: the SHA-256 of the session id and of the token.
    let stored: Vec<u8> = sqlx::query_scalar("SELECT id_hash FROM sessions")
        .fetch_one(&app.state.db)
        .await
        .expect("a session row");
    assert_eq!(stored, Sha256::digest(session.as_bytes()).to_vec());
    let stored: Vec<u8> = sqlx::query_scalar("SELECT token_hash FROM verification_tokens")
        .fetch_one(&app.state.db)
        .await
        .expect("a token row");
    assert_eq!(stored, Sha256::digest(token.as_bytes()).to_vec());
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users")
        .fetch_one(&app.state.db)
        .await
        .expect("a user row");
    assert!(hash.starts_with("$argon2id$"), "{hash}");

    // Session ids and tokens carry 256 random bits.
    for secret in [&session, &token] {
        let bytes = URL_SAFE_NO_PAD.decode(secret).expect("base64url");
        assert_eq!(bytes.len(), 32, "{secret}");
    }

    let response = app
        .post(
            tandem_api::paths::AUTH_VERIFICATION_CONFIRM,
            serde_json::json!({"token": token}),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(columns_containing(&app.state.db, &token).await.is_empty());
}
