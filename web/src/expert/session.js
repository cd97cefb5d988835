// The expert portal's session.
import { createSession } from '../common/session.js'

export default createSession('expert')
