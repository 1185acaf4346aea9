import { describe, expect, it } from 'vitest';
import { zoomSpec } from './spec-validator.ts';

describe('Zoom OpenAPI validator', () => {
  const spec = zoomSpec();

  it('finds operations by template or by concrete path, static segments first', () => {
    expect(spec.operation('POST', '/users/{userId}/meetings').operationId).toBe('meetingCreate');
    expect(spec.operation('GET', '/v2/users/me/meetings?page_size=3').operationId).toBe('meetings');
    expect(spec.operation('GET', '/v2/meetings/85746065432/recordings').operationId).toBe('recordingGet');
    expect(() => spec.operation('GET', '/v2/nowhere/at/all/really')).toThrow(/No operation/);
  });

  it('accepts a local start_time in requests but wants an offset in responses', () => {
    expect(spec.validateRequest('POST', '/v2/users/me/meetings', { start_time: '2030-01-02T10:00:00', timezone: 'Europe/Paris' }).ok).toBe(true);
    expect(spec.validateRequest('POST', '/v2/users/me/meetings', { start_time: 'tomorrow' }).ok).toBe(false);
    expect(spec.validateResponse('GET', '/v2/meetings/1', 200, { id: 85746065432, start_time: '2030-01-02T10:00:00' }).ok).toBe(false);
    expect(spec.validateResponse('GET', '/v2/meetings/1', 200, { id: 85746065432, start_time: '2030-01-02T10:00:00Z' }).ok).toBe(true);
  });

  it('holds an object to the oneOf alternative whose own properties it uses', () => {
    expect(spec.validateResponse('GET', '/v2/users/me/settings', 200, { schedule_meeting: { host_video: true } }).ok).toBe(true);
    const bad = spec.validateResponse('GET', '/v2/users/me/settings', 200, { schedule_meeting: { host_video: 'yes' } });
    expect(bad.ok).toBe(false);
    expect(bad.errors.join()).toMatch(/host_video must be boolean/);
  });

  it('allows the extra fields Zoom really sends', () => {
    expect(spec.validateResponse('POST', '/v2/users/me/meetings', 201, { id: 85746065432, uuid: 'abc==', pstn_password: '1' }).ok).toBe(true);
  });

  it('wants 204 empty, documented 2xx only, and Zoom error bodies otherwise', () => {
    expect(spec.validateResponse('PATCH', '/v2/meetings/1', 204, '').ok).toBe(true);
    expect(spec.validateResponse('PATCH', '/v2/meetings/1', 204, { code: 1 }).ok).toBe(false);
    expect(spec.validateResponse('PATCH', '/v2/meetings/1', 200, {}).ok).toBe(false);
    expect(spec.validateResponse('GET', '/v2/meetings/1', 404, { code: 3001, message: 'Meeting 1 is not found or has expired.' }).ok).toBe(true);
    expect(spec.validateResponse('GET', '/v2/meetings/1', 429, { error: 'slow down' }).ok).toBe(false);
  });
});
