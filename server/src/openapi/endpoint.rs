//! [`Endpoint`]: one documented operation (a method on a path), written as
//! a short chain of calls, and turned into its OpenAPI operation.
//!
//! The refusals an endpoint can answer are named by their [`ErrorCode`]s;
//! the codes every endpoint of a kind can answer are added here, once:
//! `unauthorized` behind sign-in, `bad_request` for a path, query or body
//! that does not parse, `validation_failed` for a JSON body of the wrong
//! shape, `cross_site_request` for state-changing requests, and
//! `service_unavailable` when the database is busy. Every refusal is
//! documented as the JSON error body, its `code` narrowed to the codes of
//! that status.

use axum::http::Method;
use std::collections::BTreeMap;
use tandem_api::{ErrorBody, ErrorCode};
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{
    HttpMethod, Operation, OperationBuilder, Parameter, ParameterBuilder, ParameterIn,
};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{AllOfBuilder, ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{Ref, RefOr, Required};
use utoipa::{IntoParams, ToSchema};

/// The name of the session cookie's security scheme in the document.
pub const SESSION_SCHEME: &str = "session";

const JSON: &str = "application/json";

/// What a request carries.
enum Body {
    /// JSON of this schema.
    Json(Box<RefOr<Schema>>),
    /// Text of this media type.
    Text(&'static str),
}

/// A named schema the document's `components` must hold.
pub type NamedSchema = (String, RefOr<Schema>);

/// One operation, as documented. Start with [`Endpoint::get`] (or `post`,
/// `put`, `delete`), then say what it takes, answers and refuses.
pub struct Endpoint {
    method: Method,
    http_method: HttpMethod,
    path: &'static str,
    summary: &'static str,
    description: Option<&'static str>,
    signed_in: bool,
    cross_site_checked: bool,
    uses_database: bool,
    sets_cookie: bool,
    parameters: Vec<Parameter>,
    body: Option<Body>,
    body_required: bool,
    answers: BTreeMap<u16, Response>,
    refusals: Vec<ErrorCode>,
    schemas: Vec<NamedSchema>,
}

impl Endpoint {
    pub fn get(path: &'static str, summary: &'static str) -> Self {
        Self::new(Method::GET, HttpMethod::Get, path, summary)
    }

    pub fn post(path: &'static str, summary: &'static str) -> Self {
        Self::new(Method::POST, HttpMethod::Post, path, summary)
    }

    pub fn put(path: &'static str, summary: &'static str) -> Self {
        Self::new(Method::PUT, HttpMethod::Put, path, summary)
    }

    pub fn delete(path: &'static str, summary: &'static str) -> Self {
        Self::new(Method::DELETE, HttpMethod::Delete, path, summary)
    }

    fn new(
        method: Method,
        http_method: HttpMethod,
        path: &'static str,
        summary: &'static str,
    ) -> Self {
        let cross_site_checked = crate::cross_site::is_checked(&method, path);
        Self {
            method,
            http_method,
            path,
            summary,
            description: None,
            signed_in: false,
            cross_site_checked,
            body_required: true,
            uses_database: true,
            sets_cookie: false,
            parameters: Vec::new(),
            body: None,
            answers: BTreeMap::new(),
            refusals: Vec::new(),
            schemas: Vec::new(),
        }
    }

    pub fn method(&self) -> HttpMethod {
        self.http_method.clone()
    }

    pub fn path(&self) -> &'static str {
        self.path
    }

    /// Longer text than the summary: rules, order of checks, side effects.
    pub fn description(mut self, text: &'static str) -> Self {
        self.description = Some(text);
        self
    }

    /// Needs the session cookie: 401 `unauthorized` without one.
    pub fn signed_in(mut self) -> Self {
        self.signed_in = true;
        self
    }

    /// Never touches the database (so never 503 `service_unavailable`).
    pub fn without_database(mut self) -> Self {
        self.uses_database = false;
        self
    }

    /// A `{name}` segment of the path, of type `T` (a typed id).
    pub fn path_param<T: ToSchema>(mut self, name: &'static str, description: &str) -> Self {
        let schema = self.reference::<T>();
        self.parameters.push(
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .description(Some(description))
                .schema(Some(schema))
                .build(),
        );
        self
    }

    /// The query string, described by the struct it is parsed into.
    pub fn query<T: IntoParams>(mut self) -> Self {
        self.parameters
            .extend(T::into_params(|| Some(ParameterIn::Query)));
        self
    }

    /// A request header (string) the endpoint reads.
    pub fn header_param(mut self, name: &'static str, description: &str) -> Self {
        self.parameters.push(
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Header)
                .required(Required::False)
                .description(Some(description))
                .schema(Some(string_schema()))
                .build(),
        );
        self
    }

    /// A required JSON body of type `T`.
    pub fn json_body<T: ToSchema>(mut self) -> Self {
        let schema = self.reference::<T>();
        self.body = Some(Body::Json(Box::new(schema)));
        self
    }

    /// An optional JSON body of type `T` (absent: its defaults).
    pub fn optional_json_body<T: ToSchema>(mut self) -> Self {
        self = self.json_body::<T>();
        self.body_required = false;
        self
    }

    /// A body the endpoint reads as text of this media type.
    pub fn text_body(mut self, content_type: &'static str) -> Self {
        self.body = Some(Body::Text(content_type));
        self
    }

    /// A success answer with a JSON body of type `T`.
    pub fn answers<T: ToSchema>(mut self, status: u16, description: &str) -> Self {
        let schema = self.reference::<T>();
        self.answers
            .insert(status, json_response(description, schema));
        self
    }

    /// A success answer with a JSON array of `T`.
    pub fn answers_list<T: ToSchema>(mut self, status: u16, description: &str) -> Self {
        let items = self.reference::<T>();
        let array = ArrayBuilder::new().items(items).build();
        self.answers.insert(
            status,
            json_response(description, Schema::Array(array).into()),
        );
        self
    }

    /// A success answer with a JSON object not described further (such as
    /// this document itself).
    pub fn answers_document(mut self, status: u16, description: &str) -> Self {
        let object = ObjectBuilder::new().schema_type(Type::Object).build();
        self.answers.insert(
            status,
            json_response(description, Schema::Object(object).into()),
        );
        self
    }

    /// A success answer with a text body of this media type.
    pub fn answers_text(
        mut self,
        status: u16,
        content_type: &'static str,
        description: &str,
    ) -> Self {
        self.answers.insert(
            status,
            ResponseBuilder::new()
                .description(description)
                .content(
                    content_type,
                    ContentBuilder::new().schema(Some(string_schema())).build(),
                )
                .build(),
        );
        self
    }

    /// A success answer without a body.
    pub fn answers_empty(mut self, status: u16, description: &str) -> Self {
        self.answers.insert(
            status,
            ResponseBuilder::new().description(description).build(),
        );
        self
    }

    /// Every success answer sets (or clears) the session cookie.
    pub fn sets_session_cookie(mut self) -> Self {
        self.sets_cookie = true;
        self
    }

    /// The refusals particular to this endpoint (the common ones are added
    /// by [`Endpoint::build`]).
    pub fn refuses(mut self, codes: &[ErrorCode]) -> Self {
        self.refusals.extend_from_slice(codes);
        self
    }

    /// The OpenAPI operation, and the named schemas it refers to.
    ///
    /// Panics when the documentation contradicts itself (a `{name}` of the
    /// path without its parameter, a status with both an answer and a
    /// refusal): the tests build the document, so that fails them.
    pub fn build(mut self) -> (Operation, Vec<NamedSchema>) {
        self.check_path_parameters();
        let codes = self.all_refusals();
        let error_schema = self.reference::<ErrorBody>();
        let mut by_status: BTreeMap<u16, Vec<ErrorCode>> = BTreeMap::new();
        for code in codes {
            by_status.entry(code.status()).or_default().push(code);
        }

        let mut operation = OperationBuilder::new()
            .operation_id(Some(self.operation_id()))
            .summary(Some(self.summary))
            .description(self.description)
            .parameters(Some(std::mem::take(&mut self.parameters)));
        if let Some(body) = self.body.take() {
            let (content_type, schema) = match body {
                Body::Json(schema) => (JSON, *schema),
                Body::Text(content_type) => (content_type, string_schema()),
            };
            operation = operation.request_body(Some(
                RequestBodyBuilder::new()
                    .content(
                        content_type,
                        ContentBuilder::new().schema(Some(schema)).build(),
                    )
                    .required(Some(if self.body_required {
                        Required::True
                    } else {
                        Required::False
                    }))
                    .build(),
            ));
        }
        if self.signed_in {
            operation = operation.securities(Some([SecurityRequirement::new(
                SESSION_SCHEME,
                Vec::<String>::new(),
            )]));
        }
        for (status, mut response) in std::mem::take(&mut self.answers) {
            if self.sets_cookie {
                response
                    .headers
                    .insert("Set-Cookie".into(), session_cookie_header());
            }
            operation = operation.response(status.to_string(), response);
        }
        for (status, codes) in by_status {
            let response = refusal_response(&codes, error_schema.clone());
            operation = operation.response(status.to_string(), response);
        }
        (operation.build(), self.schemas)
    }

    /// The endpoint's own refusals plus the common ones, without repeats,
    /// in the order of their statuses.
    fn all_refusals(&self) -> Vec<ErrorCode> {
        let mut codes = self.refusals.clone();
        if self.signed_in {
            codes.push(ErrorCode::Unauthorized);
        }
        if !self.parameters.is_empty() || self.body.is_some() {
            codes.push(ErrorCode::BadRequest);
        }
        if matches!(self.body, Some(Body::Json(_))) {
            codes.push(ErrorCode::ValidationFailed);
        }
        if self.cross_site_checked {
            codes.push(ErrorCode::CrossSiteRequest);
        }
        if self.uses_database && !self.answers.contains_key(&503) {
            codes.push(ErrorCode::ServiceUnavailable);
        }
        let mut unique: Vec<ErrorCode> = Vec::new();
        for code in codes {
            assert!(
                !self.answers.contains_key(&code.status()),
                "{} {}: status {} is both an answer and the refusal {code:?}",
                self.method,
                self.path,
                code.status()
            );
            if !unique.contains(&code) {
                unique.push(code);
            }
        }
        unique.sort_by_key(|code| code.status());
        unique
    }

    fn check_path_parameters(&self) {
        for segment in self.path.split('/') {
            let Some(name) = segment
                .strip_prefix('{')
                .and_then(|rest| rest.split_once('}'))
                .map(|(name, _)| name)
            else {
                continue;
            };
            let declared = self
                .parameters
                .iter()
                .any(|p| p.name == name && p.parameter_in == ParameterIn::Path);
            assert!(
                declared,
                "{} {}: the path parameter {{{name}}} is not documented (add .path_param)",
                self.method, self.path
            );
        }
    }

    /// `post_bookings_id_call` for `POST /api/bookings/{id}/call`.
    fn operation_id(&self) -> String {
        let words = self
            .path
            .trim_start_matches(tandem_api::paths::API_PREFIX)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty());
        std::iter::once(self.method.as_str().to_ascii_lowercase())
            .chain(words.map(str::to_owned))
            .collect::<Vec<_>>()
            .join("_")
    }

    /// A `$ref` to `T`'s schema, remembering `T` and what it refers to.
    fn reference<T: ToSchema>(&mut self) -> RefOr<Schema> {
        let name = T::name().into_owned();
        self.schemas.push((name.clone(), T::schema()));
        T::schemas(&mut self.schemas);
        Ref::from_schema_name(name).into()
    }
}

fn session_cookie_header() -> utoipa::openapi::header::Header {
    HeaderBuilder::new()
        .schema(string_schema())
        .description(Some(format!(
            "The HttpOnly `{}` cookie.",
            crate::auth::session::COOKIE_NAME
        )))
        .build()
}

fn string_schema() -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::String).into()
}

fn json_response(description: &str, schema: RefOr<Schema>) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(JSON, ContentBuilder::new().schema(Some(schema)).build())
        .build()
}

/// The error body, with `error.code` one of `codes`.
fn refusal_response(codes: &[ErrorCode], error_schema: RefOr<Schema>) -> Response {
    let names: Vec<String> = codes.iter().map(|code| code_name(*code)).collect();
    let code = ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(names.clone()));
    let narrowed =
        ObjectBuilder::new().property("error", ObjectBuilder::new().property("code", code));
    let schema = AllOfBuilder::new()
        .item(error_schema)
        .item(narrowed)
        .build();
    let list = names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut response = json_response(&format!("Refused: {list}."), Schema::AllOf(schema).into());
    if codes.contains(&ErrorCode::RateLimited) {
        response.headers.insert(
            "Retry-After".into(),
            HeaderBuilder::new()
                .schema(ObjectBuilder::new().schema_type(Type::Integer))
                .description(Some("Seconds until a retry can succeed."))
                .build(),
        );
    }
    response
}

/// `slot_taken` for [`ErrorCode::SlotTaken`]: its JSON form.
pub fn code_name(code: ErrorCode) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}
