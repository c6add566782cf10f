// The app's JavaScript, with devices.js (devices, the preview, "Test your
// setup"): a thin layer between src/livekit/*.rs and the livekit-client
// library, here for the room. It turns the library's objects, events and
// errors into plain data and does what Rust asks; every decision is made
// in Rust.
//
// livekit-client is loaded on first use, through the import map in
// index.html, so only the call page downloads it. (wasm-bindgen imports this
// file on every page: a static `import ... from 'livekit-client'` here would
// load the library everywhere.)

let lib;

/** livekit-client, loaded on first use. */
export async function livekit() {
  if (!lib) {
    lib = await import('livekit-client');
    // The library logs every step at "info"; keep the console for problems.
    lib.setLogLevel('warn');
  }
  return lib;
}

/** livekit-client, once `livekit()` has loaded it (a room or tracks exist). */
export function loadedLivekit() {
  return lib;
}

/**
 * An error as `{name, message, reason, status}`, for Rust to classify: `name`
 * is the DOMException's for devices ('NotAllowedError', ...); LiveKit's
 * ConnectionError adds its `reason` ('NotAllowed', 'ServerUnreachable', ...)
 * and the HTTP `status` LiveKit answered with.
 */
function plainError(error) {
  return {
    name: typeof error?.name === 'string' ? error.name : 'Error',
    message: typeof error?.message === 'string' ? error.message : String(error),
    reason: typeof error?.reasonName === 'string' ? error.reasonName : null,
    status: typeof error?.status === 'number' ? error.status : null,
  };
}

/** Runs `work`, rejecting with a plain error object. */
export async function plain(work) {
  try {
    return await work();
  } catch (error) {
    throw plainError(error);
  }
}

/** A DisconnectReason by its protocol name ('DUPLICATE_IDENTITY', ...). */
function reasonName(reason) {
  return reason === undefined || reason === null ? null : (lib.DisconnectReason[reason] ?? String(reason));
}

function publication(pub) {
  return { kind: pub.kind, source: pub.source, muted: pub.isMuted };
}

// ---------- Marks of the join, for DevTools and `cargo xtask bench join` ----------

/** `performance.mark` names of the steps of joining, in order. */
const JOIN_MARK = {
  connect: 'tandem:join:connect',
  signal: 'tandem:join:signal-connected',
  connected: 'tandem:join:connected',
  published: 'tandem:join:published',
  subscribed: 'tandem:join:remote-video-subscribed',
};

/**
 * Marks each step of joining once per connection: the signalling socket
 * answered, the room connected (ICE and DTLS done), the first local track
 * published, the other person's video subscribed. They show in DevTools'
 * performance timeline. Returns the listeners, for `disposeRoom` to remove.
 */
function markJoinSteps(room, RoomEvent) {
  const once = (name) => {
    if (performance.getEntriesByName(name, 'mark').length === 0) {
      performance.mark(name);
    }
  };
  const listeners = [
    [RoomEvent.SignalConnected, () => once(JOIN_MARK.signal)],
    [RoomEvent.Connected, () => once(JOIN_MARK.connected)],
    [RoomEvent.LocalTrackPublished, () => once(JOIN_MARK.published)],
    [RoomEvent.TrackSubscribed, (track) => track.kind === 'video' && once(JOIN_MARK.subscribed)],
    // A new connection (a rejoin) marks its steps again.
    [RoomEvent.Disconnected, () => Object.values(JOIN_MARK).forEach((name) => performance.clearMarks(name))],
  ];
  for (const [type, listener] of listeners) {
    room.on(type, listener);
  }
  return listeners;
}

// ---------- The room ----------

/**
 * A Room (adaptive stream, dynacast) whose events reach `onEvent` as plain
 * objects `{type, ...fields}`. Resolves to a handle for the other functions;
 * `disposeRoom` removes the listeners again.
 */
export function createRoom(onEvent) {
  return plain(async () => {
    const { Room, RoomEvent } = await livekit();
    // Two peer connections (one to publish, one to subscribe), not the
    // single one livekit-client 2.23 uses by default: the join is answered
    // without first creating and sending an offer, and no first frame waits
    // over a second. `cargo xtask bench join`, 50 joins each: signalling
    // 83 ms median against 115 ms, click to Connected 223 against 249 ms,
    // to the first remote frame 626 ms (p95 820) against 657 ms (p95 1,777).
    const room = new Room({ adaptiveStream: true, dynacast: true, singlePeerConnection: false });
    const normalise = {
      [RoomEvent.ConnectionStateChanged]: (state) => ({ state }),
      [RoomEvent.ParticipantConnected]: (participant) => ({ identity: participant.identity }),
      [RoomEvent.ParticipantDisconnected]: (participant, reason) => ({
        identity: participant.identity,
        reason: reasonName(reason),
      }),
      [RoomEvent.TrackSubscribed]: (_track, pub, participant) => ({
        identity: participant.identity,
        ...publication(pub),
      }),
      [RoomEvent.TrackUnsubscribed]: (_track, pub, participant) => ({
        identity: participant.identity,
        ...publication(pub),
      }),
      [RoomEvent.TrackMuted]: (pub, participant) => ({
        identity: participant.identity,
        local: participant.isLocal,
        ...publication(pub),
      }),
      [RoomEvent.TrackUnmuted]: (pub, participant) => ({
        identity: participant.identity,
        local: participant.isLocal,
        ...publication(pub),
      }),
      [RoomEvent.ConnectionQualityChanged]: (quality, participant) => ({
        identity: participant.identity,
        local: participant.isLocal,
        quality,
      }),
      [RoomEvent.Disconnected]: (reason) => ({ reason: reasonName(reason) }),
      [RoomEvent.Reconnecting]: () => ({}),
      [RoomEvent.Reconnected]: () => ({}),
      [RoomEvent.AudioPlaybackStatusChanged]: () => ({ canPlayback: room.canPlaybackAudio }),
      [RoomEvent.MediaDevicesError]: (error, kind) => ({ error: plainError(error), kind: kind ?? null }),
      [RoomEvent.ActiveDeviceChanged]: (kind, deviceId) => ({ kind, deviceId }),
      [RoomEvent.MediaDevicesChanged]: () => ({}),
      [RoomEvent.DataReceived]: (payload, participant, _kind, topic) => ({
        identity: participant?.identity ?? null,
        topic: topic ?? null,
        text: new TextDecoder().decode(payload),
      }),
      ...extraRoomEvents(RoomEvent),
    };
    const listeners = Object.entries(normalise).map(([type, fields]) => {
      const listener = (...args) => onEvent({ type, ...fields(...args) });
      room.on(type, listener);
      return [type, listener];
    });
    listeners.push(...markJoinSteps(room, RoomEvent));
    return { room, listeners };
  });
}

/** Removes the listeners, detaches every track and disconnects (stopping local tracks). */
export function disposeRoom(handle) {
  for (const [type, listener] of handle.listeners) {
    handle.room.off(type, listener);
  }
  handle.listeners = [];
  detachRemoteTracks(handle.room);
  handle.room.disconnect(true).catch(() => {});
}

function detachRemoteTracks(room) {
  for (const participant of room.remoteParticipants.values()) {
    for (const pub of participant.trackPublications.values()) {
      pub.track?.detach();
    }
  }
  for (const pub of room.localParticipant.trackPublications.values()) {
    pub.track?.detach();
  }
}

export function prepareConnection(handle, url, token) {
  return plain(() => handle.room.prepareConnection(url, token));
}

export function connect(handle, url, token) {
  performance.mark(JOIN_MARK.connect);
  return plain(() => handle.room.connect(url, token));
}

/** Disconnects and stops the local tracks; the listeners stay. */
export function disconnect(handle) {
  return plain(async () => {
    detachRemoteTracks(handle.room);
    await handle.room.disconnect(true);
  });
}

/** What the room holds right now: its state and the other participants with their tracks. */
export function snapshot(handle) {
  const { room } = handle;
  return {
    state: room.state,
    canPlaybackAudio: room.canPlaybackAudio,
    participants: [...room.remoteParticipants.values()].map((participant) => ({
      identity: participant.identity,
      quality: participant.connectionQuality,
      tracks: [...participant.trackPublications.values()]
        .filter((pub) => pub.isSubscribed)
        .map(publication),
    })),
  };
}

/** Publishes tracks made by `createPreviewTracks`; the room stops them on disconnect. */
export function publishTracks(handle, tracks) {
  return plain(() => Promise.all(tracks.map((track) => handle.room.localParticipant.publishTrack(track))));
}

/** Sends `text` to the others in the room, reliably, on `topic`. */
export function sendData(handle, topic, text) {
  return plain(() =>
    handle.room.localParticipant.publishData(new TextEncoder().encode(text), { reliable: true, topic }),
  );
}

export function setMicrophoneEnabled(handle, enabled, deviceId) {
  return plain(async () => {
    await handle.room.localParticipant.setMicrophoneEnabled(enabled, deviceId ? { deviceId } : undefined);
  });
}

export function setCameraEnabled(handle, enabled, deviceId) {
  return plain(async () => {
    await handle.room.localParticipant.setCameraEnabled(enabled, deviceId ? { deviceId } : undefined);
  });
}

/** Plays another participant's track (`source`: 'camera', 'microphone') in `element`. */
export function attachRemoteTrack(handle, identity, source, element) {
  const track = handle.room.remoteParticipants.get(identity)?.getTrackPublication(source)?.track;
  if (!track) {
    return false;
  }
  track.attach(element);
  return true;
}

export function detachRemoteTrack(handle, identity, source, element) {
  handle.room.remoteParticipants.get(identity)?.getTrackPublication(source)?.track?.detach(element);
}

/** Shows the published camera in `element`. */
export function attachLocalVideo(handle, element) {
  const track = handle.room.localParticipant.getTrackPublication('camera')?.track;
  if (!track) {
    return false;
  }
  track.attach(element);
  return true;
}

export function startAudio(handle) {
  return plain(() => handle.room.startAudio());
}

export function canPlaybackAudio(handle) {
  return handle.room.canPlaybackAudio;
}

export function switchActiveDevice(handle, kind, deviceId) {
  return plain(() => handle.room.switchActiveDevice(kind, deviceId));
}

/** The device the room uses for `kind` ('audioinput', 'videoinput', 'audiooutput'), or null. */
export function activeDevice(handle, kind) {
  return handle.room.getActiveDevice(kind) ?? null;
}

// ---------- Screen share (call extras) ----------

/** The room events of the call extras, in `createRoom`'s shape: our own tracks published and unpublished. */
function extraRoomEvents(RoomEvent) {
  return {
    [RoomEvent.LocalTrackPublished]: (pub) => publication(pub),
    [RoomEvent.LocalTrackUnpublished]: (pub) => publication(pub),
  };
}

/**
 * Starts or stops sharing the screen, with its sound where the browser
 * offers it (a tab's, or the system's). Resolves to whether we share now:
 * closing the browser's picker without choosing resolves to false.
 */
export function setScreenShareEnabled(handle, enabled) {
  return plain(async () => {
    const participant = handle.room.localParticipant;
    try {
      await participant.setScreenShareEnabled(enabled, {
        audio: true,
        systemAudio: 'include',
        selfBrowserSurface: 'exclude',
      });
    } catch (error) {
      if (enabled && error?.name === 'NotAllowedError') {
        return false;
      }
      throw error;
    }
    return participant.isScreenShareEnabled;
  });
}

/** Shows our own published track of `source` ('screen_share', ...) in `element`; false without one. */
export function attachLocalTrack(handle, source, element) {
  const track = handle.room.localParticipant.getTrackPublication(source)?.track;
  if (!track) {
    return false;
  }
  track.attach(element);
  return true;
}
