/**
 * The metronome's click log on its way to the database: clicks are queued as scheduled and sent
 * about once a second (and at the end), one request at a time, in order; a failed send keeps
 * its clicks for the next try.
 */
import type { MetronomeClick } from '../../core/api/schemas';

export interface ClickLog {
  push(click: MetronomeClick): void;
  /** Sends everything queued; resolves when the backend has it. */
  flush(): Promise<void>;
  /** Final flush and no more timer. */
  stop(): Promise<void>;
}

/** @example const log = createClickLog((clicks) => api.appendClicks({ sessionId, clicks }).then(() => {})); */
export function createClickLog(send: (clicks: MetronomeClick[]) => Promise<void>, everyMs = 1000, onError?: (error: unknown) => void): ClickLog {
  const queue: MetronomeClick[] = [];
  let chain: Promise<void> = Promise.resolve();
  const flush = () => {
    chain = chain.then(async () => {
      if (queue.length === 0) return;
      const batch = queue.splice(0, queue.length);
      try {
        await send(batch);
      } catch (error) {
        queue.unshift(...batch);
        onError?.(error);
      }
    });
    return chain;
  };
  const timer = setInterval(() => void flush(), everyMs);
  return {
    push: (click) => {
      queue.push(click);
    },
    flush,
    stop: async () => {
      clearInterval(timer);
      await flush();
    },
  };
}
