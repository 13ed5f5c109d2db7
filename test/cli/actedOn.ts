/**
 * Characters a terminal acts on instead of showing: C0 controls, DEL, C1 controls, the
 * direction marks and the bidi embeddings, overrides and isolates. `rawInOutput` leaves
 * out the line feed, which separates the lines the tool prints.
 */
// eslint-disable-next-line no-control-regex -- these are the characters under test
export const actedOn = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- these are the characters under test
export const rawInOutput = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
