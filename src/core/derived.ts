// A value derived from an object on first use and rebuilt when the object is replaced (a data file
// or a reset brings new store tables). Made per simulator (inside a provider's factory), so nothing
// derived from one simulator's state is held where another could reach it.
export function derivedFrom<S extends object, V>(build: (source: S) => V): (source: S) => V {
  let source: S | undefined;
  let value: V | undefined;
  return (current) => {
    if (current !== source) {
      value = build(current);
      source = current;
    }
    return value as V;
  };
}
