import { describe, expect, it } from 'vitest';
import { requestFingerprint } from '../../core/idempotency/request-fingerprint.ts';
import { markerLength } from './idempotency-keys.ts';

describe('idempotency keys, no database', () => {
  it('fingerprint a request however its fields were ordered, and tell different requests apart', () => {
    const a = requestFingerprint({ topic: 'Call', settings: { waitingRoom: true, autoRecording: 'cloud' }, durationMinutes: 30 });
    const b = requestFingerprint({ durationMinutes: 30, settings: { autoRecording: 'cloud', waitingRoom: true }, topic: 'Call', timeZone: undefined });
    expect(a).toBe(b);
    expect(requestFingerprint({ topic: 'Call', settings: { waitingRoom: false, autoRecording: 'cloud' }, durationMinutes: 30 })).not.toBe(a);
  });

  it('leaves the agenda room for its marker', () => {
    expect(markerLength).toBe('Confer request 0123456789abcdef'.length);
  });
});
