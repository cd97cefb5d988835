// Entry of the admin site (mounted at /admin/).
import App from './App.vue'
import router from './router.js'
import session from './session.js'
import { boot } from '../common/boot.js'
import { ADMIN_NAME } from '../common/site.js'

boot(App, router, session, ADMIN_NAME)
