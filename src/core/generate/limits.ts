// Bounds of generated data, in a module of their own so schemas can name them without loading faker.
/** One day of traffic at most: a longer stretch is a loop of days, and a request must answer. */
export const MAX_TRAFFIC_MINUTES = 1440;
/** Accounts per provider a generation may ask for: each is a few hundred bytes in four files. */
export const MAX_GENERATED_ACCOUNTS = 10_000;
