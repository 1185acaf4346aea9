import { describe, expect, it } from 'vitest';
import { EmulatorClock } from './clock.ts';

describe('EmulatorClock', () => {
  it('moves forward by the seconds a test advances it', () => {
    const clock = new EmulatorClock();
    const before = clock.now();
    clock.advance(3600);
    expect(clock.now() - before).toBeGreaterThanOrEqual(3_600_000);
    expect(clock.now() - before).toBeLessThan(3_660_000);
  });
});
