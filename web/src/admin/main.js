// Entry of the admin site (mounted at /admin/).
import App from '../common/App.vue'
import router from './router.js'
import session from './session.js'
import { boot } from '../common/boot.js'

boot(App, router, session, 'admin')
