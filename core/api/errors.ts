/**
 * The one error shape every transport carries back to the UI, so a failure reads the same
 * whether it crossed Electron IPC or HTTP.
 */
import { z } from 'zod';

export const apiErrorCodes = ['invalid-input', 'not-found', 'conflict', 'forbidden', 'internal', 'invalid-output'] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiErrorBodySchema = z.object({
  code: z.enum(apiErrorCodes),
  message: z.string(),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** What a transport returns for one call: the value or the error, never a thrown stack. */
export const apiResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorBodySchema }),
]);
export type ApiResult = z.infer<typeof apiResultSchema>;

/**
 * An API failure with a machine-readable code and a message meant for the user.
 *
 * @example throw new ApiError('not-found', 'No session 12.')
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly code: ApiErrorCode, message: string) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message };
  }
}

/**
 * One line describing a zod failure: the first issues with their paths.
 *
 * @example describeZodError(err) // => "name: Too small: expected string to have >=1 characters"
 */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
