/** The default seed of every generated run (`ualign verify`, `ualign check`, the properties of `npm test`). */
export const DEFAULT_SEED = 20260127;
