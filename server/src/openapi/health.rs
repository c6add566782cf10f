//! The documentation of the service's own endpoints: health and this document.

use super::Endpoint;
use tandem_api::health::Health;
use tandem_api::paths;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::get(paths::HEALTH, "Whether the database and LiveKit answer")
            .answers::<Health>(200, "Everything the server needs answers.")
            .answers::<Health>(503, "Something it needs does not answer."),
        Endpoint::get(paths::OPENAPI, "This OpenAPI 3.1 document")
            .without_database()
            .answers_document(200, "The document."),
    ]
}
