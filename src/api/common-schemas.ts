import { z } from 'zod';

/** A 204 answer: the change is made and the body is empty. */
export const noContent = z.undefined().describe('Done; no body');
