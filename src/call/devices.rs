//! The camera, microphone and speaker the person chose: kept for next time
//! ([`DeviceChoices`]), and what to fall back to when the one in use is
//! unplugged ([`fall_back`]).

use serde::{Deserialize, Serialize};

use crate::livekit::events::DeviceKind;
use crate::livekit::Device;

/// The devices chosen last, as the browser names them (`None`: its default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceChoices {
    #[serde(default)]
    pub camera: Option<String>,
    #[serde(default)]
    pub microphone: Option<String>,
    #[serde(default)]
    pub speaker: Option<String>,
}

impl DeviceChoices {
    /// Reads what [`DeviceChoices::to_json`] wrote; nothing chosen when it
    /// is missing or unreadable.
    pub fn from_json(text: Option<&str>) -> Self {
        text.and_then(|text| serde_json::from_str(text).ok())
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn get(&self, kind: DeviceKind) -> Option<&str> {
        match kind {
            DeviceKind::VideoInput => self.camera.as_deref(),
            DeviceKind::AudioInput => self.microphone.as_deref(),
            DeviceKind::AudioOutput => self.speaker.as_deref(),
        }
    }

    pub fn set(&mut self, kind: DeviceKind, device_id: Option<String>) {
        let slot = match kind {
            DeviceKind::VideoInput => &mut self.camera,
            DeviceKind::AudioInput => &mut self.microphone,
            DeviceKind::AudioOutput => &mut self.speaker,
        };
        *slot = device_id;
    }
}

/// The device in use went away, and the call moves to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceFallback {
    pub kind: DeviceKind,
    /// What the browser called the one that went.
    pub lost: String,
    /// The one the call uses now.
    pub now: Device,
}

/// The device `in_use` (of `kind`) was listed in `before` and is missing
/// from `now`: the browser's default of `now`, else its first device.
/// `None` when nothing needs to change (or nothing is left to use).
pub fn fall_back(
    kind: DeviceKind,
    in_use: Option<&str>,
    before: &[Device],
    now: &[Device],
) -> Option<DeviceFallback> {
    let in_use = in_use?;
    if now.iter().any(|device| device.device_id == in_use) {
        return None;
    }
    let lost = before
        .iter()
        .find(|device| device.device_id == in_use)
        .map(|device| device.label.clone())
        .unwrap_or_default();
    let next = now
        .iter()
        .find(|device| device.device_id == "default")
        .or_else(|| now.first())?;
    Some(DeviceFallback {
        kind,
        lost,
        now: next.clone(),
    })
}

impl DeviceFallback {
    /// "Your camera “USB Camera” was disconnected. Now using “FaceTime HD
    /// Camera”."
    pub fn notice(&self) -> String {
        let what = kind_words(self.kind);
        let lost = if self.lost.is_empty() {
            format!("Your {what}")
        } else {
            format!("Your {what} “{}”", self.lost)
        };
        let now = if self.now.label.is_empty() {
            format!("the default {what}")
        } else {
            format!("“{}”", self.now.label)
        };
        format!("{lost} was disconnected. Now using {now}.")
    }
}

/// "camera", "microphone", "speaker".
pub fn kind_words(kind: DeviceKind) -> &'static str {
    match kind {
        DeviceKind::VideoInput => "camera",
        DeviceKind::AudioInput => "microphone",
        DeviceKind::AudioOutput => "speaker",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(id: &str, label: &str) -> Device {
        Device {
            device_id: id.into(),
            label: label.into(),
        }
    }

    #[test]
    fn choices_survive_a_round_trip_and_bad_text() {
        let mut choices = DeviceChoices::default();
        choices.set(DeviceKind::VideoInput, Some("cam-2".into()));
        choices.set(DeviceKind::AudioOutput, Some("spk".into()));
        let again = DeviceChoices::from_json(Some(&choices.to_json()));
        assert_eq!(again, choices);
        assert_eq!(again.get(DeviceKind::VideoInput), Some("cam-2"));
        assert_eq!(again.get(DeviceKind::AudioInput), None);
        assert_eq!(
            DeviceChoices::from_json(Some("not json")),
            DeviceChoices::default()
        );
        assert_eq!(DeviceChoices::from_json(None), DeviceChoices::default());
        assert_eq!(
            DeviceChoices::from_json(Some(r#"{"camera":"c"}"#))
                .camera
                .as_deref(),
            Some("c")
        );
    }

    #[test]
    fn a_device_still_there_needs_nothing() {
        let devices = [device("a", "Camera A"), device("b", "Camera B")];
        assert_eq!(
            fall_back(DeviceKind::VideoInput, Some("b"), &devices, &devices),
            None
        );
        assert_eq!(
            fall_back(DeviceKind::VideoInput, None, &devices, &devices[..1]),
            None
        );
    }

    #[test]
    fn an_unplugged_device_falls_back_to_the_default() {
        let before = [
            device("default", "Default - Headset"),
            device("usb", "USB Microphone"),
            device("built-in", "Built-in Microphone"),
        ];
        let now = [
            device("built-in", "Built-in Microphone"),
            device("default", "Default - Built-in"),
        ];
        let fallback = fall_back(DeviceKind::AudioInput, Some("usb"), &before, &now).unwrap();
        assert_eq!(fallback.now.device_id, "default");
        assert_eq!(
            fallback.notice(),
            "Your microphone “USB Microphone” was disconnected. Now using “Default - Built-in”."
        );
    }

    #[test]
    fn without_a_default_the_first_device_is_used() {
        let before = [device("a", "Camera A"), device("b", "Camera B")];
        let now = [device("b", "Camera B")];
        let fallback = fall_back(DeviceKind::VideoInput, Some("a"), &before, &now).unwrap();
        assert_eq!(fallback.now.device_id, "b");
        assert_eq!(
            fallback.notice(),
            "Your camera “Camera A” was disconnected. Now using “Camera B”."
        );
    }

    #[test]
    fn nothing_left_is_no_fallback() {
        let before = [device("a", "Camera A")];
        assert_eq!(
            fall_back(DeviceKind::VideoInput, Some("a"), &before, &[]),
            None
        );
    }

    #[test]
    fn unnamed_devices_are_described_by_kind() {
        let fallback =
            fall_back(DeviceKind::AudioOutput, Some("x"), &[], &[device("y", "")]).unwrap();
        assert_eq!(
            fallback.notice(),
            "Your speaker was disconnected. Now using the default speaker."
        );
    }
}
