//! The demo professionals' profiles and weekly hours, saved once: a
//! professional who changes them in the app keeps their changes.

use crate::availability::repo as availability_repo;
use crate::profiles::repo as profiles_repo;
use chrono::{DateTime, Utc};
use sqlx::AnyConnection;
use tandem_api::availability::{Availability, ClockTime, DayHours, TimeRange, Weekday};
use tandem_api::profiles::{Specialty, UpdateProfileRequest};
use tandem_api::UserId;

/// Weekdays that share their hours, and those hours as `(start hour, end
/// hour)` ranges.
type WeekHours = &'static [(&'static [Weekday], &'static [(u16, u16)])];

/// One demo professional's profile and rules.
pub struct DemoProfessional {
    pub email: &'static str,
    headline: &'static str,
    about: &'static str,
    specialties: &'static [Specialty],
    tags: &'static [&'static str],
    languages: &'static [&'static str],
    time_zone: &'static str,
    session_minutes: u16,
    buffer_minutes: u16,
    notice_hours: u16,
    horizon_days: u16,
    price_cents: i64,
    hours: WeekHours,
}

use Weekday::{Friday, Monday, Thursday, Tuesday, Wednesday};

pub const PROFESSIONALS: [DemoProfessional; 2] = [
    DemoProfessional {
        email: "maya.okafor@example.com",
        headline: "Clinical psychologist for anxiety and stress at work",
        about: "I help adults who feel worn down by worry or by work. We look at what \
                keeps the worry going and try small, practical changes between sessions.\n\n\
                I trained in cognitive behavioural therapy and have worked with teams in \
                hospitals and start-ups for twelve years. Sessions are in English or French.",
        specialties: &[Specialty::Anxiety, Specialty::Stress, Specialty::Depression],
        tags: &["CBT", "Burnout"],
        languages: &["en", "fr"],
        time_zone: "Europe/London",
        session_minutes: 50,
        buffer_minutes: 10,
        notice_hours: 12,
        horizon_days: 60,
        price_cents: 9_000,
        hours: &[
            (
                &[Monday, Tuesday, Wednesday, Thursday],
                &[(9, 12), (14, 18)],
            ),
            (&[Friday], &[(9, 13)]),
        ],
    },
    DemoProfessional {
        email: "leo.brandt@example.com",
        headline: "Career coach for people changing fields",
        about: "Thinking of a new field, or back to work after a break? Together we \
                sort out what you want, what you bring and the next three steps.\n\n\
                Before coaching I hired engineers for ten years, so we can practise \
                interviews too. Sessions in German or English.",
        specialties: &[Specialty::CareerCoaching, Specialty::LifeCoaching],
        tags: &["Interviews", "Career change"],
        languages: &["de", "en"],
        time_zone: "Europe/Berlin",
        session_minutes: 45,
        buffer_minutes: 15,
        notice_hours: 4,
        horizon_days: 30,
        price_cents: 6_000,
        hours: &[
            (&[Monday, Wednesday, Friday], &[(10, 13)]),
            (&[Tuesday, Thursday], &[(15, 19)]),
        ],
    },
];

impl DemoProfessional {
    fn availability(&self) -> Availability {
        let mut weekly_hours: Vec<DayHours> = Vec::new();
        for (days, ranges) in self.hours {
            for day in *days {
                weekly_hours.push(DayHours {
                    weekday: *day,
                    ranges: ranges
                        .iter()
                        .filter_map(|(start, end)| {
                            Some(TimeRange {
                                start: ClockTime::hm(*start, 0)?,
                                end: ClockTime::hm(*end, 0)?,
                            })
                        })
                        .collect(),
                });
            }
        }
        weekly_hours.sort_by_key(|day| day.weekday);
        Availability {
            time_zone: self.time_zone.into(),
            session_minutes: self.session_minutes,
            buffer_minutes: self.buffer_minutes,
            notice_hours: self.notice_hours,
            horizon_days: self.horizon_days,
            // As long as the notice: whatever a client books, they can
            // still change at first.
            cancellation_cutoff_hours: self.notice_hours,
            price_cents: self.price_cents,
            weekly_hours,
        }
    }

    fn profile(&self) -> UpdateProfileRequest {
        UpdateProfileRequest {
            headline: self.headline.into(),
            about: self.about.into(),
            specialties: self.specialties.to_vec(),
            tags: self.tags.iter().map(|tag| (*tag).to_owned()).collect(),
            languages: self
                .languages
                .iter()
                .map(|code| (*code).to_owned())
                .collect(),
        }
    }
}

/// Saves the professional's demo rules and profile where they have none:
/// how many of the two were saved.
pub async fn set_up(
    db: &mut AnyConnection,
    id: UserId,
    professional: &DemoProfessional,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let mut saved = 0;
    if availability_repo::rules(db, id).await?.is_none() {
        availability_repo::save(db, id, &professional.availability(), now).await?;
        saved += 1;
    }
    let has_profile = profiles_repo::by_id(db, id)
        .await?
        .is_some_and(|stored| !stored.headline.is_empty() || !stored.about.is_empty());
    if !has_profile {
        profiles_repo::save(db, id, &professional.profile(), now).await?;
        saved += 1;
    }
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_rules_and_profiles_pass_the_api_checks() {
        for professional in &PROFESSIONALS {
            let availability = professional.availability();
            assert!(
                tandem_api::availability::validate(&availability).is_empty(),
                "{}",
                professional.email
            );
            assert!(crate::time_zone::parse(&availability.time_zone).is_some());
            let profile = professional.profile();
            assert_eq!(
                tandem_api::profiles::normalize_profile(&profile),
                Ok(profile.clone())
            );
        }
    }
}
