import type { Account, User } from '../../state/model.ts';

/**
 * `GET /users/{userId}/settings`, built from the user's meeting settings. Only the groups and
 * fields a scheduling client reads are filled; `mute_upon_entry` sits in `schedule_meeting` as
 * Zoom sends it (the OpenAPI document omits it there).
 */
export function userSettingsJson(user: User, account: Account): Record<string, unknown> {
  const s = user.settings;
  const licensed = account.plan !== 'free';
  return {
    schedule_meeting: {
      host_video: s.hostVideo,
      participants_video: s.participantVideo,
      join_before_host: s.joinBeforeHost,
      mute_upon_entry: s.muteUponEntry,
      audio_type: 'voip',
      require_password_for_scheduling_new_meetings: s.requirePasscode,
      require_password_for_scheduled_meetings: s.requirePasscode,
      require_password_for_instant_meetings: s.requirePasscode,
      require_password_for_pmi_meetings: s.requirePasscode ? 'all' : 'none',
      embed_password_in_join_link: true,
      pstn_password_protected: s.requirePasscode,
      meeting_password_requirement: {
        length: 6,
        have_letter: false,
        have_number: false,
        have_special_character: false,
        only_allow_numeric: false,
        have_upper_and_lower_characters: false,
        consecutive_characters_length: 0,
        weak_enhance_detection: false,
      },
      personal_meeting: true,
      use_pmi_for_scheduled_meetings: false,
      use_pmi_for_instant_meetings: false,
      force_pmi_jbh_password: false,
    },
    in_meeting: {
      waiting_room: s.waitingRoom,
      chat: true,
      private_chat: true,
      co_host: licensed,
      screen_sharing: true,
      breakout_room: licensed,
    },
    recording: {
      auto_recording: s.autoRecording,
      local_recording: true,
      cloud_recording: licensed,
      record_audio_file: licensed,
      recording_audio_transcript: licensed,
      save_chat_text: true,
      host_pause_stop_recording: true,
    },
    feature: {
      meeting_capacity: licensed ? 300 : 100,
      large_meeting: false,
      webinar: false,
      cn_meeting: false,
      in_meeting: false,
    },
    email_notification: {
      schedule_for_reminder: true,
      cancel_meeting_reminder: true,
      jbh_reminder: true,
    },
  };
}
