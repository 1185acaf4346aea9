import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zoomSpecPath } from '../test-support/spec-validator.ts';
import { acceptedScopes, operations } from './operation-catalog.ts';

interface SpecOp {
  operationId: string;
  description?: string;
  extensions?: { 'x-macro-scopes'?: string[]; 'x-granular-scopes'?: string[] };
}

const spec = JSON.parse(readFileSync(zoomSpecPath, 'utf8')) as { paths: Record<string, Record<string, SpecOp>> };

describe('operation catalog', () => {
  for (const op of Object.values(operations)) {
    it(`${op.operationId} matches the OpenAPI document`, () => {
      const specOp = spec.paths[op.path]?.[op.method.toLowerCase()];
      expect(specOp?.operationId).toBe(op.operationId);
      expect(op.macroScopes).toEqual(specOp?.extensions?.['x-macro-scopes'] ?? []);
      expect(op.granularScopes).toEqual(specOp?.extensions?.['x-granular-scopes'] ?? []);
      const label = /Rate Limit Label[^`]*`([^`]+)`/.exec(specOp?.description ?? '')?.[1];
      expect(label?.toLowerCase()).toBe(op.category.toLowerCase());
    });
  }

  it('adds the granular scopes reference.md names but the document lacks', () => {
    expect(acceptedScopes(operations.meetingUpdate)).toContain('meeting:update:meeting');
    expect(acceptedScopes(operations.meetingDelete)).toContain('meeting:delete:meeting');
    expect(acceptedScopes(operations.meeting)).toContain('meeting:read:meeting');
    expect(acceptedScopes(operations.recordingGet)).toContain('cloud_recording:read:list_recording_files');
    expect(acceptedScopes(operations.recordingsList)).toContain('cloud_recording:read:list_user_recordings');
    expect(acceptedScopes(operations.user)).toContain('user:read:user');
  });
});
