//! The documentation of the service's own endpoints: health and this document.

use super::Endpoint;
use tandem_api::health::{Health, Liveness, Readiness};
use tandem_api::paths;

pub fn endpoints() -> Vec<Endpoint> {
    vec![
        Endpoint::get(paths::HEALTH, "Whether the database and LiveKit answer")
            .answers::<Health>(200, "Everything the server needs answers.")
            .answers::<Health>(503, "Something it needs does not answer."),
        Endpoint::get(paths::HEALTH_LIVE, "Whether this process serves requests")
            .description("For a load balancer's liveness probe: asks nothing else.")
            .without_database()
            .answers::<Liveness>(200, "The process serves requests."),
        Endpoint::get(paths::HEALTH_READY, "Whether this process can take traffic")
            .description(
                "For a load balancer's readiness probe: ready when the database answers. \
                 LiveKit's state is reported, but a LiveKit that is down leaves the server \
                 ready, since booking works without it.",
            )
            .answers::<Readiness>(200, "The database answers.")
            .answers::<Readiness>(503, "The database does not answer."),
        Endpoint::get(paths::OPENAPI, "This OpenAPI 3.1 document")
            .without_database()
            .answers_document(200, "The document."),
    ]
}
