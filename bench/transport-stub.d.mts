/** Requests answered so far, by `x-amz-target`. */
export const stubCalls: Map<string, number>;
/** From now on every HTTP(S) request in this process is answered by the stub; `secrets` by id. */
export function stubTransport(secrets: Record<string, string>): void;
