//! `DATABASE_URL` and the pool size.

use super::*;

#[test]
fn malformed_database_url_names_the_variable() {
    for bad in [
        "postgres//oops",
        "not a url",
        "mysql://user:pw@host/db",
        "postgres://user:pw@host:notaport/db",
        "sqlite://",
    ] {
        let text = message(load(&[("DATABASE_URL", bad)]));
        assert!(text.contains("DATABASE_URL"), "{bad:?}: {text}");
        assert!(!text.contains("pw@"), "the value is not repeated: {text}");
    }
}

#[test]
fn postgres_urls_are_accepted_and_never_printed_with_their_password() {
    for good in [
        "postgres://tandem:pw@db.internal:5432/tandem",
        "postgresql://tandem:pw@127.0.0.1/tandem?sslmode=require",
    ] {
        let config = load(&[("DATABASE_URL", good)]).expect("valid postgres url");
        assert_eq!(config.database.engine, DatabaseEngine::Postgres);
        assert_eq!(config.database.sqlite_path(), None);
        assert_eq!(config.database.max_connections, DEFAULT_MAX_CONNECTIONS);
        let printed = format!("{config:?}");
        assert!(!printed.contains(":pw@"), "{printed}");
        assert!(printed.contains("tandem:****@"), "{printed}");
    }
}

#[test]
fn database_max_connections_is_a_bounded_number() {
    let config = load(&[("DATABASE_MAX_CONNECTIONS", "40")]).expect("valid");
    assert_eq!(config.database.max_connections, 40);
    for bad in ["0", "1001", "many", "-3"] {
        let text = message(load(&[("DATABASE_MAX_CONNECTIONS", bad)]));
        assert!(text.contains("DATABASE_MAX_CONNECTIONS"), "{bad:?}: {text}");
    }
}

#[test]
fn sqlite_urls_are_accepted() {
    for good in [
        "sqlite://data/other.db",
        "sqlite:other.db",
        "sqlite://data/x.db?mode=rwc",
    ] {
        assert!(load(&[("DATABASE_URL", good)]).is_ok(), "{good}");
    }
}
