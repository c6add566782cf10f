//! Prices: cents as the API carries them, dollars as people read and type
//! them.

use tandem_api::validation::check_price;

/// Shown when the price box is empty.
pub const PRICE_MISSING: &str = "Enter a price.";
/// Shown when the price box holds something that is not an amount.
pub const PRICE_NOT_AN_AMOUNT: &str = "Enter the price in dollars, like 60 or 59.50.";

/// `6000` → `"$60.00"`; `-150` → `"-$1.50"`.
pub fn format_price(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}${}.{:02}", cents / 100, cents % 100)
}

/// A price typed in dollars (`60`, `59.5`, `$59.50`) as cents, checked
/// against the shared price range. The message says what to fix.
pub fn parse_price(raw: &str) -> Result<i64, String> {
    let text = raw.trim();
    let text = text.strip_prefix('$').unwrap_or(text).trim();
    if text.is_empty() {
        return Err(PRICE_MISSING.to_owned());
    }
    let cents = dollars_to_cents(text).ok_or_else(|| PRICE_NOT_AN_AMOUNT.to_owned())?;
    check_price(cents).map_err(|e| e.to_string())?;
    Ok(cents)
}

/// `"59.5"` → `5950`: digits, optionally a point and one or two more.
fn dollars_to_cents(text: &str) -> Option<i64> {
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (text, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty())
        || !digits(whole)
        || !digits(fraction)
        || fraction.len() > 2
        || whole.len() > 12
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let fraction: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_show_dollars_and_cents() {
        assert_eq!(format_price(6000), "$60.00");
        assert_eq!(format_price(5950), "$59.50");
        assert_eq!(format_price(105), "$1.05");
        assert_eq!(format_price(7), "$0.07");
        assert_eq!(format_price(0), "$0.00");
        assert_eq!(format_price(-150), "-$1.50");
    }

    #[test]
    fn typed_dollars_become_cents() {
        assert_eq!(parse_price("60"), Ok(6000));
        assert_eq!(parse_price(" 59.5 "), Ok(5950));
        assert_eq!(parse_price("$59.50"), Ok(5950));
        assert_eq!(parse_price("$ 1"), Ok(100));
        assert_eq!(parse_price("250.00"), Ok(25_000));
        assert_eq!(parse_price("1."), Ok(100));
    }

    #[test]
    fn other_text_is_not_a_price() {
        assert_eq!(parse_price(""), Err(PRICE_MISSING.into()));
        assert_eq!(parse_price("  $ "), Err(PRICE_MISSING.into()));
        for bad in [
            "sixty",
            "60.005",
            "-5",
            "1,50",
            "6 0",
            ".",
            "1e3",
            "99999999999999",
        ] {
            assert_eq!(parse_price(bad), Err(PRICE_NOT_AN_AMOUNT.into()), "{bad:?}");
        }
    }

    #[test]
    fn prices_outside_the_shared_range_get_its_message() {
        assert_eq!(
            parse_price("0.99"),
            Err("The price must be between $1 and $250.".into())
        );
        assert_eq!(
            parse_price("250.01"),
            Err("The price must be between $1 and $250.".into())
        );
    }
}
