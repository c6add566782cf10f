//! A stand-in for LiveKit's RoomService on a loopback port: answers
//! `ListParticipants` (Twirp, protobuf) with the participants it is told,
//! or `not_found`, and counts the requests; `CreateRoom` and `DeleteRoom`
//! keep its rooms and record what was asked. It can also fail every
//! request, as a LiveKit that is down.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use livekit_protocol::{
    participant_info, CreateRoomRequest, DeleteRoomRequest, DeleteRoomResponse,
    ListParticipantsRequest, ListParticipantsResponse, ParticipantInfo, Room,
};
use prost::Message;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Default)]
pub struct FakeLiveKit {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Each room's participants; a room not here does not exist.
    rooms: Mutex<HashMap<String, Vec<ParticipantInfo>>>,
    requests: AtomicUsize,
    delay: Mutex<Duration>,
    /// Every `CreateRoom` request, in order.
    created: Mutex<Vec<CreateRoomRequest>>,
    /// The room of every `DeleteRoom` request, in order.
    deleted: Mutex<Vec<String>>,
    down: std::sync::atomic::AtomicBool,
}

impl FakeLiveKit {
    /// Serves on a free loopback port until the test ends: its URL.
    pub async fn start(&self) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("free port");
        let addr = listener.local_addr().expect("local address");
        let app = Router::new()
            .route(
                "/twirp/livekit.RoomService/ListParticipants",
                post(list_participants),
            )
            .route("/twirp/livekit.RoomService/CreateRoom", post(create_room))
            .route("/twirp/livekit.RoomService/DeleteRoom", post(delete_room))
            .with_state(self.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        format!("ws://{addr}")
    }

    /// The room exists with these participants (identity, name).
    pub fn set_room(&self, room: &str, people: &[(&str, &str)]) {
        let participants = people
            .iter()
            .enumerate()
            .map(|(i, (identity, name))| ParticipantInfo {
                sid: format!("PA_live{i}"),
                identity: (*identity).to_owned(),
                name: (*name).to_owned(),
                state: participant_info::State::Active as i32,
                joined_at: 1,
                ..Default::default()
            })
            .collect();
        self.lock_rooms().insert(room.to_owned(), participants);
    }

    pub fn remove_room(&self, room: &str) {
        self.lock_rooms().remove(room);
    }

    /// Every answer waits this long first.
    pub fn set_delay(&self, delay: Duration) {
        *self.inner.delay.lock().expect("delay lock") = delay;
    }

    /// Answer every request with a server error (or not any more).
    pub fn set_down(&self, down: bool) {
        self.inner.down.store(down, Ordering::SeqCst);
    }

    /// Every `CreateRoom` request received.
    pub fn created(&self) -> Vec<CreateRoomRequest> {
        self.inner.created.lock().expect("created lock").clone()
    }

    /// The rooms of every `DeleteRoom` request received.
    pub fn deleted(&self) -> Vec<String> {
        self.inner.deleted.lock().expect("deleted lock").clone()
    }

    pub fn has_room(&self, room: &str) -> bool {
        self.lock_rooms().contains_key(room)
    }

    /// How many `ListParticipants` requests arrived.
    pub fn requests(&self) -> usize {
        self.inner.requests.load(Ordering::SeqCst)
    }

    fn lock_rooms(&self) -> std::sync::MutexGuard<'_, HashMap<String, Vec<ParticipantInfo>>> {
        self.inner.rooms.lock().expect("rooms lock")
    }
}

fn twirp_error(status: StatusCode, code: &str, msg: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        format!(r#"{{"code":"{code}","msg":"{msg}"}}"#),
    )
        .into_response()
}

fn protobuf(message: &impl Message) -> Response {
    (
        [(header::CONTENT_TYPE, "application/protobuf")],
        message.encode_to_vec(),
    )
        .into_response()
}

async fn create_room(State(fake): State<FakeLiveKit>, body: Bytes) -> Response {
    if fake.inner.down.load(Ordering::SeqCst) {
        return twirp_error(StatusCode::INTERNAL_SERVER_ERROR, "internal", "down");
    }
    let Ok(request) = CreateRoomRequest::decode(body) else {
        return (StatusCode::BAD_REQUEST, "not a CreateRoomRequest").into_response();
    };
    fake.lock_rooms().entry(request.name.clone()).or_default();
    let room = Room {
        name: request.name.clone(),
        max_participants: request.max_participants,
        empty_timeout: request.empty_timeout,
        ..Default::default()
    };
    fake.inner
        .created
        .lock()
        .expect("created lock")
        .push(request);
    protobuf(&room)
}

async fn delete_room(State(fake): State<FakeLiveKit>, body: Bytes) -> Response {
    if fake.inner.down.load(Ordering::SeqCst) {
        return twirp_error(StatusCode::INTERNAL_SERVER_ERROR, "internal", "down");
    }
    let Ok(request) = DeleteRoomRequest::decode(body) else {
        return (StatusCode::BAD_REQUEST, "not a DeleteRoomRequest").into_response();
    };
    fake.inner
        .deleted
        .lock()
        .expect("deleted lock")
        .push(request.room.clone());
    match fake.lock_rooms().remove(&request.room) {
        Some(_) => protobuf(&DeleteRoomResponse {}),
        None => twirp_error(
            StatusCode::NOT_FOUND,
            "not_found",
            "requested room does not exist",
        ),
    }
}

async fn list_participants(State(fake): State<FakeLiveKit>, body: Bytes) -> Response {
    fake.inner.requests.fetch_add(1, Ordering::SeqCst);
    if fake.inner.down.load(Ordering::SeqCst) {
        return twirp_error(StatusCode::INTERNAL_SERVER_ERROR, "internal", "down");
    }
    let delay = *fake.inner.delay.lock().expect("delay lock");
    tokio::time::sleep(delay).await;
    let Ok(request) = ListParticipantsRequest::decode(body) else {
        return (StatusCode::BAD_REQUEST, "not a ListParticipantsRequest").into_response();
    };
    let participants = fake.lock_rooms().get(&request.room).cloned();
    match participants {
        Some(participants) => (
            [(header::CONTENT_TYPE, "application/protobuf")],
            ListParticipantsResponse { participants }.encode_to_vec(),
        )
            .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"code":"not_found","msg":"requested room does not exist"}"#,
        )
            .into_response(),
    }
}
