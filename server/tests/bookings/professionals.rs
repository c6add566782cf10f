use super::support::{assert_refused, ok, TestApp};
use tandem_api::profiles::DirectoryPage;
use tandem_api::paths;

#[tokio::test]
async fn signed_in_people_see_every_professional_by_name() {
    let app = TestApp::new().await;
    let zoe = app.professional("Zoe Pro").await;
    let ada = app.client("Ada Client").await;
    let bob = app.professional("Bob Pro").await;
    let maya = app.professional("maya Pro").await;

    for viewer in [&ada, &zoe] {
        // Nobody has a free time, so the order is by name.
        let page: DirectoryPage = ok(app.get(paths::PROFESSIONALS, Some(viewer)).await).await;
        let names: Vec<(_, &str)> = page.items.iter().map(|p| (p.id, p.full_name.as_str())).collect();
        assert_eq!(
            names,
            [
                (bob.id, "Bob Pro"),
                (maya.id, "maya Pro"),
                (zoe.id, "Zoe Pro")
            ]
        );
    }
}

#[tokio::test]
async fn the_list_needs_a_session() {
    let app = TestApp::new().await;
    app.professional("Zoe Pro").await;
    assert_refused(
        app.get(paths::PROFESSIONALS, None).await,
        401,
        "unauthorized",
    )
    .await;
}
