import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Fault } from '../state/model.ts';

/** `POST /_emulator/faults`: what to match and what to do. At least one effect is required. */
export const faultBody = z.object({
  match: z.object({
    method: z.string().regex(/^(\*|[A-Za-z]+)$/, 'an HTTP method or *').default('*'),
    path: z.string().startsWith('/', 'a path pattern starting with /'),
  }),
  status: z.number().int().min(100).max(599).optional(),
  zoomCode: z.number().int().optional(),
  message: z.string().optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  dropResponse: z.boolean().optional(),
  times: z.number().int().min(1).optional(),
  rate: z.number().min(0).max(1).optional(),
}).strict().refine((f) => f.status !== undefined || f.latencyMs !== undefined || f.dropResponse === true, {
  message: 'A fault needs an effect: status, latencyMs or dropResponse.',
});

export type FaultBody = z.output<typeof faultBody>;

export function faultFrom(body: FaultBody): Fault {
  return {
    id: randomUUID(),
    method: body.match.method.toUpperCase(),
    path: body.match.path,
    ...(body.status === undefined ? {} : { status: body.status }),
    ...(body.zoomCode === undefined ? {} : { zoomCode: body.zoomCode }),
    ...(body.message === undefined ? {} : { message: body.message }),
    ...(body.latencyMs === undefined ? {} : { latencyMs: body.latencyMs }),
    ...(body.dropResponse === undefined ? {} : { dropResponse: body.dropResponse }),
    ...(body.times === undefined ? {} : { times: body.times }),
    ...(body.rate === undefined ? {} : { rate: body.rate }),
    hits: 0,
  };
}

/** A fault as the control API shows it (the same shape it was created with, plus id and hits). */
export function faultView(fault: Fault): Record<string, unknown> {
  const { id, method, path, hits, ...effects } = fault;
  return { id, match: { method, path }, ...effects, hits };
}
