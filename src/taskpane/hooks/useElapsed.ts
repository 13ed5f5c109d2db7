import { useEffect, useState } from 'react';

/** `0:07`, `2:05`, `1:02:05`: elapsed time as a clock shows it. */
export function elapsedInWords(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Time since `startedAt`, ticking once a second while `startedAt` is set. */
export function useElapsed(startedAt: number | undefined, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (startedAt === undefined) return undefined;
    setNow(clock());
    const timer = setInterval(() => setNow(clock()), 1000);
    return () => clearInterval(timer);
  }, [startedAt, clock]);
  return startedAt === undefined ? 0 : Math.max(0, now - startedAt);
}
