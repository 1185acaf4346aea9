import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { seedUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { book, createPage, pageBody } from '../../support/booking.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, zoomDemoOwner } from '../../support/connections.ts';

let confer: TestConfer;
beforeAll(async () => {
  confer = await startTestConfer();
});
afterAll(async () => {
  await confer?.close();
});

interface EmulatorMeeting { agenda: string; settings: Record<string, unknown> }
const emulatorMeetings = async () => (await callJson<{ meetings: EmulatorMeeting[] }>(confer.emulator.url, 'GET', '/_emulator/meetings')).body.meetings;

describe('a new booking page’s Zoom options', () => {
  it('start from the host’s own Zoom settings when the connection may read them, and reach the meetings Confer creates', async () => {
    const { clientId } = confer.emulator.seed!.app!;
    const accountId = confer.emulator.seed!.users[0]!.accountId;
    // An app that also asks for user:read:settings, and a Zoom user whose defaults differ from Zoom's.
    await callJson(confer.emulator.url, 'PATCH', `/_emulator/apps/${clientId}`, { scopes: ['meeting:write', 'recording:read', 'user_info:read', 'user:read:settings'] });
    const zoomUser = { email: 'settings@confer.test', password: 'zoom-settings' };
    const created = await callJson(confer.emulator.url, 'POST', '/_emulator/users', {
      accountId, ...zoomUser, firstName: 'Sam', lastName: 'Settings',
      settings: { waitingRoom: false, requirePasscode: false, joinBeforeHost: true, autoRecording: 'cloud', muteUponEntry: true },
    });
    expect(created.status).toBe(201);

    const host = await seedUser(confer.confer.database.db, { name: 'Sam Settings' });
    const connectionId = ((await connectZoom(confer.url, host, zoomUser)).message as { connectionId: string }).connectionId;
    const defaults = (await apiAs(confer.url, host.cookie).get('/api/v1/booking-pages/defaults')).body;
    expect(defaults).toMatchObject({
      connectionId,
      zoomSettingsSource: 'zoom',
      zoomSettings: { waitingRoom: false, passcodeRequired: false, joinBeforeHost: true, autoRecording: 'cloud', muteUponEntry: true },
    });

    // Changed on the page: these are what Zoom gets.
    const page = await createPage(confer.url, host, pageBody(connectionId, {
      zoomSettings: { ...defaults.zoomSettings, waitingRoom: true, joinBeforeHost: false, autoRecording: 'local' },
    }));
    const booked = await book(confer.url, page.slug, { start: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 11) + '15:00:00.000Z' });
    expect(booked.status).toBe(201);
    const meeting = await eventually('the meeting', async () => (await emulatorMeetings()).find((m) => m.agenda.includes(`Confer booking ${booked.body.id}`)));
    expect(meeting.settings).toMatchObject({ waiting_room: true, join_before_host: false, auto_recording: 'local', mute_upon_entry: true });
  });

  it('fall back to Zoom’s standard settings, and say why, when the connection may not read them', async () => {
    const { clientId } = confer.emulator.seed!.app!;
    await callJson(confer.emulator.url, 'PATCH', `/_emulator/apps/${clientId}`, { scopes: ['meeting:write', 'recording:read', 'user_info:read'] });
    const host = await seedUser(confer.confer.database.db, { name: 'Nora Nosettings' });
    await connectZoom(confer.url, host, zoomDemoOwner);
    const defaults = (await apiAs(confer.url, host.cookie).get('/api/v1/booking-pages/defaults')).body;
    expect(defaults.zoomSettingsSource).toBe('default');
    expect(defaults.zoomSettings).toEqual({ waitingRoom: true, passcodeRequired: true, joinBeforeHost: false, autoRecording: 'none', muteUponEntry: false });
    expect(defaults.zoomSettingsNote).toContain('user:read:settings');
  });
});

describe('bad booking page input', () => {
  it('is refused field by field as problem+json, and stores nothing', async () => {
    const host = await seedUser(confer.confer.database.db, { name: 'Bea Badinput' });
    const connectionId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
    const api = apiAs(confer.url, host.cookie);
    const refused = await api.post('/api/v1/booking-pages', pageBody(connectionId, {
      slug: 'Not A Slug!',
      durationMinutes: 0,
      timeZone: 'Mars/Olympus_Mons',
      weeklyHours: { mon: [['17:00', '09:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    }));
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const fields = (refused.body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['slug', 'durationMinutes', 'timeZone']));
    expect((await api.get('/api/v1/booking-pages')).body.bookingPages).toHaveLength(0);

    await createPage(confer.url, host, pageBody(connectionId, { slug: 'bea-intro' }));
    const taken = await api.post('/api/v1/booking-pages', pageBody(connectionId, { slug: 'bea-intro' }));
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('BOOKING_PAGE_SLUG_TAKEN');
    expect((await api.get('/api/v1/booking-pages')).body.bookingPages).toHaveLength(1);
  });
});
