//! The booking app's page finished by the server for a signed-in visitor
//! (`tandem_server::first_screen`): their header, and on a professional's
//! page its top, with what people typed shown as text; the page as built
//! whenever the server cannot or must not finish it.

use super::common;
use super::support::{ok, request, Person, TestApp};
use axum::http::StatusCode;
use chrono::Duration;
use serde_json::json;
use tandem_api::paths;
use tandem_api::profiles::ProfessionalProfile;
use tandem_server::first_screen::{
    CALL_PAGE, PROFESSIONAL_PAGE, SIGNED_IN_HEADER, VERIFY_BANNER, VERIFY_MESSAGE,
};

/// The booking app's page as the build writes it: the header's marker and
/// the main area's.
fn index() -> String {
    format!(
        "<!doctype html><html><body><nav>{SIGNED_IN_HEADER}</nav>{VERIFY_BANNER}\
         <div class=\"container\">{PROFESSIONAL_PAGE}</div></body></html>\n"
    )
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
    assert!(common::header(&response, "content-type").starts_with("text/html"));
    let cache = common::header(&response, "cache-control").to_owned();
    let body = String::from_utf8(common::body_bytes(response).await).expect("utf-8");
    (status, cache, body)
}

/// What the server wrote into `body` at each marker: (header, main area).
fn written(body: &str) -> (String, String) {
    let header = body
        .split_once("<nav>")
        .and_then(|(_, rest)| rest.split_once("</nav>"))
        .map(|(inside, _)| inside.to_owned())
        .expect("the page has its header");
    let main = body
        .split_once("<div class=\"container\">")
        .and_then(|(_, rest)| rest.split_once("</div></body>"))
        .map(|(inside, _)| inside.to_owned())
        .expect("the page has its main area");
    (header, main)
}

#[tokio::test]
async fn a_signed_in_visitor_gets_their_header_and_the_professionals_top_in_the_page() {
    let app = app_with_page().await;
    let pro = professional_with_profile(&app).await;
    let client = app.client("Ada <Client>").await;

    let path = format!("/professionals/{}", pro.id);
    let (status, cache, body) = page(&app, "GET", &path, Some(&client)).await;
    assert_eq!(status, StatusCode::OK);
    // Written for this person: no shared cache may keep it.
    assert_eq!(cache, "private, no-cache");
    let (header, main) = written(&body);
    assert!(header.contains(">Ada &lt;Client&gt;</li>"), "{header}");
    assert!(header.contains(">Professionals</span>"), "{header}");
    assert!(main.contains("<h1>Maya Okafor</h1>"), "{main}");
    assert!(main.contains(">Anxiety &amp; burnout</p>"), "{main}");
    assert!(
        main.contains("<p>I work with &lt;adults&gt;.</p><p>Sessions are in English.</p>"),
        "{main}"
    );

    // Any other page of the app: the header only.
    for path in ["/", "/sessions", "/professionals", "/professionals/999999"] {
        let (status, cache, body) = page(&app, "GET", path, Some(&client)).await;
        assert_eq!(
            (status, cache.as_str()),
            (StatusCode::OK, "private, no-cache"),
            "{path}"
        );
        let (header, main) = written(&body);
        assert!(
            header.contains(">Ada &lt;Client&gt;</li>"),
            "{path}: {header}"
        );
        assert_eq!(main, PROFESSIONAL_PAGE, "{path}");
    }
    // A client's address is not a professional's page.
    let (_, _, body) = page(
        &app,
        "GET",
        &format!("/professionals/{}", client.id),
        Some(&client),
    )
    .await;
    assert_eq!(written(&body).1, PROFESSIONAL_PAGE);

    // A professional's header has their own links.
    let (_, _, body) = page(&app, "GET", "/sessions", Some(&pro)).await;
    let (header, _) = written(&body);
    assert!(header.contains(">Availability</span>"), "{header}");
    assert!(header.contains(">Maya Okafor</li>"), "{header}");
}

#[tokio::test]
async fn someone_not_verified_gets_the_banner_that_asks_them_to_verify() {
    let app = app_with_page().await;
    let verified = app.client("Ada Client").await;
    let unverified = app.unverified_client("Sam Client").await;

    let (_, _, body) = page(&app, "GET", "/sessions", Some(&unverified)).await;
    assert!(body.contains(VERIFY_MESSAGE), "{body}");
    assert!(!body.contains(VERIFY_BANNER), "{body}");
    let (_, _, body) = page(&app, "GET", "/sessions", Some(&verified)).await;
    assert!(!body.contains(VERIFY_MESSAGE), "{body}");
}

#[tokio::test]
async fn without_a_live_session_the_page_is_served_as_built() {
    let app = app_with_page().await;
    let pro = professional_with_profile(&app).await;
    let client = app.client("Ada Client").await;
    let path = format!("/professionals/{}", pro.id);

    let (status, cache, body) = page(&app, "GET", &path, None).await;
    assert_eq!(
        (status, cache.as_str(), body),
        (StatusCode::OK, "no-cache", index())
    );

    let stranger = Person {
        id: client.id,
        cookie: format!(
            "{}=not-a-session",
            tandem_server::auth::session::COOKIE_NAME
        ),
    };
    let (_, _, body) = page(&app, "GET", &path, Some(&stranger)).await;
    assert_eq!(body, index());

    // Only a page load is finished: not a POST to the same address.
    let response = app.send(request("POST", &path, Some(&client), None)).await;
    let body = String::from_utf8(common::body_bytes(response).await).expect("utf-8");
    assert!(!body.contains("Ada Client"), "{body}");
}

#[tokio::test]
async fn the_page_is_served_as_built_when_the_database_fails() {
    let app = app_with_page().await;
    let pro = professional_with_profile(&app).await;
    let client = app.client("Ada Client").await;
    app.state.db.close().await;

    let path = format!("/professionals/{}", pro.id);
    let (status, _, body) = page(&app, "GET", &path, Some(&client)).await;
    assert_eq!((status, body), (StatusCode::OK, index()));
}

#[tokio::test]
async fn a_calls_page_gets_its_heading_for_the_two_people_of_the_session_only() {
    let app = app_with_page().await;
    let call_app = app.state.config.static_dir.join("call-app");
    std::fs::create_dir_all(&call_app).expect("create call-app");
    let call_page = format!("<nav>{SIGNED_IN_HEADER}</nav><main>{CALL_PAGE}</main>");
    std::fs::write(call_app.join("index.html"), &call_page).expect("write call page");
    let pro = app.professional("Maya <Okafor>").await;
    let client = app.client("Sam Lee").await;
    let stranger = app.client("Ada Other").await;
    let slot = app.slot(&pro, app.now() + Duration::hours(1), 50).await;
    let booking = app.book(&client, slot.id).await;
    let path = format!("/call/{}", booking.id);

    let (_, _, body) = page(&app, "GET", &path, Some(&client)).await;
    assert!(
        body.contains("<h1>Session with Maya &lt;Okafor&gt;</h1>"),
        "{body}"
    );
    assert!(body.contains(">Sam Lee</li>"), "{body}");
    let (_, _, body) = page(&app, "GET", &path, Some(&pro)).await;
    assert!(body.contains("<h1>Session with Sam Lee</h1>"), "{body}");

    // Someone else learns nothing about the session: the header only.
    let (_, _, body) = page(&app, "GET", &path, Some(&stranger)).await;
    assert!(
        body.ends_with(&format!("<main>{CALL_PAGE}</main>")),
        "{body}"
    );
    let (_, _, body) = page(&app, "GET", &path, None).await;
    assert_eq!(body, call_page);
}
