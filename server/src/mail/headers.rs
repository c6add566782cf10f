//! The `List-Unsubscribe` headers of reminder emails (RFC 2369, RFC 8058),
//! which lettre does not define.

use lettre::message::header::{Header, HeaderName, HeaderValue};
use std::error::Error;

/// `List-Unsubscribe: <https://…>`: where a one-click unsubscribe posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListUnsubscribe(String);

impl ListUnsubscribe {
    pub fn new(url: &str) -> Self {
        Self(format!("<{url}>"))
    }
}

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(value: &str) -> Result<Self, Box<dyn Error + Send + Sync>> {
        Ok(Self(value.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`: the address above
/// takes a `POST` without any further step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}
