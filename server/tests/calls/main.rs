//! Video calls through the HTTP API: LiveKit join credentials and every
//! refusal, the hourly token limit, LiveKit's webhook, and the room status
//! answered from the webhook record or reconciled with LiveKit.

#[path = "../common/mod.rs"]
mod common;
mod fake_livekit;
mod support;

mod closing;
mod live;
mod rate_limit;
mod refusals;
mod room_status;
mod running_late;
mod tokens;
mod webhook;
