// The operation names of a provider's documented routes, as its route configs carry them.
import type { OperationDoc } from './types.js';

export const simOperationsOf = (...docs: (readonly OperationDoc[])[]): string[] => [
  ...new Set(docs.flat().flatMap((op) => (op.simOperation === undefined ? [] : [op.simOperation]))),
];
