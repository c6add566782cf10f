//! The `next_cursor` of `GET /api/professionals`: the place of the last
//! professional of a page in the directory's order (soonest next free
//! time first, then those with none by name).
//!
//! Opaque to clients: base64url of `dir:next_free_or_-:id:lower_name`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use tandem_api::UserId;

/// A professional's place in the directory's order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// Unix seconds of the next free time; `None` sorts last.
    pub next_free: Option<i64>,
    pub lower_name: String,
    pub id: UserId,
}

impl Place {
    /// The key that orders the directory.
    pub fn key(&self) -> (bool, i64, &str, UserId) {
        (
            self.next_free.is_none(),
            self.next_free.unwrap_or(0),
            &self.lower_name,
            self.id,
        )
    }
}

pub fn encode(place: &Place) -> String {
    let next = place
        .next_free
        .map_or_else(|| "-".to_owned(), |secs| secs.to_string());
    URL_SAFE_NO_PAD.encode(format!("dir:{next}:{}:{}", place.id, place.lower_name))
}

/// `None` for anything this list did not hand out.
pub fn decode(cursor: &str) -> Option<Place> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor.trim()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut parts = text.splitn(4, ':');
    let (Some("dir"), Some(next), Some(id), Some(lower_name)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let next_free = match next {
        "-" => None,
        secs => Some(secs.parse().ok()?),
    };
    Some(Place {
        next_free,
        lower_name: lower_name.to_owned(),
        id: id.parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_round_trip_and_junk_is_refused() {
        for next_free in [Some(1_800_000_000), None] {
            let place = Place {
                next_free,
                lower_name: "dr: ada".into(),
                id: UserId(7),
            };
            assert_eq!(decode(&encode(&place)), Some(place));
        }
        assert_eq!(decode("not a cursor"), None);
        assert_eq!(decode(&URL_SAFE_NO_PAD.encode("upcoming:1:2")), None);
    }

    #[test]
    fn professionals_without_free_time_come_last() {
        let soon = Place {
            next_free: Some(10),
            lower_name: "zed".into(),
            id: UserId(2),
        };
        let never = Place {
            next_free: None,
            lower_name: "ada".into(),
            id: UserId(1),
        };
        assert!(soon.key() < never.key());
    }
}
