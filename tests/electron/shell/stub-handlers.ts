// Handlers that fail loudly unless a test provides the one it calls.
import { apiNames } from '../../../core/api/contract';
import type { ApiHandlers } from '../../../electron/backend/dispatch';

export function stubHandlers(overrides: Partial<ApiHandlers>): ApiHandlers {
  const handlers: Partial<Record<string, unknown>> = {};
  for (const name of apiNames) {
    handlers[name] = overrides[name] ?? (() => {
      throw new Error(`stub: ${name} not expected in this test`);
    });
  }
  return handlers as ApiHandlers;
}
