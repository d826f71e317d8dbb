// What a provider asks about a message or call it plans (`ctx.scenarios.outcome(...)`), and what it
// may be told. Core defines the question so providers need not know the scenario engine that
// answers it; the engine's OutcomeEffect schema (scenarios/schema.ts) is checked against this shape.

export interface OutcomeQuery {
  provider: string;
  kind: string;
  account?: string;
  number?: string;
  operation?: string;
}

/** A scenario's `outcome` as loaded (durations in ms), with the rule that gave it. */
export interface OutcomeOverride {
  /** Final state: a common word (answered, delivered…) or the provider's own word or code. */
  state?: string;
  /** Result of each dial attempt in turn; the last one repeats. */
  attempts?: string[];
  /** Milliseconds until the final state is reached. */
  after?: number;
  /** Seconds the call is connected. */
  duration?: number;
  /** Digits the subscriber presses. */
  dtmf?: string;
  /** An incoming SMS from the subscriber, `after` ms later. */
  reply?: { text: string; after: number };
  /** `scenario#rule`, for logs and the journal. */
  rule: string;
}

/** The scenario engine as providers see it. */
export interface OutcomeSource {
  outcome(query: OutcomeQuery): OutcomeOverride | undefined;
}
