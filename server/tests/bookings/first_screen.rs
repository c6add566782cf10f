//! A professional's page with its top written in by the server
//! (`tandem_server::first_screen`): for signed-in people only, with what
//! the professional typed shown as text, and the plain page whenever the
//! server cannot or must not write it.

use super::common;
use super::support::{ok, request, Person, TestApp};
use axum::http::StatusCode;
use serde_json::json;
use tandem_api::paths;
use tandem_api::profiles::ProfessionalProfile;
use tandem_server::first_screen::MARKER;

/// The booking app's page as the build writes it: the marker in the main
/// area.
fn index() -> String {
    format!("<!doctype html><html><body><div class=\"container\">{MARKER}</div></body></html>\n")
}

async fn app_with_page() -> TestApp {
    let app = TestApp::new().await;
    let dist = &app.state.config.static_dir;
    std::fs::create_dir_all(dist).expect("create dist");
    std::fs::write(dist.join("index.html"), index()).expect("write index");
    app
}

async fn professional_with_profile(app: &TestApp) -> Person {
    let pro = app.professional("Maya Okafor").await;
    let profile = json!({
        "headline": "Anxiety & burnout",
        "about": "I work with <adults>.\n\nSessions are in English.",
        "specialties": [],
        "tags": [],
        "languages": ["en"],
    });
    let _: ProfessionalProfile = ok(app.put(paths::PROFILE, profile, Some(&pro)).await).await;
    pro
}

/// The page `path` as `who` gets it: its status, `Cache-Control` and body.
async fn page(
    app: &TestApp,
    method: &str,
    path: &str,
    who: Option<&Person>,
) -> (StatusCode, String, String) {
    let response = app.send(request(method, path, who, None)).await;
    let status = response.status();
    let cache = common::header(&response, "cache-control").to_owned();
    let body = String::from_utf8(common::body_bytes(response).await).expect("utf-8");
    (status, cache, body)
}

#[tokio::test]
async fn a_signed_in_visitor_gets_the_professionals_name_and_about_text_in_the_page() {
    let app = app_with_page().await;
    let pro = professional_with_profile(&app).await;
    let client = app.client("Ada Client").await;

    let path = format!("/professionals/{}", pro.id);
    let response = app.send(request("GET", &path, Some(&client), None)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(common::header(&response, "content-type").starts_with("text/html"));
    // Written for this person: no shared cache may keep it.
    assert_eq!(
        common::header(&response, "cache-control"),
        "private, no-cache"
    );
    let body = String::from_utf8(common::body_bytes(response).await).expect("utf-8");
    assert!(!body.contains(MARKER), "{body}");
    assert!(body.contains("<h1>Maya Okafor</h1>"), "{body}");
    assert!(body.contains(">Anxiety &amp; burnout</p>"), "{body}");
    assert!(
        body.contains("<p>I work with &lt;adults&gt;.</p><p>Sessions are in English.</p>"),
        "{body}"
    );
}

#[tokio::test]
async fn everyone_else_gets_the_page_as_built() {
    let app = app_with_page().await;
    let pro = professional_with_profile(&app).await;
    let client = app.client("Ada Client").await;
    let path = format!("/professionals/{}", pro.id);

    // Signed out: the profile is for signed-in people.
    let (status, cache, body) = page(&app, "GET", &path, None).await;
    assert_eq!(
        (status, cache.as_str(), body),
        (StatusCode::OK, "no-cache", index())
    );

    // A session the server does not know.
    let stranger = Person {
        id: client.id,
        cookie: format!(
            "{}=not-a-session",
            tandem_server::auth::session::COOKIE_NAME
        ),
    };
    let (_, _, body) = page(&app, "GET", &path, Some(&stranger)).await;
    assert_eq!(body, index());

    // No such professional, a client's id, and addresses that are not a
    // professional's page.
    for path in [
        "/professionals/999999".to_owned(),
        format!("/professionals/{}", client.id),
        format!("/professionals/{}/x", pro.id),
        "/professionals".to_owned(),
        "/sessions".to_owned(),
    ] {
        let (status, _, body) = page(&app, "GET", &path, Some(&client)).await;
        assert_eq!((status, body), (StatusCode::OK, index()), "{path}");
    }
}

#[tokio::test]
async fn the_first_screen_is_not_written_when_the_database_fails() {
    let app = app_with_page().await;
    let pro = professional_with_profile(&app).await;
    let client = app.client("Ada Client").await;
    app.state.db.close().await;

    let path = format!("/professionals/{}", pro.id);
    let (status, _, body) = page(&app, "GET", &path, Some(&client)).await;
    assert_eq!((status, body), (StatusCode::OK, index()));
}
