// Request bodies as Mobilgroup reads them: JSON whatever the Content-Type. A body that is not JSON is
// kept apart from "no body" so that the key in the header is still checked first and each operation
// answers it with a code of its own table.
import { jsonWhateverTheType } from '../../core/bodies.js';

export class UnreadableBody {
  constructor(
    /** Characters received, for the journal. */
    readonly length: number,
  ) {}
}

/** JSON whatever the Content-Type, as the platform reads the raw body; `__proto__` keys are dropped. */
export const MOBILGROUP_BODIES = jsonWhateverTheType((text) => new UnreadableBody(text.length));
