//! The `next_cursor` of `GET /api/bookings`: where a page ended, so the
//! next one starts right after it (keyset pagination: no duplicates or
//! gaps when bookings are added meanwhile).
//!
//! Opaque to clients: base64url of `scope:start_time:booking_id`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use tandem_api::bookings::BookingScope;
use tandem_api::BookingId;

/// The last booking of a page: its start (unix seconds) and id, which
/// together order the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub start_time: i64,
    pub id: BookingId,
}

pub fn encode(scope: BookingScope, position: Position) -> String {
    let text = format!("{}:{}:{}", scope.as_str(), position.start_time, position.id);
    URL_SAFE_NO_PAD.encode(text)
}

/// The position a cursor of the same scope names; `None` for anything
/// else (made up, truncated, or from the other list).
pub fn decode(cursor: &str, scope: BookingScope) -> Option<Position> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor.trim()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut parts = text.split(':');
    let (Some(cursor_scope), Some(start_time), Some(id), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    if cursor_scope != scope.as_str() {
        return None;
    }
    Some(Position {
        start_time: start_time.parse().ok()?,
        id: id.parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_within_their_scope() {
        let position = Position {
            start_time: 1_795_251_600,
            id: BookingId(42),
        };
        let cursor = encode(BookingScope::Upcoming, position);
        assert!(cursor
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_eq!(decode(&cursor, BookingScope::Upcoming), Some(position));
        assert_eq!(decode(&cursor, BookingScope::Past), None);
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "",
            "not base64!",
            &URL_SAFE_NO_PAD.encode("upcoming:12"),
            &URL_SAFE_NO_PAD.encode("upcoming:12:x"),
            &URL_SAFE_NO_PAD.encode("upcoming:12:3:4"),
            &URL_SAFE_NO_PAD.encode("upcoming::3"),
            &URL_SAFE_NO_PAD.encode([0xff, 0xfe]),
        ] {
            assert_eq!(decode(bad, BookingScope::Upcoming), None, "{bad:?}");
        }
    }
}
