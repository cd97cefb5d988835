// The admin portal's session: an expert-portal session does not count here.
import { createSession } from '../common/session.js'

export default createSession('admin')
