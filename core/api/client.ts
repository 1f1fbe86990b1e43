/**
 * Builds an `EvenkeysApi` on top of any transport: a function that sends (name, input) somewhere
 * and resolves with an `ApiResult`. The Electron preload bridge and the HTTP transport are both
 * such functions, which is why the renderer never knows which one it has.
 */
import { apiContract, apiNames } from './contract';
import type { ApiName, EvenkeysApi } from './contract';
import { ApiError, apiResultSchema, describeZodError } from './errors';

/** Sends one call and resolves with the transport's raw answer (an ApiResult, still untrusted). */
export type ApiTransport = (name: ApiName, input: unknown) => Promise<unknown>;

/**
 * Wraps a transport: inputs are checked before sending (early, readable errors) and outputs are
 * parsed on arrival, so the UI only ever sees values of the declared shapes.
 *
 * @example
 * const api = createApiClient((name, input) => window.evenkeys.call(name, input));
 * const profiles = await api.listProfiles({});
 */
export function createApiClient(transport: ApiTransport): EvenkeysApi {
  const client: Partial<Record<ApiName, (input: unknown) => Promise<unknown>>> = {};
  for (const name of apiNames) {
    const { input: inputSchema, output: outputSchema } = apiContract[name];
    client[name] = async (input: unknown) => {
      const checkedInput = inputSchema.safeParse(input);
      if (!checkedInput.success) throw new ApiError('invalid-input', `${name}: ${describeZodError(checkedInput.error)}`);
      const answer = apiResultSchema.safeParse(await transport(name, checkedInput.data));
      if (!answer.success) throw new ApiError('internal', `${name}: malformed answer from the backend`);
      if (!answer.data.ok) throw new ApiError(answer.data.error.code, answer.data.error.message);
      const output = outputSchema.safeParse(answer.data.value);
      if (!output.success) throw new ApiError('invalid-output', `${name}: ${describeZodError(output.error)}`);
      return output.data;
    };
  }
  // Every name was filled in the loop above; the mapped type cannot follow a loop.
  return client as EvenkeysApi;
}
