//! `/gallery` and everything under it: the gallery in dev builds
//! ([`crate::gallery`]), "page not found" in release builds, which leave
//! the gallery out.

#[cfg(debug_assertions)]
pub use crate::gallery::GalleryPage;

#[cfg(not(debug_assertions))]
pub use super::not_found::NotFoundPage as GalleryPage;
