import type { FastifyInstance } from 'fastify';
import { controlErrorHandler, parseControlBody, RestControlError } from '../control-api/control-errors.ts';
import type { EmulatorStore } from '../state/store.ts';
import { faultBody, faultFrom, faultView } from './fault-input.ts';

/** `/_emulator/faults`: inject, list and remove faults. */
export function registerFaultRoutes(app: FastifyInstance, store: EmulatorStore): void {
  const options = { errorHandler: controlErrorHandler };

  app.post('/_emulator/faults', options, async (request, reply) => {
    const fault = faultFrom(parseControlBody(faultBody, request.body));
    store.faults.push(fault);
    return reply.code(201).send(faultView(fault));
  });

  app.get('/_emulator/faults', options, async () => ({ faults: store.faults.map(faultView) }));

  app.delete('/_emulator/faults', options, async () => {
    const deleted = store.faults.length;
    store.faults = [];
    return { deleted };
  });

  app.delete<{ Params: { id: string } }>('/_emulator/faults/:id', options, async (request, reply) => {
    const index = store.faults.findIndex((f) => f.id === request.params.id);
    if (index < 0) throw new RestControlError('FAULT_NOT_FOUND', `No fault with id ${request.params.id}.`);
    store.faults.splice(index, 1);
    return reply.code(204).send();
  });
}
