// The app's only JavaScript: a thin layer between src/livekit/*.rs and the
// livekit-client library. It turns the library's objects, events and errors
// into plain data and does what Rust asks; every decision is made in Rust.
//
// livekit-client is loaded on first use, through the import map in
// index.html, so only the call page downloads it. (wasm-bindgen imports this
// file on every page: a static `import ... from 'livekit-client'` here would
// load the library everywhere.)

let lib;

async function livekit() {
  if (!lib) {
    lib = await import('livekit-client');
    // The library logs every step at "info"; keep the console for problems.
    lib.setLogLevel('warn');
  }
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
async function plain(work) {
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

/** Whether the page may choose where audio plays (`setSinkId`). */
export function canChooseSpeaker() {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

// ---------- Devices and the pre-join preview ----------

/** The devices of one kind ('audioinput', 'videoinput') as `[{deviceId, label}]`. */
export function listDevices(kind) {
  return plain(async () => {
    const { Room } = await livekit();
    const devices = await Room.getLocalDevices(kind, false);
    return devices.map((device) => ({ deviceId: device.deviceId, label: device.label }));
  });
}

/**
 * Asks for camera and/or microphone tracks, `{audio, video, audioDeviceId,
 * videoDeviceId}`, as a request that can be given up: `{promise}`, where
 * `promise` resolves to the tracks. After `cancelPreviewTracks`, tracks that
 * arrive later (the permission prompt was still open) are stopped at once
 * and the promise resolves to no tracks.
 */
export function requestPreviewTracks(options) {
  const request = { cancelled: false };
  request.promise = plain(async () => {
    const { createLocalTracks } = await livekit();
    const capture = (wanted, deviceId) => (wanted ? (deviceId ? { deviceId } : true) : false);
    let tracks;
    try {
      tracks = await createLocalTracks({
        audio: capture(options.audio, options.audioDeviceId),
        video: capture(options.video, options.videoDeviceId),
      });
    } catch (error) {
      if (request.cancelled) {
        return [];
      }
      throw error;
    }
    if (request.cancelled) {
      stopTracks(tracks);
      return [];
    }
    return tracks;
  });
  return request;
}

/** The promise of a `requestPreviewTracks` request. */
export function previewTracksPromise(request) {
  return request.promise;
}

/** Gives up a `requestPreviewTracks` request: its tracks are stopped when they arrive. */
export function cancelPreviewTracks(request) {
  request.cancelled = true;
}

/** Shows the preview's camera in `element`. */
export function attachPreviewVideo(tracks, element) {
  const track = tracks.find((track) => track.kind === 'video');
  if (!track) {
    return false;
  }
  track.attach(element);
  return true;
}

/** The device each preview track is using, `{audio, video}` (null when absent). */
export function previewDeviceIds(tracks) {
  return plain(async () => {
    const id = async (kind) => (await tracks.find((track) => track.kind === kind)?.getDeviceId()) ?? null;
    return { audio: await id('audio'), video: await id('video') };
  });
}

export function stopTracks(tracks) {
  for (const track of tracks) {
    track.detach();
    track.stop();
  }
}

/** A level reader for the preview's microphone, or null without one. */
export function createLevelMeter(tracks) {
  const track = tracks.find((track) => track.kind === 'audio');
  return track ? lib.createAudioAnalyser(track) : null;
}

/** The microphone level, 0 to 1. */
export function readLevel(meter) {
  return meter.calculateVolume();
}

export function stopLevelMeter(meter) {
  meter.cleanup().catch(() => {});
}

// ---------- Test your setup, screen share (call extras) ----------

/**
 * Plays a short two-note tone on the default speaker through WebAudio, and
 * resolves when it has finished (the audio context is closed then).
 */
export function playTestTone() {
  return plain(async () => {
    const context = new AudioContext();
    try {
      await context.resume();
      const gain = context.createGain();
      gain.connect(context.destination);
      const start = context.currentTime + 0.05;
      for (const [offset, frequency] of [[0, 523.25], [0.45, 659.25]]) {
        const note = context.createOscillator();
        note.type = 'sine';
        note.frequency.value = frequency;
        note.connect(gain);
        note.start(start + offset);
        note.stop(start + offset + 0.4);
      }
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(0.3, start + 0.05);
      gain.gain.setValueAtTime(0.3, start + 0.8);
      gain.gain.linearRampToValueAtTime(0, start + 0.85);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      await context.close().catch(() => {});
    }
  });
}

/** The transport ('udp', 'tcp', 'tls') of a peer connection's selected candidate pair, or null. */
async function selectedProtocol(transport) {
  const stats = await transport?.getStats?.();
  if (!stats) {
    return null;
  }
  let pairId = null;
  const pairs = new Map();
  const candidates = new Map();
  stats.forEach((report) => {
    if (report.type === 'transport' && report.selectedCandidatePairId) {
      pairId = report.selectedCandidatePairId;
    } else if (report.type === 'candidate-pair') {
      pairs.set(report.id, report);
      if (!pairId && report.selected) {
        pairId = report.id;
      }
    } else if (report.type === 'local-candidate') {
      candidates.set(report.id, report);
    }
  });
  const local = candidates.get(pairs.get(pairId)?.localCandidateId);
  if (!local) {
    return null;
  }
  return local.candidateType === 'relay' ? (local.relayProtocol ?? local.protocol) : local.protocol;
}

let MediaRouteCheck;

/**
 * A check for livekit-client's ConnectionCheck: joins over WebRTC (as its
 * own WebRTCCheck does) and reads which transport the media uses.
 */
function mediaRouteCheck() {
  MediaRouteCheck ??= class extends lib.Checker {
    get description() {
      return 'Establishing a WebRTC connection and finding its transport';
    }

    async perform() {
      await this.connect();
      const manager = this.room.engine?.pcManager;
      for (const transport of [manager?.subscriber, manager?.publisher]) {
        this.protocol ??= await selectedProtocol(transport);
      }
      this.appendMessage(`media over ${this.protocol ?? 'an unknown transport'}`);
    }

    getInfo() {
      return { ...super.getInfo(), data: { protocol: this.protocol ?? null } };
    }
  };
  return MediaRouteCheck;
}

/**
 * livekit-client's ConnectionCheck against the server: signalling (its
 * WebSocket check), then media (a WebRTC join and its transport). Resolves
 * to `{signalling: {passed, messages}, media: {passed, protocol, messages}
 * | null}`; media is not tried when signalling failed. Each check joins the
 * room with `token` for a moment.
 */
export function checkConnection(url, token) {
  return plain(async () => {
    const { ConnectionCheck, CheckStatus } = await livekit();
    const check = new ConnectionCheck(url, token);
    const messages = (info) => info.logs.map((log) => `${log.level}: ${log.message}`);
    const websocket = await check.checkWebsocket();
    const signalling = { passed: websocket.status === CheckStatus.SUCCESS, messages: messages(websocket) };
    if (!signalling.passed) {
      return { signalling, media: null };
    }
    const route = await check.createAndRunCheck(mediaRouteCheck());
    const media = {
      passed: route.status === CheckStatus.SUCCESS,
      protocol: route.data?.protocol ?? null,
      messages: messages(route),
    };
    return { signalling, media };
  });
}

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
