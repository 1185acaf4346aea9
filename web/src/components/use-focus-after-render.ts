import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Moves focus once React has committed the render a state change causes, so the element to focus
 * (a field just marked invalid, a button that just reappeared) exists and is enabled. A
 * requestAnimationFrame can run before that render on a busy machine, and then focuses nothing.
 */
export function useFocusAfterRender(): (target: () => HTMLElement | null | undefined) => void {
  const pending = useRef<(() => HTMLElement | null | undefined) | undefined>(undefined);
  const [request, setRequest] = useState(0);
  useEffect(() => {
    const target = pending.current;
    pending.current = undefined;
    target?.()?.focus();
  }, [request]);
  return useCallback((target) => {
    pending.current = target;
    setRequest((count) => count + 1);
  }, []);
}
