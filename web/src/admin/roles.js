// What the logged-in admin may see: the session's roles (super, reviewer, manager; one person may
// hold several). The server checks every route again; this only shapes the menu and the pages.
import session from './session.js'

export function hasRole(role) {
  const roles = (session.user && session.user.roles) || []
  return roles.includes(role)
}

// Route guard: pages whose meta.role (a role, or a list of which any will do) the user lacks go
// to the home page.
export function requireRole(to) {
  return !to.meta.role || [].concat(to.meta.role).some(hasRole) ? true : { name: 'home' }
}
