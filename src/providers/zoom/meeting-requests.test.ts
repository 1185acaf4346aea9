import { describe, expect, it } from 'vitest';
import { meetingBody, meetingChangeBody, parseZoomMeeting } from './meetings-api.ts';
import { meetingPathId, parseMeetingRecording } from './recordings-api.ts';
import { featureCoverage, featuresNamed, uncoveredFeatures } from './scopes.ts';

describe('Zoom meeting and recording requests, no network', () => {
  it('sends an update only what changes', () => {
    expect(meetingChangeBody({ topic: 'Renamed' })).toEqual({ topic: 'Renamed' });
    expect(meetingChangeBody({ start: new Date('2031-03-05T09:30:00.000Z'), durationMinutes: 60, settings: { muteUponEntry: true } }))
      .toEqual({ start_time: '2031-03-05T09:30:00Z', duration: 60, settings: { mute_upon_entry: true } });
    // A waiting room keeps participants from joining before the host, as Zoom itself would decide.
    expect(meetingChangeBody({ settings: { waitingRoom: true, joinBeforeHost: true } }).settings).toEqual({ waiting_room: true, join_before_host: false });
  });

  it('leaves settings and zone that were not chosen to the host’s Zoom defaults on create', () => {
    const body = meetingBody({ topic: 'Call', agenda: '', start: new Date('2031-01-01T10:00:00Z'), durationMinutes: 30, settings: {} });
    expect(body).toEqual({ topic: 'Call', type: 2, start_time: '2031-01-01T10:00:00Z', duration: 30, agenda: '', settings: { approval_type: 2 } });
  });

  it('reads the meeting fields the API shows, and encodes meeting UUIDs as Zoom asks', () => {
    const meeting = parseZoomMeeting({
      id: 85746065432, uuid: 'aDYlohsHRtCd4ii1uC2+hA==', host_id: 'h1', topic: 'T', type: 2, status: 'waiting', start_time: '2031-01-01T10:00:00Z',
      duration: 30, timezone: 'UTC', created_at: '2030-12-01T08:00:00Z', join_url: 'https://zoom.us/j/85746065432', start_url: 'https://zoom.us/s/1?zak=secret',
      password: 'abc', settings: { waiting_room: true, auto_recording: 'cloud', host_video: true },
    });
    expect(meeting).toMatchObject({ id: '85746065432', type: 2, status: 'waiting', durationMinutes: 30, timeZone: 'UTC', settings: { waitingRoom: true, autoRecording: 'cloud' } });
    expect(meetingPathId('85746065432')).toBe('85746065432');
    expect(meetingPathId('aDY+hA==')).toBe('aDY%2BhA%3D%3D');
    expect(meetingPathId('/aDY//hA==')).toBe(encodeURIComponent(encodeURIComponent('/aDY//hA==')));
    const recording = parseMeetingRecording({ uuid: 'u', id: 1, topic: 'T', start_time: '2031-01-01T10:00:00Z', duration: 12, total_size: 10, recording_files: [
      { id: 'f', file_type: 'MP4', file_extension: 'MP4', file_size: 10, recording_type: 'active_speaker', download_url: 'https://zoom.us/rec/download/f' },
    ] });
    expect(recording).toMatchObject({ meetingId: '1', topic: 'T', durationMinutes: 12, totalSize: 10, files: [{ id: 'f', recordingType: 'active_speaker' }] });
  });

  it('tells which features a scope list lacks outright: meeting:write names no read scope', () => {
    const confersApp = ['meeting:write', 'recording:read', 'user_info:read'];
    expect(uncoveredFeatures(confersApp, ['create_meetings', 'update_meetings', 'read_recordings', 'list_user_recordings', 'read_profile'])).toEqual([]);
    expect(uncoveredFeatures(confersApp, ['update_meetings', 'read_meetings']).map((f) => f.feature)).toEqual(['read_meetings']);
    expect(uncoveredFeatures(['meeting:read:meeting', 'cloud_recording:read:list_recording_files'], ['read_meetings', 'read_recordings', 'list_user_recordings']).map((f) => f.feature))
      .toEqual(['list_user_recordings']);
  });

  it('leaves to Zoom whether a classic write scope reads, keeps granular scopes exact, and names scopes of the grant’s kind', () => {
    const [readMeetings] = featuresNamed(['read_meetings']);
    expect(featureCoverage(['meeting:write', 'recording:read', 'user_info:read'], readMeetings!)).toEqual({ verdict: 'untested', scopes: ['meeting:read', 'meeting:read:admin'] });
    expect(featureCoverage(['meeting:write:admin'], readMeetings!).verdict).toBe('untested');
    expect(featureCoverage(['meeting:read', 'meeting:write'], readMeetings!).verdict).toBe('granted');
    expect(featureCoverage(['meeting:write:meeting', 'meeting:update:meeting'], readMeetings!)).toEqual({ verdict: 'missing', scopes: ['meeting:read:meeting', 'meeting:read:meeting:admin'] });
    expect(featureCoverage(['recording:read', 'user_info:read'], readMeetings!).verdict).toBe('missing');
    const [listRecordings] = featuresNamed(['list_user_recordings']);
    expect(featureCoverage(['cloud_recording:read:list_recording_files'], listRecordings!).verdict).toBe('missing');
  });
});
