//! `ClientIp`: the address a request comes from, as a key for throttling.
//!
//! The peer of the connection counts, unless it is one of the reverse
//! proxies of `TRUSTED_PROXIES`: then `X-Forwarded-For` is read from the
//! right, and the first address that is not a trusted proxy counts (the
//! entries left of it were written by the client, and prove nothing). An
//! IPv6 address counts as its /64 network, which one person usually holds
//! whole.

use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use ipnet::{IpNet, Ipv6Net};
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

/// The key used when the server runs without connection info (requests
/// sent through the router directly, as tests do).
pub const UNKNOWN: &str = "unknown";

/// The prefix length an IPv6 client is throttled by.
pub const IPV6_PREFIX: u8 = 64;

const X_FORWARDED_FOR: &str = "x-forwarded-for";

/// The throttling key of the client: an IPv4 address (`192.0.2.7`), an
/// IPv6 /64 network (`2001:db8:1:2::/64`), or [`UNKNOWN`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        let key = match peer {
            Some(peer) => key(client_address(
                peer,
                &parts.headers,
                &state.config.trusted_proxies,
            )),
            None => UNKNOWN.to_owned(),
        };
        Ok(Self(key))
    }
}

/// The client's address: `peer` itself unless it is a trusted proxy; then
/// the right-most address of `X-Forwarded-For` that is not a trusted proxy
/// (or, if every one is, the left-most of them).
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    let mut client = peer.to_canonical();
    if !is_trusted(&client) {
        return client;
    }
    // Several header lines count as one list, in order.
    let hops: Vec<&str> = headers
        .get_all(X_FORWARDED_FOR)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .collect();
    for hop in hops.into_iter().rev() {
        // An entry a trusted proxy passed on that is not an address: the
        // proxy that passed it is the best we know.
        let Some(ip) = parse_hop(hop) else {
            return client;
        };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    client
}

/// `192.0.2.7`, `2001:db8::1`, and the same with a port
/// (`192.0.2.7:4711`, `[2001:db8::1]:4711`), which some proxies add.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .or_else(|_| hop.parse::<SocketAddr>().map(|addr| addr.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

/// The throttling key of an address: IPv4 as is, IPv6 as its /64.
pub fn key(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => Ipv6Net::new(v6, IPV6_PREFIX)
            .map(|net| net.trunc().to_string())
            .unwrap_or_else(|_| v6.to_string()),
    }
}

/// Reads `TRUSTED_PROXIES`: a comma-separated list of networks
/// (`10.0.0.0/8`, `2001:db8::/32`) or single addresses; empty is none.
/// The error says which entry is wrong and why.
pub fn parse_trusted_proxies(value: &str) -> Result<Vec<IpNet>, String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            if let Ok(ip) = entry.parse::<IpAddr>() {
                return Ok(IpNet::from(ip.to_canonical()));
            }
            let net: IpNet = entry.parse().map_err(|_| {
                format!("{entry:?} is neither an IP address nor a network such as 10.0.0.0/8")
            })?;
            if net.trunc() != net {
                return Err(format!(
                    "{entry:?} has bits set after its prefix; the network is {}",
                    net.trunc()
                ));
            }
            Ok(net)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(forwarded: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in forwarded {
            headers.append(X_FORWARDED_FOR, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    #[test]
    fn the_client_is_found_as_the_table_says() {
        let trusted = parse_trusted_proxies("10.0.0.0/8, 127.0.0.1, 2001:db8:ffff::/48").unwrap();
        // (peer, X-Forwarded-For lines, the client that counts)
        let cases: &[(&str, &[&str], &str)] = &[
            // No proxy trusted for this peer: the header is ignored.
            ("198.51.100.7", &[], "198.51.100.7"),
            ("198.51.100.7", &["203.0.113.9"], "198.51.100.7"),
            // A trusted proxy without the header: the proxy itself.
            ("10.1.2.3", &[], "10.1.2.3"),
            // One trusted proxy: the address it saw.
            ("10.1.2.3", &["203.0.113.9"], "203.0.113.9"),
            // The client's own (forged) entries left of it do not count.
            (
                "10.1.2.3",
                &["1.1.1.1, 2.2.2.2, 203.0.113.9"],
                "203.0.113.9",
            ),
            // A chain of trusted proxies is skipped from the right.
            (
                "127.0.0.1",
                &["203.0.113.9, 10.0.0.5, 10.9.9.9"],
                "203.0.113.9",
            ),
            // Several header lines form one list.
            (
                "10.1.2.3",
                &["1.1.1.1, 203.0.113.9", "10.0.0.5"],
                "203.0.113.9",
            ),
            // Every hop trusted: the left-most of them.
            ("10.1.2.3", &["10.0.0.7, 10.0.0.5"], "10.0.0.7"),
            // Garbage passed on by a trusted proxy: the proxy that passed it.
            ("10.1.2.3", &["203.0.113.9, not-an-ip"], "10.1.2.3"),
            ("10.1.2.3", &["203.0.113.9, 10.0.0.5, bogus"], "10.1.2.3"),
            ("10.1.2.3", &["garbage, 203.0.113.9"], "203.0.113.9"),
            // Empty entries are not addresses either.
            ("10.1.2.3", &[""], "10.1.2.3"),
            // Ports are dropped.
            ("10.1.2.3", &["203.0.113.9:4711"], "203.0.113.9"),
            ("10.1.2.3", &["[2001:db8:1:2::5]:443"], "2001:db8:1:2::5"),
            // IPv6 proxies and clients.
            (
                "2001:db8:ffff:1::1",
                &["2001:db8:1:2::5"],
                "2001:db8:1:2::5",
            ),
            ("2001:db8:aaaa::1", &["203.0.113.9"], "2001:db8:aaaa::1"),
            // An IPv4 peer on a dual-stack socket is its IPv4 address.
            ("::ffff:10.1.2.3", &["203.0.113.9"], "203.0.113.9"),
            ("::ffff:198.51.100.7", &["203.0.113.9"], "198.51.100.7"),
            ("10.1.2.3", &["::ffff:203.0.113.9"], "203.0.113.9"),
        ];
        for (peer, forwarded, expected) in cases {
            let peer: IpAddr = peer.parse().unwrap();
            let found = client_address(peer, &headers(forwarded), &trusted);
            assert_eq!(found.to_string(), *expected, "{peer} {forwarded:?}");
        }
    }

    #[test]
    fn without_trusted_proxies_the_peer_always_counts() {
        let peer: IpAddr = "127.0.0.1".parse().unwrap();
        let found = client_address(peer, &headers(&["203.0.113.9"]), &[]);
        assert_eq!(found, peer);
    }

    #[test]
    fn ipv6_clients_count_per_64_and_ipv4_in_full() {
        let cases = [
            ("192.0.2.7", "192.0.2.7"),
            ("::ffff:192.0.2.7", "192.0.2.7"),
            ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
            ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
            ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
            ("::1", "::/64"),
        ];
        for (ip, expected) in cases {
            assert_eq!(key(ip.parse().unwrap()), expected, "{ip}");
        }
    }

    #[test]
    fn trusted_proxies_are_validated() {
        assert_eq!(parse_trusted_proxies("").unwrap(), Vec::<IpNet>::new());
        assert_eq!(parse_trusted_proxies(" , ").unwrap(), Vec::<IpNet>::new());
        let nets = parse_trusted_proxies("10.0.0.0/8,192.0.2.1, ::1, fd00::/8").unwrap();
        let shown: Vec<String> = nets.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["10.0.0.0/8", "192.0.2.1/32", "::1/128", "fd00::/8"]);

        for (bad, says) in [
            ("10.0.0.0/33", "neither an IP address nor a network"),
            ("proxy.example.com", "neither an IP address nor a network"),
            (
                "10.0.0.0/8; 192.0.2.1",
                "neither an IP address nor a network",
            ),
            ("10.0.0.1/8", "the network is 10.0.0.0/8"),
        ] {
            let error = parse_trusted_proxies(bad).unwrap_err();
            assert!(error.contains(says), "{bad}: {error}");
        }
    }
}
