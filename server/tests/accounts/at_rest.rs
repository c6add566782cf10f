use super::support::{session_id, TestApp, PASSWORD};
use axum::http::StatusCode;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use tandem_server::db::{self, Db};

/// Every `table.column` whose text (or bytes) contains `needle`.
async fn columns_containing(db: &Db, needle: &str) -> Vec<String> {
    let columns_sql = match db.engine() {
        db::Engine::Sqlite => {
            "SELECT m.name, c.name, 0 FROM sqlite_master AS m, pragma_table_info(m.name) AS c
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%'"
        }
        db::Engine::Postgres => {
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT),
                    CASE WHEN data_type = 'bytea' THEN 1 ELSE 0 END
             FROM information_schema.columns WHERE table_schema = 'public'"
        }
    };
    let columns: Vec<(String, String, i64)> = sqlx::query_as(columns_sql)
        .fetch_all(db.reader())
        .await
        .expect("columns");
    let mut found = Vec::new();
    for (table, column, is_bytes) in columns {
        let condition = match (db.engine(), is_bytes) {
            (db::Engine::Sqlite, _) => {
                format!("instr(CAST(\"{column}\" AS BLOB), CAST($1 AS BLOB)) > 0")
            }
            (db::Engine::Postgres, 1) => {
                format!("position(convert_to($1, 'UTF8') IN \"{column}\") > 0")
            }
            (db::Engine::Postgres, _) => format!("strpos(CAST(\"{column}\" AS TEXT), $1) > 0"),
        };
        let hits: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM \"{table}\" WHERE {condition}"
        ))
        .bind(needle)
        .fetch_one(db.reader())
        .await
        .expect("scan");
        if hits > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}

#[tokio::test]
async fn the_database_keeps_no_password_token_or_session_id_in_the_clear() {
    let app = TestApp::new().await;
    let cookie = app.signed_up("ada@example.com").await;
    let session = session_id(&cookie).to_owned();
    let token = app.newest_token("ada@example.com").await;

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
        .fetch_one(app.state.db.writer())
        .await
        .expect("a session row");
    assert_eq!(stored, Sha256::digest(session.as_bytes()).to_vec());
    let stored: Vec<u8> = sqlx::query_scalar("SELECT token_hash FROM verification_tokens")
        .fetch_one(app.state.db.writer())
        .await
        .expect("a token row");
    assert_eq!(stored, Sha256::digest(token.as_bytes()).to_vec());
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users")
        .fetch_one(app.state.db.writer())
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
