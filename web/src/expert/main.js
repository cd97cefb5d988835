// Entry of the expert site.
import App from '../common/App.vue'
import router from './router.js'
import session from './session.js'
import { boot } from '../common/boot.js'

boot(App, router, session, 'expert')
