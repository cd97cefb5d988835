// The props every step of the application form takes: the application's data (edited in place),
// the messages by field path, the options (GET /api/apply/options), and whether the screen is narrow.
export const STEP_PROPS = {
  data: { type: Object, required: true },
  errors: { type: Object, required: true },
  options: { type: Object, required: true },
  narrow: { type: Boolean, default: false },
}
