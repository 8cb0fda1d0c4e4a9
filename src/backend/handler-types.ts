import type { z } from 'zod';
import type { BACKEND_METHODS, BackendMethod, BackendResult, Identity } from '#shared';

/** A method's params after its zod schema checked them. */
export type MethodParams<M extends BackendMethod> = z.output<(typeof BACKEND_METHODS)[M]['params']>;

/** `caller`: who asked (the decider of approvals; what `whoami` answers). */
export type Handler<M extends BackendMethod> = (params: MethodParams<M>, caller: Identity) => Promise<BackendResult<M>>;

/** Implementations of some Backend API methods, fed params that already passed validation. */
export type Handlers<K extends BackendMethod = BackendMethod> = { [M in K]: Handler<M> };
