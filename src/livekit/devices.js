// The devices, the pre-join preview and "Test your setup", between
// src/livekit/*.rs and livekit-client: listing cameras and microphones,
// the preview's tracks and microphone level, a test tone, and the
// connection check. Like bridge.js (the room), whose library loader and
// error shape it shares, it turns the library's objects and errors into
// plain data and leaves every decision to Rust.

import { livekit, loadedLivekit, plain } from './bridge.js';

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
  return track ? loadedLivekit().createAudioAnalyser(track) : null;
}

/** The microphone level, 0 to 1. */
export function readLevel(meter) {
  return meter.calculateVolume();
}

export function stopLevelMeter(meter) {
  meter.cleanup().catch(() => {});
}

// ---------- Test your setup ----------

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
  MediaRouteCheck ??= class extends loadedLivekit().Checker {
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
