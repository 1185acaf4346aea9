import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Fault } from '../state/model.ts';
import type { EmulatorStore } from '../state/store.ts';
import { methodMatches, pathMatches } from './fault-pattern.ts';

/** The first fault that matches and still applies; counts the hit. `times` and `rate` are honoured here. */
export function takeFault(faults: Fault[], method: string, path: string): Fault | undefined {
  for (const fault of faults) {
    if (!methodMatches(fault.method, method) || !pathMatches(fault.path, path)) continue;
    if (fault.times !== undefined && fault.hits >= fault.times) continue;
    if (fault.rate !== undefined && Math.random() >= fault.rate) continue;
    fault.hits++;
    return fault;
  }
  return undefined;
}

const isControlPath = (url: string) => url === '/_emulator' || url.startsWith('/_emulator/') || url.startsWith('/_emulator?');

/**
 * Root-level hooks that apply injected faults to every route but the control API: a delay, a
 * Zoom-shaped error instead of the work, or the work done and the answer never sent (the socket
 * is destroyed once the response is ready, so the caller sees a connection error).
 */
export function installFaultHooks(app: FastifyInstance, store: EmulatorStore): void {
  const dropped = new WeakSet<FastifyRequest>();

  app.addHook('onRequest', (request, reply, done) => {
    if (store.faults.length === 0 || isControlPath(request.url)) return done();
    const fault = takeFault(store.faults, request.method, request.url.split('?')[0]!);
    if (!fault) return done();
    const act = (): void => {
      if (fault.dropResponse) {
        dropped.add(request);
        return done();
      }
      if (fault.status !== undefined) {
        void reply.code(fault.status).send({ code: fault.zoomCode ?? fault.status, message: fault.message ?? STATUS_CODES[fault.status] ?? 'Injected fault' });
        return;
      }
      done();
    };
    if (fault.latencyMs) setTimeout(act, fault.latencyMs);
    else act();
  });

  app.addHook('onSend', (request, _reply, payload, done) => {
    if (dropped.has(request)) request.raw.socket?.destroy();
    done(null, payload);
  });
}
