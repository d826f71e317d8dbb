// A request body that is not JSON: kept apart from "no body" so that the key in the header is still
// checked first and each operation answers it with a code of its own table.
export class UnreadableBody {
  constructor(
    /** Characters received, for the journal. */
    readonly length: number,
  ) {}
}
