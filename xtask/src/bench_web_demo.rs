//! The demo data `cargo xtask bench web` measures with: the demo client
//! signed in, the demo professional's page and the client's session under
//! way (its call page), found through the API.

use anyhow::{bail, Context, Result};
use serde_json::Value;
use tandem_api::paths;

use crate::fuzz;

/// The demo client with a session under way (server/src/demo_data).
const DEMO_CLIENT: &str = "ada@example.com";
/// The demo professional the client has that session with.
const DEMO_PROFESSIONAL_NAME: &str = "Dr. Maya Okafor";
const DEMO_PASSWORD: &str = "tandem-demo-password";

/// Signs the demo client in; the session cookie's value.
pub fn sign_in_client(base_url: &str) -> Result<String> {
    sign_in(base_url, DEMO_CLIENT)
}

/// Signs `email` in with the demo password; the session cookie's value.
fn sign_in(base_url: &str, email: &str) -> Result<String> {
    let body = serde_json::json!({ "email": email, "password": DEMO_PASSWORD });
    let response = fuzz::agent()
        .post(format!("{base_url}{}", paths::AUTH_LOGIN))
        .header("content-type", "application/json")
        .send(body.to_string())?;
    if response.status() != 200 {
        bail!(
            "signing in as {email} answered {} (is the demo data loaded?)",
            response.status()
        );
    }
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(fuzz::session_cookie_value)
        .context("signing in set no session cookie")
}

fn get_json(base_url: &str, path: &str, session: &str) -> Result<Value> {
    let mut response = fuzz::agent()
        .get(format!("{base_url}{path}"))
        .header("cookie", fuzz::session_cookie(session))
        .call()?;
    if response.status() != 200 {
        bail!("GET {path} answered {}", response.status());
    }
    let text = response.body_mut().read_to_string()?;
    serde_json::from_str(&text).with_context(|| format!("GET {path} is not JSON"))
}

/// The demo professional's id, from the directory.
pub fn professional_id(base_url: &str, session: &str) -> Result<String> {
    let page = get_json(base_url, paths::PROFESSIONALS, session)?;
    let maya = DEMO_PROFESSIONAL_NAME;
    page["items"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|item| item["full_name"].as_str() == Some(maya))
        .map(|item| id_text(&item["id"]))
        .with_context(|| format!("{maya} is not in the directory"))
}

/// An id as it goes in a path: `7` for `7` or `"7"`.
fn id_text(id: &Value) -> String {
    id.as_str().map_or_else(|| id.to_string(), str::to_owned)
}

/// The demo client's session under way, whose call page is measured.
pub fn session_under_way(base_url: &str, session: &str) -> Result<String> {
    let page = get_json(base_url, paths::BOOKINGS, session)?;
    let now = chrono::Utc::now();
    page["items"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|booking| {
            let start = booking["start_time"]
                .as_str()
                .and_then(|time| chrono::DateTime::parse_from_rfc3339(time).ok());
            booking["status"].as_str() != Some("cancelled")
                && start.is_some_and(|start| start <= now)
        })
        .map(|booking| id_text(&booking["id"]))
        .context("the demo client has no session under way")
}
