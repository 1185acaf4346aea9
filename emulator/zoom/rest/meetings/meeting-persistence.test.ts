import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestWorld, type RestWorld } from '../test-world.ts';

// The sandbox Zoom keeps its meetings in a file. A meeting it has told anyone of (its answer, its
// meeting.created) is in that file by then: an emulator killed right after the answer must not
// come back without the meeting the caller holds, as Zoom never would.

let world: RestWorld;
let file: string;
beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'zoom-persist-')), 'state.json');
  world = await startRestWorld({ persistFile: file, settings: { rateLimits: false } });
});
afterAll(() => world.close());

const savedMeetingIds = () => (JSON.parse(readFileSync(file, 'utf8')) as { meetings: Array<{ id: string }> }).meetings.map((m) => String(m.id));

describe('meetings the sandbox Zoom has announced', () => {
  it('are saved before the answer goes out, and so is their deletion', async () => {
    const token = world.token(['meeting:write', 'meeting:read']);
    const created = (await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'Kept', start_time: '2030-01-01T10:00:00Z', duration: 30 } })).json as { id: number };
    // Read at once: the coalesced save comes 100 ms later, so only a save before the answer is here yet.
    expect(savedMeetingIds()).toContain(String(created.id));
    expect((await world.call('DELETE', `/v2/meetings/${created.id}`, { token })).status).toBe(204);
    expect(savedMeetingIds()).not.toContain(String(created.id));
  });
});
