/**
 * The single entry point both transports (Electron IPC and the browser-mode HTTP host) call:
 * `dispatch(name, rawInput)` checks the name against the contract, validates the input with its
 * schema, runs the handler and validates the output, and always resolves with an ApiResult.
 */
import type { z } from 'zod';
import { apiContract, isApiName } from '../../core/api/contract';
import type { ApiContract, ApiName, ApiOutput } from '../../core/api/contract';
import { ApiError, describeZodError } from '../../core/api/errors';
import type { ApiResult } from '../../core/api/errors';

/** A handler receives the parsed input (defaults applied) and returns the declared output. */
export type ApiHandlers = {
  [N in ApiName]: (input: z.output<ApiContract[N]['input']>) => ApiOutput<N> | Promise<ApiOutput<N>>;
};

export type Dispatch = (name: string, rawInput: unknown) => Promise<ApiResult>;

/** Where unexpected (non-ApiError) failures are reported; the caller only sees "internal". */
export type ErrorLogger = (name: string, error: unknown) => void;

/**
 * Binds handlers to the contract.
 *
 * @example
 * const dispatch = createDispatch(handlers);
 * await dispatch('createProfile', { name: 'Ana' }); // => { ok: true, value: { id: 1, ... } }
 * await dispatch('createProfile', { name: '' });    // => { ok: false, error: { code: 'invalid-input', ... } }
 */
export function createDispatch(handlers: ApiHandlers, logError: ErrorLogger = defaultLogger): Dispatch {
  return async (name, rawInput) => {
    if (!isApiName(name)) return failure(new ApiError('not-found', `Unknown API operation "${name}".`));
    const { input: inputSchema, output: outputSchema } = apiContract[name];
    const input = inputSchema.safeParse(rawInput);
    if (!input.success) return failure(new ApiError('invalid-input', `${name}: ${describeZodError(input.error)}`));
    let value: unknown;
    try {
      // The name was narrowed above, so this handler's input type is the one just parsed.
      const handler = handlers[name] as (input: unknown) => unknown;
      value = await handler(input.data);
    } catch (error) {
      if (error instanceof ApiError) return failure(error);
      logError(name, error);
      return failure(new ApiError('internal', `${name} failed: ${error instanceof Error ? error.message : String(error)}`));
    }
    const output = outputSchema.safeParse(value);
    if (!output.success) {
      logError(name, output.error);
      return failure(new ApiError('invalid-output', `${name}: ${describeZodError(output.error)}`));
    }
    return { ok: true, value: output.data };
  };
}

function failure(error: ApiError): ApiResult {
  return { ok: false, error: error.toBody() };
}

function defaultLogger(name: string, error: unknown): void {
  console.error(`evenkeys: ${name} failed:`, error);
}
